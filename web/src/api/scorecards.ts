// The message board's monthly scorecards of handling units and leaders (public), and the alarm
// list staff watch (tag Figures of the API: GET /scorecards, GET /scorecards/alarms).
import { request } from './request.ts';
import type { LocalText } from './types.ts';

/** A definition the server states for a figure, in both languages. */
export type Definition = { zh: string; en: string };

export type ScorecardUnit = { code: string; name: string; nameEn: string | null };
export type ScorecardAddressee = { key: string; title: LocalText };

export type ScorecardFigures = {
  received: number;
  answered: number;
  /** 0–1, null when nothing to divide by. */
  answerRate: number | null;
  onTime: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  returned: number;
  overdueNow: number;
};
export const scorecardFigureKeys = [
  'received',
  'answered',
  'answerRate',
  'onTime',
  'onTimeRate',
  'satisfactionRate',
  'returned',
  'overdueNow',
] as const satisfies readonly (keyof ScorecardFigures)[];
export type ScorecardFigureKey = (typeof scorecardFigureKeys)[number];

export type Scorecards = {
  /** YYYY-MM. */
  month: string;
  countedAt: number;
  definitions: Partial<Record<ScorecardFigureKey | 'month' | 'silentBoard', Definition>>;
  units: (ScorecardFigures & { unit: ScorecardUnit })[];
  addressees: (ScorecardFigures & { addressee: ScorecardAddressee })[];
};

export type Alarms = {
  countedAt: number;
  definitions: Partial<Record<'overdueNow' | 'silentBoard', Definition>>;
  overdueUnits: { unit: ScorecardUnit; overdue: number; oldestDue: number }[];
  silentBoards: {
    addressee: ScorecardAddressee;
    lastAnswerAt: number | null;
    oldestWaiting: number;
  }[];
};

/** A month's scorecards (YYYY-MM); without one, last month's. */
export const scorecards = (month: string | undefined, signal?: AbortSignal) =>
  request<Scorecards>('/scorecards', {
    query: month ? { month } : {},
    ...(signal ? { signal } : {}),
  });

export const alarms = (signal?: AbortSignal) =>
  request<Alarms>('/scorecards/alarms', signal ? { signal } : {});
