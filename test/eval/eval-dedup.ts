/**
 * Accuracy of near-duplicate / form-letter detection on a CSV of messages.
 *
 *   npm run eval:dedup -- --data ../shared/data/messages_with_votes.csv --text body
 *     [--seed 1] [--variants 1000] [--negatives 400] [--per-edit 40] [--threshold 0.8] [--verbose]
 *
 * Items are every non-empty row, plus synthetic items made from a seeded sample of rows:
 *   - edited copies: a row after small edits, as people copy a letter and change a few
 *     characters: 1 to ⌊letters/40⌋ (at most 5) single-character inserts, deletes, substitutions
 *     or swaps of neighbours (none under 40 letters: in a short question one character makes
 *     another question); and by chance a Traditional-script copy (opencc cn → hk), another
 *     salutation, other punctuation and white space;
 *   - boilerplate negatives: pairs of different short rows (8–60 letters, shortest first, each
 *     row once) wrapped in the same salutation, self-introduction and closing.
 * Ground truth, for a pair of items, from the two rows they come from, judged independently of
 * the index by edit distance: the edit similarity (1 − Levenshtein / longer length, letters and
 * digits of the normalised texts), or the same sentence by sentence when that is higher (a letter
 * pasted twice or with its points reordered is still the same letter):
 *   - positive: same normalised text (exact copies in the file; an edited copy and its row), or
 *     similarity ≥ 0.9 (the file's own near copies: reposts, edited form letters);
 *   - negative: similarity < 0.7 — including rows that share boilerplate (尊敬的领导…) and the
 *     wrapped pairs;
 *   - unlabelled, left out of precision and recall and counted: 0.7 ≤ similarity < 0.9 (rewrites
 *     nobody can call), and a wrapped row with anything from its own row.
 * Predicted pairs are pairs of items in the same group of the index (groups are what users see:
 * "N people sent this text"). The last line is `precision P recall R` over labelled pairs.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import * as OpenCC from 'opencc-js';
import { normalizeText } from '../../server/sensemaking/text-pipeline.ts';
import { NearDuplicateIndex } from '../../server/sensemaking/dedup/index.ts';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/messages_with_votes.csv' },
    text: { type: 'string', default: 'body' },
    seed: { type: 'string', default: '1' },
    variants: { type: 'string', default: '1000' },
    negatives: { type: 'string', default: '400' },
    'per-edit': { type: 'string', default: '40' },
    threshold: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

// ------------------------------------------------------------------ deterministic randomness

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(Number(args.seed));
const randInt = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[randInt(xs.length)] as T;
function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = randInt(i + 1);
    [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
  }
  return xs;
}

// ------------------------------------------------------------------ data

const rows = parse(readFileSync(args.data), {
  columns: true,
  bom: true,
  skip_empty_lines: true,
  relax_column_count: true,
}) as Record<string, string>[];
const texts = rows.map((r) => (r[args.text] ?? '').trim()).filter((t) => t.length > 0);
if (texts.length === 0) throw new Error(`no text in column "${args.text}" of ${args.data}`);

const norm = texts.map((t) => normalizeText(t));
/** Row → its exact group (the first row with the same normalised text). */
const exact: number[] = [];
{
  const first = new Map<string, number>();
  norm.forEach((n, i) => {
    if (!first.has(n)) first.set(n, i);
    exact.push(first.get(n) ?? i);
  });
}
const letters = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');
const letterCount = norm.map((n) => [...letters(n)].length);

