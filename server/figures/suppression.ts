// Small-count suppression for public tables (region × topic and their totals).
//
// Primary: a count of 1–4 is never published (shown as "<5"); 0 is shown, it reveals no one.
// Complementary: a table is published with its row totals, column totals and grand total, so a
// lone hidden count in a row or column could be recovered by subtraction. Every line (a row with
// its total, a column with its total, the row totals with the grand total, the column totals with
// the grand total) must therefore hide either nothing or at least two members; when exactly one is
// hidden, the smallest other non-zero member of that line is hidden too, and so on until stable.
// A margin hidden by the table above (a province's topic counts, when drilling into its cities) is
// passed in as already hidden, so drilling down never reveals what the upper table hid.
// This stops recovery by single subtraction; it is the usual small-table heuristic, not an
// optimal (linear-programming) protection against interval attacks.
import { smallCountThreshold } from './definitions.ts';

export type Table = {
  cells: number[][];
  rowTotals: number[];
  colTotals: number[];
  total: number;
};

export type Hidden = {
  cells: boolean[][];
  rowTotals: boolean[];
  colTotals: boolean[];
  total: boolean;
};

const small = (n: number) => n > 0 && n < smallCountThreshold;

type Member = { value: number; hidden: () => boolean; hide: () => void };

export function suppress(
  table: Table,
  preHidden: { colTotals?: boolean[]; total?: boolean } = {},
): Hidden {
  const rows = table.rowTotals.length;
  const cols = table.colTotals.length;
  const h: Hidden = {
    cells: table.cells.map((row) => row.map(small)),
    rowTotals: table.rowTotals.map(small),
    colTotals: table.colTotals.map((n, j) => small(n) || !!preHidden.colTotals?.[j]),
    total: small(table.total) || !!preHidden.total,
  };
  const cell = (i: number, j: number): Member => ({
    value: table.cells[i]![j]!,
    hidden: () => h.cells[i]![j]!,
    hide: () => (h.cells[i]![j] = true),
  });
  const rowTotal = (i: number): Member => ({
    value: table.rowTotals[i]!,
    hidden: () => h.rowTotals[i]!,
    hide: () => (h.rowTotals[i] = true),
  });
  const colTotal = (j: number): Member => ({
    value: table.colTotals[j]!,
    hidden: () => h.colTotals[j]!,
    hide: () => (h.colTotals[j] = true),
  });
  const grand: Member = {
    value: table.total,
    hidden: () => h.total,
    hide: () => (h.total = true),
  };
  const range = (n: number) => Array.from({ length: n }, (_, k) => k);
  // Each line: its parts first, its total last (parts are preferred as complements).
  const lines: Member[][] = [
    ...range(rows).map((i) => [...range(cols).map((j) => cell(i, j)), rowTotal(i)]),
    ...range(cols).map((j) => [...range(rows).map((i) => cell(i, j)), colTotal(j)]),
    [...range(rows).map(rowTotal), grand],
    [...range(cols).map(colTotal), grand],
  ];
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (line.filter((m) => m.hidden()).length !== 1) continue;
      const candidates = line.filter((m) => !m.hidden() && m.value > 0);
      const parts = candidates.filter((m) => m !== line[line.length - 1]);
      const pool = parts.length ? parts : candidates;
      if (!pool.length) continue;
      pool.reduce((a, b) => (b.value < a.value ? b : a)).hide();
      changed = true;
    }
  }
  return h;
}

/** A count as published: null when hidden (shown as "<5"). */
export const shown = (value: number, hidden: boolean): number | null => (hidden ? null : value);
