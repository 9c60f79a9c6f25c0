/**
 * `npm run eval:replies -- --data replies_labeled.csv` — how well the perfunctory-reply score
 * ranks the replies hand-labelled explains = 0 (the positive class here) above the others.
 *
 * It reports the ROC AUC of
 *  - each feature alone (no training at all),
 *  - the logistic model under stratified 5-fold cross-validation: weights trained on 4 folds,
 *    the 5th scored, the out-of-fold scores pooled — the honest number, printed last,
 *  - the shipped weights (SHIPPED_MODEL), which were trained on this whole file, so their AUC on
 *    it is in-sample and optimistic.
 * `--train` also prints the weights trained on the whole file as the constant for weights.ts.
 * `--folds=N`, `--seed=N` change the cross-validation. Only title, body, reply and explains are
 * read: ids, users and dates are no features.
 * The data file is looked up as given, then in ../shared/data/ next to the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { FEATURES, replyFeatures } from '../../server/sensemaking/reply-quality/features.ts';
import {
  predict,
  rocAuc,
  trainLogistic,
  type LogisticModel,
} from '../../server/sensemaking/reply-quality/logistic.ts';
import { SHIPPED_MODEL } from '../../server/sensemaking/reply-quality/weights.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const Row = z.object({
  title: z.string(),
  body: z.string(),
  reply: z.string(),
  explains: z.enum(['0', '1']),
});

function parseArgs(argv: string[]) {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]!);
    if (!m) continue;
    if (m[2] !== undefined) flags[m[1]!] = m[2];
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags[m[1]!] = argv[++i]!;
    else flags[m[1]!] = 'true';
  }
  return flags;
}

function findData(name: string): string {
  const candidates = [resolve(name), join(repoRoot, '..', 'shared', 'data', name)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`data file not found: ${candidates.join(' or ')}`);
  return found;
}

/** A seeded shuffle (mulberry32), so the folds are the same on every run. */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Stratified folds: each class dealt round-robin after a seeded shuffle. */
function stratifiedFolds(ys: (0 | 1)[], k: number, seed: number): number[] {
  const fold = new Array<number>(ys.length);
  for (const cls of [0, 1] as const) {
    const idx = shuffled(
      ys.map((y, i) => (y === cls ? i : -1)).filter((i) => i >= 0),
      seed + cls,
    );
    idx.forEach((i, n) => (fold[i] = n % k));
  }
  return fold;
}

const f3 = (x: number) => x.toFixed(3);
const modelLine = (m: LogisticModel) =>
  `bias ${f3(m.bias)}; ` + FEATURES.map((f, j) => `${f} ${f3(m.weights[j]!)}`).join(', ');

function thresholdReport(scores: number[], ys: (0 | 1)[], threshold: number): string {
  let tp = 0;
  let fp = 0;
  scores.forEach((s, i) => {
    if (s >= threshold) {
      if (ys[i] === 1) tp++;
      else fp++;
    }
  });
  const positives = ys.filter((y) => y === 1).length;
  const precision = tp + fp ? tp / (tp + fp) : NaN;
  return `flags ${tp + fp} replies, precision ${f3(precision)}, recall ${f3(tp / positives)}`;
}

function main() {
  const flags = parseArgs(process.argv.slice(2));
  const file = findData(flags.data ?? 'replies_labeled.csv');
  const k = Number(flags.folds ?? 5);
  const seed = Number(flags.seed ?? 20240601);
  const rows = z.array(Row).parse(parse(readFileSync(file), { columns: true, bom: true }));

  const started = Date.now();
  const xs = rows.map((r) => replyFeatures(`${r.title}\n${r.body}`, r.reply).values);
  // perfunctory (explains = 0) is the positive class
  const ys = rows.map((r) => (r.explains === '0' ? 1 : 0)) as (0 | 1)[];
  const positives = ys.filter((y) => y === 1).length;
  console.log(
    `${file}: ${rows.length} replies, ${positives} labelled explains = 0 (perfunctory); ` +
      `features in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  console.log('\nEach feature alone (no training):');
  FEATURES.forEach((f, j) => {
    const values = xs.map((x) => x[j]!);
    const mean = (cls: 0 | 1) =>
      values.filter((_, i) => ys[i] === cls).reduce((s, v) => s + v, 0) /
      ys.filter((y) => y === cls).length;
    console.log(
      `  ${f.padEnd(15)} AUC ${f3(rocAuc(values, ys))}   mean ${f3(mean(1))} perfunctory vs ${f3(mean(0))} explained`,
    );
  });

  // cross-validation
  const fold = stratifiedFolds(ys, k, seed);
  const outOfFold = new Array<number>(rows.length);
  const foldAucs: number[] = [];
  for (let f = 0; f < k; f++) {
    const train = rows.map((_, i) => i).filter((i) => fold[i] !== f);
    const test = rows.map((_, i) => i).filter((i) => fold[i] === f);
    const model = trainLogistic(
      train.map((i) => xs[i]!),
      train.map((i) => ys[i]!),
    );
    for (const i of test) outOfFold[i] = predict(model, xs[i]!);
    foldAucs.push(
      rocAuc(
        test.map((i) => outOfFold[i]!),
        test.map((i) => ys[i]!),
      ),
    );
    console.log(`  fold ${f + 1}: ${modelLine(model)}`);
  }
  const cvAuc = rocAuc(outOfFold, ys);
  const meanFold = foldAucs.reduce((s, a) => s + a, 0) / k;
  const sdFold = Math.sqrt(foldAucs.reduce((s, a) => s + (a - meanFold) ** 2, 0) / (k - 1));

  const full = trainLogistic(xs, ys);
  const shipped = xs.map((x) => predict(SHIPPED_MODEL, x));
  console.log(`\nWeights trained on the whole file: ${modelLine(full)}`);
  console.log(`Shipped weights (weights.ts):      ${modelLine(SHIPPED_MODEL)}`);
  console.log(
    `\n${k}-fold cross-validation: pooled out-of-fold AUC ${f3(cvAuc)}; per fold ` +
      `${foldAucs.map(f3).join(' ')} (mean ${f3(meanFold)} ± ${f3(sdFold)})`,
  );
  console.log(`  at score ≥ 0.5 it ${thresholdReport(outOfFold, ys, 0.5)}`);
  console.log(
    `Shipped weights on this file (in-sample, they were trained on it): AUC ${f3(rocAuc(shipped, ys))}`,
  );
  console.log(`  at score ≥ 0.5 they ${thresholdReport(shipped, ys, 0.5)}`);
  if (flags.train) {
    const w = FEATURES.map((f, j) => `    ${full.weights[j]!.toFixed(3)}, // ${f}`).join('\n');
    console.log(
      `\nFor weights.ts:\nexport const SHIPPED_MODEL: LogisticModel = {\n  bias: ${full.bias.toFixed(3)},\n  weights: [\n${w}\n  ],\n};`,
    );
  }
  console.log(
    `\nThe last line is the cross-validated AUC, the number to expect on unseen replies.`,
  );
  console.log(`ROC AUC ${f3(cvAuc)}`);
}

main();