// How near two different rows are, independently of the index: edit similarity
// (1 − Levenshtein / longer length) on the letters and digits of the normalised texts, or, when
// it is higher, the same sentence by sentence (each sentence against its best match in the other
// text, weighted by length, the lower of both directions): a letter whose paragraphs were
// reordered, or that was pasted twice, is still the same letter.
const codes = (s: string) => Array.from(letters(s), (c) => c.codePointAt(0) ?? 0);
const rowLetters = norm.map(codes);
const rowSentences = norm.map((n) =>
  n
    .split(/[。!?;\n]+|(?:^|[^\d])\d{1,2}[、.](?!\d)/u)
    .map(codes)
    .filter((s) => s.length >= 2),
);
const NEAR = 0.9; // at most 10 % of the characters differ: the same text
const FAR = 0.7; // more than 30 % differ: a different message
/** Edit similarity, or 0 when it is certainly below FAR (banded Levenshtein). */
function editSimilarity(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  if (n === 0) return 1;
  const k = Math.floor((1 - FAR) * n) + 1;
  if (Math.abs(a.length - b.length) > k) return 0;
  const INF = 1 << 30;
  let prev = new Int32Array(b.length + 1).fill(INF);
  let cur = new Int32Array(b.length + 1).fill(INF);
  for (let j = 0; j <= Math.min(b.length, k); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur.fill(INF);
    const lo = Math.max(1, i - k);
    const hi = Math.min(b.length, i + k);
    if (i <= k) cur[0] = i;
    let best = INF;
    for (let j = lo; j <= hi; j++) {
      const sub = (prev[j - 1] ?? INF) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const v = Math.min(sub, (prev[j] ?? INF) + 1, (cur[j - 1] ?? INF) + 1);
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > k) return 0;
    [prev, cur] = [cur, prev];
  }
  const d = prev[b.length] ?? INF;
  return d > k ? 0 : 1 - d / n;
}
function coverage(a: number[][], b: number[][]): number {
  let total = 0;
  let covered = 0;
  for (const sa of a) {
    let best = 0;
    for (const sb of b) best = Math.max(best, editSimilarity(sa, sb));
    total += sa.length;
    covered += sa.length * best;
  }
  return total === 0 ? 0 : covered / total;
}
function textSimilarity(a: number, b: number): number {
  const whole = editSimilarity(rowLetters[a] ?? [], rowLetters[b] ?? []);
  if (whole >= NEAR) return whole;
  const sa = rowSentences[a] ?? [];
  const sb = rowSentences[b] ?? [];
  return Math.max(whole, Math.min(coverage(sa, sb), coverage(sb, sa)));
}
type Relation = 'same' | 'near' | 'gray' | 'far';
const relationCache = new Map<number, Relation>();
/** Relation of two rows through their exact groups. */
function relation(rowA: number, rowB: number): Relation {
  const a = exact[rowA] ?? -1;
  const b = exact[rowB] ?? -1;
  if (a === b) return 'same';
  const key = Math.min(a, b) * texts.length + Math.max(a, b);
  let r = relationCache.get(key);
  if (!r) {
    const s = textSimilarity(a, b);
    r = s >= NEAR ? 'near' : s >= FAR ? 'gray' : 'far';
    relationCache.set(key, r);
  }
  return r;
}

/**
 * Pairs of different rows (exact groups) that are near (edit similarity ≥ 0.9). Such pairs share
 * ≥ 70 % of their 3-grams, so candidates are the pairs sharing ≥ 50 %, found with an inverted
 * index (3-grams in more than 200 texts are not listed; they are assumed shared).
 */
function nearRowPairs(): [number, number][] {
  const reps = [...new Set(exact)];
  const gramsOf = reps.map((r) => {
    const cps = rowLetters[r] ?? [];
    const g = new Set<string>();
    for (let i = 0; i + 3 <= cps.length; i++) g.add(String.fromCodePoint(...cps.slice(i, i + 3)));
    return g;
  });
  const postings = new Map<string, number[]>();
  gramsOf.forEach((g, i) => {
    for (const x of g) {
      const list = postings.get(x) ?? [];
      list.push(i);
      postings.set(x, list);
    }
  });
  const pairs: [number, number][] = [];
  const counts = new Int32Array(reps.length);
  const bySize = reps
    .map((_, j) => j)
    .sort((a, b) => (gramsOf[a]?.size ?? 0) - (gramsOf[b]?.size ?? 0));
  gramsOf.forEach((g, i) => {
    const touched: number[] = [];
    let frequent = 0;
    for (const x of g) {
      const list = postings.get(x) ?? [];
      if (list.length > 200) frequent++;
      else {
        for (const j of list) {
          if (j <= i) continue;
          if (counts[j] === 0) touched.push(j);
          counts[j] = (counts[j] ?? 0) + 1;
        }
      }
    }
    // Texts the frequent 3-grams alone could cover by half are checked too.
    const candidates = new Set(touched);
    if (frequent > 0) {
      const all = 2 * frequent >= g.size;
      for (const j of bySize) {
        if (!all && (gramsOf[j]?.size ?? 0) > 2 * frequent) break;
        if (j > i) candidates.add(j);
      }
    }
    for (const j of candidates) {
      const small = Math.min(g.size, gramsOf[j]?.size ?? 0);
      const shared = counts[j] ?? 0;
      if (small > 0 && shared + frequent >= 0.5 * small) {
        const a = reps[i] ?? 0;
        const b = reps[j] ?? 0;
        if (relation(a, b) === 'near') pairs.push([a, b]);
      }
    }
    for (const j of touched) counts[j] = 0;
  });
  return pairs;
}

