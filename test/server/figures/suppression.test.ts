import { describe, expect, it } from 'vitest';
import { suppress, type Table } from '../../../server/figures/suppression.ts';

const table = (cells: number[][]): Table => {
  const rowTotals = cells.map((r) => r.reduce((a, b) => a + b, 0));
  const colTotals = cells[0]!.map((_, j) => cells.reduce((a, r) => a + r[j]!, 0));
  return { cells, rowTotals, colTotals, total: rowTotals.reduce((a, b) => a + b, 0) };
};

/** Every line (row + total, column + total, totals + grand) hides none or at least two. */
function noLoneHidden(t: Table, h: ReturnType<typeof suppress>) {
  const lines: boolean[][] = [
    ...h.cells.map((row, i) => [...row, h.rowTotals[i]!]),
    ...h.colTotals.map((c, j) => [...h.cells.map((row) => row[j]!), c]),
    [...h.rowTotals, h.total],
    [...h.colTotals, h.total],
  ];
  for (const line of lines) expect(line.filter(Boolean).length).not.toBe(1);
  void t;
}

describe('small-count suppression', () => {
  it('hides 1–4, never 0 or ≥ 5, and nothing else when nothing is small', () => {
    const t = table([
      [10, 20],
      [30, 0],
    ]);
    const h = suppress(t);
    expect(h.cells).toEqual([
      [false, false],
      [false, false],
    ]);
  });

  it('hides a complement in the row and the column so the small count cannot be subtracted out', () => {
    // Hand-worked: the 3 is hidden; its row then hides its smallest other part (8), its column
    // the 6; the 8's column and the 6's row are then lone too, so the 9 closes the rectangle.
    const t = table([
      [3, 8, 20],
      [6, 9, 30],
      [12, 15, 40],
    ]);
    const h = suppress(t);
    expect(h.cells).toEqual([
      [true, true, false],
      [true, true, false],
      [false, false, false],
    ]);
    expect(h.rowTotals).toEqual([false, false, false]);
    noLoneHidden(t, h);
  });

  it('a small total is hidden with a partner, and a row with one non-zero part hides its total', () => {
    const t = table([
      [2, 0],
      [7, 9],
      [20, 11],
    ]);
    const h = suppress(t);
    expect(h.cells[0]).toEqual([true, false]);
    expect(h.rowTotals[0]).toBe(true); // the only other non-zero member of row 0
    noLoneHidden(t, h);
  });

  it('respects margins hidden by the table above', () => {
    const t = table([
      [10, 6],
      [12, 7],
    ]);
    const h = suppress(t, { colTotals: [false, true] });
    expect(h.colTotals).toEqual([true, true]);
    noLoneHidden(t, h);
  });
});
