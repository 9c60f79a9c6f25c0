// Working days on the Chinese mainland calendar, for handling deadlines ("reply within N working
// days"). Holidays and make-up working days (调休上班) come from calendar-cn.yaml beside this file.
//
// Days are China calendar days written 'YYYY-MM-DD'. All arithmetic is done on the UTC date of that
// string, so the host time zone never matters; an instant is turned into a China day with
// chinaDate() (UTC+8, no daylight saving).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { chinaDate } from '../clock.ts';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/** The calendar file cannot be used; start-up stops and prints this. */
export class CalendarFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(
      `Invalid working-day calendar ${file}:\n` +
        problems.map((p) => `  ${p.path || '(file)'}: ${p.message}`).join('\n'),
    );
  }
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' string, or null if it is not a real calendar date. */
function dayNumber(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return null;
  }
  return ms / DAY_MS;
}

function dayString(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday. */
function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

function isWeekend(n: number): boolean {
  const w = weekday(n);
  return w === 0 || w === 6;
}

/** Parses a day given to the public methods; a bad day is a programming error. */
function toDayNumber(day: string, what = 'day'): number {
  const n = dayNumber(day);
  if (n === null) throw new RangeError(`${what} must be a real date as YYYY-MM-DD, got '${day}'`);
  return n;
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a quoted date as YYYY-MM-DD')
  .refine((s) => dayNumber(s) !== null, { message: 'not a real calendar date' });

const yearEntry = z.object({
  status: z.enum(['official', 'provisional']),
  source: z.string().optional(),
  holidays: z.array(z.object({ name: z.string().min(1), from: isoDay, to: isoDay })),
  workdays: z.array(isoDay).default([]),
});

const calendarFile = z
  .object({ years: z.record(z.string().regex(/^\d{4}$/, 'year must be four digits'), yearEntry) })
  .superRefine((file, ctx) => {
    for (const [year, entry] of Object.entries(file.years)) {
      const off = new Map<number, string>();
      entry.holidays.forEach((h, i) => {
        const path = ['years', year, 'holidays', i];
        for (const key of ['from', 'to'] as const) {
          if (!h[key].startsWith(`${year}-`)) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, key],
              message: `${h.name} ${key} ${h[key]} is outside ${year}`,
            });
          }
        }
        const from = dayNumber(h.from)!;
        const to = dayNumber(h.to)!;
        if (to < from) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'to'],
            message: `${h.name} ends (${h.to}) before it starts (${h.from})`,
          });
        }
        for (let n = from; n <= to; n++) {
          const other = off.get(n);
          if (other !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path,
              message: `${h.name} overlaps ${other} on ${dayString(n)}`,
            });
            break;
          }
          off.set(n, h.name);
        }
      });
      const seen = new Set<number>();
      entry.workdays.forEach((d, i) => {
        const path = ['years', year, 'workdays', i];
        const n = dayNumber(d)!;
        if (!d.startsWith(`${year}-`)) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `make-up workday ${d} is outside ${year}`,
          });
        }
        if (!isWeekend(n)) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `make-up workday ${d} is a ${WEEKDAY_NAMES[weekday(n)]}, not a Saturday or Sunday`,
          });
        }
        if (off.has(n)) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `make-up workday ${d} is inside the ${off.get(n)} holiday`,
          });
        }
        if (seen.has(n)) {
          ctx.addIssue({ code: 'custom', path, message: `make-up workday ${d} is listed twice` });
        }
        seen.add(n);
      });
    }
  });

export type CalendarStatus = 'official' | 'provisional';

let loaded: WorkingCalendar | undefined;

/**
 * Mainland China working days: Monday-Friday unless inside a public holiday block, and
 * Saturday/Sunday only when the State Council made it a make-up working day. Years missing from
 * the calendar file fall back to plain Monday-Friday; check covers() before trusting them.
 */
export class WorkingCalendar {
  private readonly holidays = new Map<number, string>();
  private readonly workdays = new Set<number>();
  private readonly years = new Map<number, CalendarStatus>();

  private constructor(file: z.infer<typeof calendarFile>) {
    for (const [year, entry] of Object.entries(file.years)) {
      this.years.set(Number(year), entry.status);
      for (const h of entry.holidays) {
        for (let n = dayNumber(h.from)!; n <= dayNumber(h.to)!; n++) this.holidays.set(n, h.name);
      }
      for (const d of entry.workdays) this.workdays.add(dayNumber(d)!);
    }
  }

  /** The calendar in calendar-cn.yaml beside this module, read and validated once per process. */
  static load(): WorkingCalendar {
    if (!loaded) {
      const file = new URL('./calendar-cn.yaml', import.meta.url);
      loaded = WorkingCalendar.fromYaml(readFileSync(file, 'utf8'), fileURLToPath(file));
    }
    return loaded;
  }

  /** Parses and validates calendar YAML text; throws CalendarFileError naming every problem. */
  static fromYaml(text: string, file = '(calendar yaml)'): WorkingCalendar {
    let raw: unknown;
    try {
      raw = parseYaml(text);
    } catch (error) {
      throw new CalendarFileError(file, [{ path: '', message: (error as Error).message }]);
    }
    const parsed = calendarFile.safeParse(raw);
    if (!parsed.success) {
      throw new CalendarFileError(
        file,
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    return new WorkingCalendar(parsed.data);
  }

  /** Whether the calendar has holiday data for the year of `day`. */
  covers(day: string): boolean {
    return this.status(day) !== null;
  }

  /** 'official', 'provisional' (derived, not yet published) or null (no data: Monday-Friday). */
  status(day: string): CalendarStatus | null {
    toDayNumber(day);
    return this.years.get(Number(day.slice(0, 4))) ?? null;
  }

  /** The holiday block `day` falls in (e.g. '春节'), or null. */
  holidayName(day: string): string | null {
    return this.holidays.get(toDayNumber(day)) ?? null;
  }

  isWorkingDay(day: string): boolean {
    return this.isWorking(toDayNumber(day));
  }

  /** The n-th working day strictly after `day` (n >= 1). `day` itself need not be a working day. */
  addWorkingDays(day: string, n: number): string {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`n must be a whole number of working days >= 1, got ${n}`);
    }
    let d = toDayNumber(day);
    for (let left = n; left > 0;) {
      d++;
      if (this.isWorking(d)) left--;
    }
    return dayString(d);
  }

  /**
   * Working days after `from` up to and including `to`, so that
   * workingDaysBetween(d, addWorkingDays(d, n)) === n. Negative when `to` is before `from`
   * (workingDaysBetween(due, today) > 0 means overdue by that many working days).
   */
  workingDaysBetween(from: string, to: string): number {
    const a = toDayNumber(from, 'from');
    const b = toDayNumber(to, 'to');
    const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let d = lo + 1; d <= hi; d++) if (this.isWorking(d)) count++;
    return sign * count;
  }

  /**
   * The deadline for a reply due within n working days of the instant `startMs`: the end
   * (23:59:59.999 China time) of the n-th working day after the China calendar day of `startMs`.
   */
  dueAt(startMs: number, n: number): number {
    if (!Number.isFinite(startMs)) throw new RangeError(`startMs must be a finite instant`);
    const due = toDayNumber(this.addWorkingDays(chinaDate(startMs), n));
    return (due + 1) * DAY_MS - CHINA_OFFSET_MS - 1;
  }

  private isWorking(n: number): boolean {
    if (this.holidays.has(n)) return false;
    if (this.workdays.has(n)) return true;
    return !isWeekend(n);
  }
}