// ------------------------------------------------------------------ synthetic items

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });
// Salutations, introductions and closings as they occur in message-board letters.
const SALUTATIONS = [
  '尊敬的领导：',
  '尊敬的领导：您好！',
  '尊敬的胡书记：',
  '领导您好，',
  '您好！',
  '尊敬的各位领导：',
  '尊敬的市长：',
  '领导：',
  '书记您好，',
  '尊敬的政府领导：',
];
const INTROS = [
  '我是A市A3区的一名普通市民，',
  '本人是A7县星沙街道的居民，',
  '我们是A5区某小区的业主，',
  '我是一名在A市工作多年的外地人，',
];
const CLOSINGS = [
  '恳请领导百忙之中给予关注，谢谢！',
  '望相关部门尽快处理，谢谢！',
  '希望能得到答复，非常感谢！',
  '请领导重视这个问题，此致敬礼！',
  '此事已反映多次，一直没有得到解决，恳请领导督促相关部门尽快处理，谢谢！',
];
const perEdit = Number(args['per-edit']);
const isLetter = (c: string) => /[\p{L}\p{N}]/u.test(c);

function stripSalutation(text: string): string {
  const m = /^[^，,：:！!。]{0,12}[：:，,！!]/u.exec(text);
  return m && /领导|书记|市长|您好|你好/u.test(m[0]) ? text.slice(m[0].length) : text;
}

/** A copy of `text` after small edits (see the header comment). */
function variant(text: string, nLetters: number): { text: string; edits: string[] } {
  let chars = [...text];
  const edits: string[] = [];
  // One character edit per `--per-edit` letters (40: "a few characters" in a letter of a few
  // hundred), at most 5; a text shorter than that gets no character edit.
  const maxEdits = Math.min(5, Math.floor(nLetters / perEdit));
  if (maxEdits > 0) {
    const k = 1 + randInt(maxEdits);
    const pool = chars.filter(isLetter);
    for (let e = 0; e < k; e++) {
      const positions = chars.flatMap((c, i) => (isLetter(c) ? [i] : []));
      const at = pick(positions);
      const op = pick(['insert', 'delete', 'substitute', 'swap'] as const);
      edits.push(op);
      if (op === 'insert') chars.splice(at, 0, pick(pool));
      else if (op === 'delete') chars.splice(at, 1);
      else if (op === 'substitute') chars[at] = pick(pool);
      else {
        const j = at + 1 < chars.length ? at + 1 : at - 1;
        [chars[at], chars[j]] = [chars[j] ?? '', chars[at] ?? ''];
      }
    }
  }
  let out = chars.join('');
  if (rand() < 0.3) {
    out = pick(SALUTATIONS) + stripSalutation(out);
    edits.push('salutation');
  }
  if (rand() < 0.3) {
    out = out.replace(/，/g, ',').replace(/。/g, '. ').replace(/！/g, '!');
    chars = [...out];
    const at = randInt(chars.length + 1);
    chars.splice(at, 0, rand() < 0.5 ? ' ' : '\n');
    out = chars.join('');
    edits.push('punctuation');
  }
  if (rand() < 0.5 || edits.length === 0) {
    out = toTraditional(out);
    edits.push('traditional');
  }
  return { text: out, edits };
}

type Item = { text: string; row: number; kind: 'row' | 'variant' | 'wrapped'; note?: string };
const items: Item[] = texts.map((text, row) => ({ text, row, kind: 'row' }));

const distinctRows = [...new Set(exact)];
const nVariants = Math.min(Number(args.variants), distinctRows.length);
for (const row of shuffle([...distinctRows]).slice(0, nVariants)) {
  const v = variant(texts[row] ?? '', letterCount[row] ?? 0);
  items.push({ text: v.text, row, kind: 'variant', note: v.edits.join('+') });
}

