// Measuring the routing classifier: per-label precision / recall / F1, macro-F1, a stratified
// hold-out split, and how confidence thresholds trade automatic routing against accuracy.
import { normalizeText } from '../text-pipeline.ts';
import { seededRandom } from './model.ts';

export interface LabelScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  perLabel: LabelScores[];
  accuracy: number;
  macroF1: number;
}

export function classificationReport(truth: string[], predicted: string[]): ClassificationReport {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  const labels = [...new Set(truth)].sort();
  const perLabel = labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    truth.forEach((t, i) => {
      const p = predicted[i];
      if (p === label && t === label) tp++;
      else if (p === label) fp++;
      else if (t === label) fn++;
    });
    const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support: tp + fn };
  });
  const correct = truth.filter((t, i) => predicted[i] === t).length;
  return {
    perLabel,
    accuracy: truth.length ? correct / truth.length : 0,
    macroF1: perLabel.reduce((s, l) => s + l.f1, 0) / Math.max(perLabel.length, 1),
  };
}

export function formatReport(report: ClassificationReport): string {
  const width = Math.max(8, ...report.perLabel.map((l) => displayWidth(l.label)));
  const pad = (s: string) => s + ' '.repeat(width - displayWidth(s));
  const lines = [`${pad('label')}  precision  recall  f1      support`];
  for (const l of report.perLabel) {
    lines.push(
      `${pad(l.label)}  ${l.precision.toFixed(4)}     ${l.recall.toFixed(4)}  ${l.f1.toFixed(4)}  ${l.support}`,
    );
  }
  lines.push(`accuracy ${report.accuracy.toFixed(4)}`);
  lines.push(`macro-F1 ${report.macroF1.toFixed(4)}`);
  return lines.join('\n');
}

/** CJK characters take two columns in a terminal. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * Stratified split: about `fraction` of each label goes to the held-out side (at least one when
 * a label has two or more rows). Returns the indices of each side, in input order.
 */
export function stratifiedSplit(
  labels: string[],
  fraction: number,
  seed: number,
): { train: number[]; test: number[] } {
  const random = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  const held = new Set<number>();
  for (const label of [...byLabel.keys()].sort()) {
    const rows = byLabel.get(label)!;
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    const n = rows.length >= 2 ? Math.max(1, Math.round(rows.length * fraction)) : 0;
    rows.slice(0, n).forEach((i) => held.add(i));
  }
  const train: number[] = [];
  const test: number[] = [];
  labels.forEach((_, i) => (held.has(i) ? test : train).push(i));
  return { train, test };
}

/** Key for "the same title": normalised, letters and digits only. */
export function titleKey(title: string): string {
  return normalizeText(title).replace(/[^\p{L}\p{N}]/gu, '');
}

/** Share routed automatically and their accuracy, at each confidence threshold. */
export function thresholdTable(
  results: { correct: boolean; confidence: number }[],
  thresholds: number[],
): { threshold: number; automatic: number; accuracy: number }[] {
  return thresholds.map((threshold) => {
    const auto = results.filter((r) => r.confidence >= threshold);
    return {
      threshold,
      automatic: results.length ? auto.length / results.length : 0,
      accuracy: auto.length ? auto.filter((r) => r.correct).length / auto.length : 1,
    };
  });
}
