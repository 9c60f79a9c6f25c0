// A board's period from the address bar (?from=YYYY-MM&to=YYYY-MM): months the server would
// refuse are left out, so it answers with its default (the twelve months to this one).
import type { BoardPeriod } from '../api/boards.ts';

const month = (v: string | null) => (v && /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? v : undefined);

export function boardPeriod(search: string): BoardPeriod {
  const p = new URLSearchParams(search);
  let from = month(p.get('from'));
  let to = month(p.get('to'));
  if (from && to && from > to) [from, to] = [to, from];
  return { from, to };
}