// Each row is wrapped at most once, the shortest rows first (boilerplate weighs most there).
const shortRows = shuffle(
  distinctRows.filter((r) => (letterCount[r] ?? 0) >= 8 && (letterCount[r] ?? 0) <= 60),
).sort((a, b) => (letterCount[a] ?? 0) - (letterCount[b] ?? 0));
let made = 0;
const wrappedRows = new Set<number>();
for (const a of shortRows) {
  if (made >= Number(args.negatives)) break;
  if (wrappedRows.has(a)) continue;
  const b = shortRows.find((r) => r !== a && !wrappedRows.has(r) && relation(a, r) === 'far');
  if (b === undefined) continue;
  wrappedRows.add(a).add(b);
  const [open, intro, close] = [pick(SALUTATIONS), pick(INTROS), pick(CLOSINGS)];
  for (const row of [a, b]) {
    const body = stripSalutation(texts[row] ?? '');
    items.push({ text: open + intro + body + close, row, kind: 'wrapped', note: `pair ${made}` });
  }
  made++;
}

// ------------------------------------------------------------------ prediction

const threshold = args.threshold === undefined ? undefined : Number(args.threshold);
const index = new NearDuplicateIndex(threshold === undefined ? {} : { threshold });
const started = performance.now();
items.forEach((item, i) => index.add(String(i), item.text));
const elapsed = performance.now() - started;

// ------------------------------------------------------------------ scoring

type Label = 'positive' | 'negative' | 'unlabelled';
function label(x: Item, y: Item): Label {
  const r = relation(x.row, y.row);
  if (x.kind === 'wrapped' || y.kind === 'wrapped') return r === 'far' ? 'negative' : 'unlabelled';
  return r === 'same' || r === 'near' ? 'positive' : r === 'far' ? 'negative' : 'unlabelled';
}

// All positive pairs: items (not wrapped) of the same exact group, or of two near groups.
const byExact = new Map<number, number[]>();
items.forEach((item, i) => {
  if (item.kind === 'wrapped') return;
  const e = exact[item.row] ?? -1;
  const list = byExact.get(e) ?? [];
  list.push(i);
  byExact.set(e, list);
});
const positiveKinds = { exact: 0, near: 0, variant: 0 };
const pairsOf = (n: number) => (n * (n - 1)) / 2;
for (const list of byExact.values()) {
  const rowsIn = list.filter((i) => items[i]?.kind === 'row').length;
  positiveKinds.exact += pairsOf(rowsIn);
  positiveKinds.variant += pairsOf(list.length) - pairsOf(rowsIn);
}
const nearPairs = nearRowPairs();
for (const [a, b] of nearPairs) {
  const la = byExact.get(a) ?? [];
  const lb = byExact.get(b) ?? [];
  const rowsOf = (l: number[]) => l.filter((i) => items[i]?.kind === 'row').length;
  positiveKinds.near += rowsOf(la) * rowsOf(lb);
  positiveKinds.variant += la.length * lb.length - rowsOf(la) * rowsOf(lb);
}
const positives = positiveKinds.exact + positiveKinds.near + positiveKinds.variant;
const kindOf = (x: Item, y: Item) =>
  x.kind === 'row' && y.kind === 'row'
    ? exact[x.row] === exact[y.row]
      ? 'exact'
      : 'near'
    : 'variant';

const groupOf = new Map<number, string>();
items.forEach((_, i) => groupOf.set(i, index.groupOf(String(i)) ?? String(i)));
let tp = 0;
let fp = 0;
let unlabelled = 0;
const fpKinds = new Map<string, number>();
const fpExamples: string[] = [];
const tpKinds = { exact: 0, near: 0, variant: 0 };
for (const members of index.groups(2).values()) {
  const ids = members.map(Number);
  for (let a = 0; a < ids.length; a++) {
    for (let b = a + 1; b < ids.length; b++) {
      const x = items[ids[a] ?? 0] as Item;
      const y = items[ids[b] ?? 0] as Item;
      const l = label(x, y);
      if (l === 'positive') {
        tp++;
        tpKinds[kindOf(x, y)]++;
      } else if (l === 'unlabelled') unlabelled++;
      else {
        fp++;
        const kind = [x.kind, y.kind].sort().join('/');
        fpKinds.set(kind, (fpKinds.get(kind) ?? 0) + 1);
        if (fpExamples.length < 10) {
          const sim = index.similarity(String(ids[a]), String(ids[b]));
          fpExamples.push(
            `  ${sim?.toFixed(3)} | ${x.text.slice(0, 50)} || ${y.text.slice(0, 50)}`,
          );
        }
      }
    }
  }
}

