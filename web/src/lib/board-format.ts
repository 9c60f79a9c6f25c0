// How board figures are written: rates as percentages, times to reply in hours or days.
import type { FigureValues } from '../api/figures.ts';
import { formatNumber, orgName, t } from '../i18n/index.ts';

/** The figures a board shows, in order, with how each is written. */
export const boardFigureKeys = [
  'published',
  'replied',
  'replyRate',
  'onTimeRate',
  'satisfactionRate',
  'medianHoursToReply',
] as const satisfies readonly (keyof FigureValues)[];
export type BoardFigureKey = (typeof boardFigureKeys)[number];

/** A rate (0..1) as "85.0%", or "—" when there is nothing to divide by. */
export const formatRate = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** A median time to reply: hours under two days, days above; "—" when nothing was answered. */
export function formatHours(h: number | null): string {
  if (h === null) return '—';
  if (h < 1) return t('board.underAnHour');
  if (h < 48) return t('board.hours', { n: formatNumber(Math.round(h * 10) / 10) });
  return t('board.days', { n: formatNumber(Math.round((h / 24) * 10) / 10) });
}

export function formatFigure(f: FigureValues, key: BoardFigureKey): string {
  switch (key) {
    case 'published':
    case 'replied':
      return formatNumber(f[key]);
    case 'medianHoursToReply':
      return formatHours(f.medianHoursToReply);
    default:
      return formatRate(f[key]);
  }
}

/** A unit named with its English name alongside ({ code, name, nameEn }), in the reader's language. */
export const unitName = (u: { name: string; nameEn: string | null }): string =>
  orgName(u.nameEn ? { name: u.name, nameEn: u.nameEn } : { name: u.name });