const bands = [
  { name: '<40 letters', max: 40, n: 0, found: 0 },
  { name: '40-99', max: 100, n: 0, found: 0 },
  { name: '100+', max: Infinity, n: 0, found: 0 },
];
const missed: string[] = [];
const missedByEdit = new Map<string, number>();
for (const list of byExact.values()) {
  for (const i of list) {
    const item = items[i] as Item;
    if (item.kind !== 'variant') continue;
    const source = list.find((j) => items[j]?.kind === 'row') ?? list[0] ?? 0;
    const band = bands.find((b) => (letterCount[item.row] ?? 0) < b.max);
    if (band) band.n++;
    if (groupOf.get(i) === groupOf.get(source)) {
      if (band) band.found++;
      continue;
    }
    for (const e of (item.note ?? '').split('+'))
      missedByEdit.set(e, (missedByEdit.get(e) ?? 0) + 1);
    if (missed.length < 15) {
      const sim = index.similarity(String(i), String(source));
      missed.push(
        `  ${sim?.toFixed(3)} ${letterCount[item.row]} letters [${item.note}] ${item.text.slice(0, 60)}`,
      );
    }
  }
}

const nRows = texts.length;
const nVariantItems = items.filter((i) => i.kind === 'variant').length;
console.log(
  `data ${args.data} (column ${args.text}): ${nRows} rows, ${byExact.size} distinct texts`,
);
console.log(
  `items ${items.length}: ${nRows} rows + ${nVariantItems} edited copies + ${made * 2} rows wrapped in shared boilerplate (${made} pairs); seed ${args.seed}`,
);
console.log(
  `index threshold ${index.threshold}: ${items.length} adds in ${elapsed.toFixed(0)} ms (${((elapsed / items.length) * 1000).toFixed(0)} µs per add), ${index.groups(2).size} groups of 2+`,
);
console.log(
  `positive pairs ${positives}: exact copies in the file ${positiveKinds.exact} (found ${tpKinds.exact}), near copies in the file ${positiveKinds.near} (found ${tpKinds.near}), with an edited copy ${positiveKinds.variant} (found ${tpKinds.variant})`,
);
console.log(
  `predicted pairs ${tp + fp + unlabelled}: true ${tp}, false ${fp}, unlabelled ${unlabelled} (rows 70-90 % alike, or a wrapped row with its own row)`,
);
if (fp > 0)
  console.log(`false pairs by kind: ${[...fpKinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
console.log(
  `edited copies grouped with their row, by row length: ${bands.map((b) => `${b.name} ${b.found}/${b.n}`).join(', ')}`,
);
if (missedByEdit.size > 0) {
  console.log(
    `edited copies not grouped with their row, by edit: ${[...missedByEdit].map(([k, n]) => `${k} ${n}`).join(', ')}`,
  );
}
if (args.verbose) {
  // How hard the boilerplate negatives are: the similarity the index sees between wrapped pairs.
  const wrappedSims: number[] = [];
  for (let i = nRows + nVariantItems; i + 1 < items.length; i += 2) {
    wrappedSims.push(index.similarity(String(i), String(i + 1)) ?? 0);
  }
  wrappedSims.sort((a, b) => a - b);
  const q = (p: number) => (wrappedSims[Math.floor(p * (wrappedSims.length - 1))] ?? 0).toFixed(3);
  console.log(
    `wrapped pairs' similarity: median ${q(0.5)}, p90 ${q(0.9)}, p99 ${q(0.99)}, max ${q(1)}`,
  );
  if (fpExamples.length) console.log(`false pairs (similarity | texts):\n${fpExamples.join('\n')}`);
  if (missed.length)
    console.log(`missed edited copies (similarity to their row):\n${missed.join('\n')}`);
  const missedNear = nearPairs
    .filter(([a, b]) => groupOf.get(a) !== groupOf.get(b))
    .map(([a, b]) => {
      const sim = index.similarity(String(a), String(b)) ?? 0;
      return `  ${sim.toFixed(3)} | ${texts[a]?.slice(0, 40)} || ${texts[b]?.slice(0, 40)}`;
    });
  if (missedNear.length) {
    console.log(
      `near rows not grouped (${missedNear.length}; index similarity | texts):\n${missedNear.slice(0, 20).join('\n')}`,
    );
  }
}
const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
const recall = positives === 0 ? 1 : tp / positives;
console.log(`precision ${precision.toFixed(3)} recall ${recall.toFixed(3)}`);
