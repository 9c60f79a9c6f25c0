// Splits a policy document into addressable clauses along the document's own structure: parts
// (一、 / 第X部分 / 第X章 …), numbered items (（一） / 1. / （1） / 第X条 / 一是 …), paragraphs, and the
// sentences of long paragraphs. Anchors are built from structure only (p3.i10.g2.s4), using the
// document's own numbers where it has them, so editing one paragraph never renames another clause;
// every clause also carries a hash of its content, which reanchor() uses to follow clauses across
// a re-import where paragraphs were inserted, removed or moved.
import { createHash } from 'node:crypto';
import { normalizeText } from '../sensemaking/text-pipeline.ts';

export type ClauseKind = 'part' | 'item' | 'paragraph' | 'sentence';

export interface Clause {
  /** Structural address, unique in the document: `p3`, `p3.i10`, `p3.i10.g2`, `p3.i10.g2.s4`. */
  anchor: string;
  /** Labels of the enclosing headings as the document writes them, outermost first: ['三', '（十）']. */
  path: string[];
  kind: ClauseKind;
  /** Exactly `document.slice(start, end)`. */
  text: string;
  /** Content hash (12 hex digits) of the normalised text without its numbering: survives renumbering. */
  hash: string;
  /** UTF-16 offsets into the document, as String.prototype.slice takes them. */
  start: number;
  end: number;
  /** Anchor of the enclosing clause (a sentence's paragraph or item, a paragraph's heading), or null. */
  parent: string | null;
}

export interface SplitOptions {
  /** Paragraphs (and items) at least this long are also split into sentences. Default 80. */
  sentenceMinLength?: number;
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 一百零五 → 105; Arabic digits pass through. */
export function chineseNumeral(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let digit = 0;
  let seen = false;
  for (const ch of text) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch]!;
      seen = true;
    } else if (ch in CN_UNITS) {
      total += (seen ? digit : 1) * CN_UNITS[ch]!;
      digit = 0;
      seen = false;
    } else return null;
  }
  return total + digit;
}

const CN_NUM = '[一二三四五六七八九十百零〇两]+';

interface HeadingRule {
  /** Identifies one numbering style; the nesting of styles is learnt from the document. */
  style: string;
  kind: 'part' | 'item';
  pattern: RegExp;
  /** Label for `path` from the match. */
  label: (m: RegExpExecArray) => string;
  /** Number for the anchor from the match. */
  number: (m: RegExpExecArray) => number | null;
}

const HEADING_RULES: HeadingRule[] = [
  {
    style: 'di-part',
    kind: 'part',
    pattern: new RegExp(`^第(${CN_NUM}|\\d+)(部分|编|篇|章)`),
    label: (m) => m[0],
    number: (m) => chineseNumeral(m[1]!),
  },
  {
    style: 'cn-dun',
    kind: 'part',
    pattern: new RegExp(`^(${CN_NUM})\\s*、`),
    label: (m) => m[1]!,
    number: (m) => chineseNumeral(m[1]!),
  },
  {
    style: 'di-section',
    kind: 'item',
    pattern: new RegExp(`^第(${CN_NUM}|\\d+)节`),
    label: (m) => m[0],
    number: (m) => chineseNumeral(m[1]!),
  },
  {
    style: 'di-article',
    kind: 'item',
    pattern: new RegExp(`^第(${CN_NUM}|\\d+)条`),
    label: (m) => m[0],
    number: (m) => chineseNumeral(m[1]!),
  },
  {
    style: 'cn-paren',
    kind: 'item',
    pattern: new RegExp(`^[（(]\\s*(${CN_NUM})\\s*[）)]`),
    label: (m) => `（${m[1]}）`,
    number: (m) => chineseNumeral(m[1]!),
  },
  {
    style: 'num-dot',
    kind: 'item',
    pattern: /^(\d{1,3})\s*[.．、](?![\d.．])/,
    label: (m) => m[1]!,
    number: (m) => Number(m[1]),
  },
  {
    style: 'num-paren',
    kind: 'item',
    pattern: /^[（(]\s*(\d{1,3})\s*[）)]/,
    label: (m) => `（${m[1]}）`,
    number: (m) => Number(m[1]),
  },
  {
    style: 'circled',
    kind: 'item',
    pattern: /^([①-⑳])/,
    label: (m) => m[1]!,
    number: (m) => m[1]!.charCodeAt(0) - 0x2460 + 1,
  },
  {
    // 一是……，二是…… at the start of a paragraph: an enumeration the document numbers itself.
    style: 'cn-shi',
    kind: 'item',
    pattern: new RegExp(`^(${CN_NUM})是`),
    label: (m) => `${m[1]}是`,
    number: (m) => chineseNumeral(m[1]!),
  },
];

interface Heading {
  rule: HeadingRule;
  label: string;
  number: number | null;
  /** Length of the numbering marker, so the hash can leave it out. */
  markerLength: number;
}

function detectHeading(line: string): Heading | null {
  for (const rule of HEADING_RULES) {
    const m = rule.pattern.exec(line);
    if (m) return { rule, label: rule.label(m), number: rule.number(m), markerLength: m[0].length };
  }
  return null;
}

/** A paragraph of the source: offsets of its first and last non-space characters. */
export interface TextRange {
  start: number;
  end: number;
}

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

/**
 * Paragraphs are lines. Hard-wrapped text (most lines the same length and ending mid-sentence) is
 * rejoined: a full-width line continues into the next one unless a blank line or a heading follows.
 */
function paragraphs(text: string): TextRange[] {
  const lines: TextRange[] = [];
  for (let from = 0; from <= text.length;) {
    const nl = text.indexOf('\n', from);
    const to = nl < 0 ? text.length : nl;
    let s = from;
    let e = to;
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    lines.push({ start: s, end: e });
    if (nl < 0) break;
    from = nl + 1;
  }
  // Blank lines stay as empty blocks here: they end a paragraph.
  const lengths = lines.filter((l) => l.end - l.start >= 20).map((l) => l.end - l.start);
  const counts = new Map<number, number>();
  for (const n of lengths) counts.set(n, (counts.get(n) ?? 0) + 1);
  let width = 0;
  let best = 0;
  for (const [n, c] of counts) {
    // Wrapped lines are within a couple of characters of the wrap width.
    const near = (counts.get(n - 1) ?? 0) + c + (counts.get(n - 2) ?? 0);
    if (near > best || (near === best && n > width)) [best, width] = [near, n];
  }
  const wrapped = lengths.length >= 5 && best >= lengths.length * 0.5;
  const out: TextRange[] = [];
  let current: TextRange | null = null;
  for (const line of lines) {
    if (line.end === line.start) {
      current = null;
      continue;
    }
    const continues =
      wrapped &&
      current !== null &&
      current.end - lineStart(text, current.end) >= width - 2 &&
      !/[。！？!?；;：:”」』]$/.test(text.slice(current.end - 1, current.end)) &&
      detectHeading(text.slice(line.start, line.end)) === null;
    if (continues && current) current.end = line.end;
    else {
      current = { ...line };
      out.push(current);
    }
  }
  return out;
}

/** Length of the last physical line of a block is measured from the last newline before `end`. */
function lineStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && text[i - 1] !== '\n') i--;
  while (i < end && isSpace(text[i])) i++;
  return i;
}

const OPENERS = '“‘「『《（(【〔';
const CLOSERS = '”’」』》）)】〕';
const TERMINATORS = '。！？；!?;';
const TRAILERS = `${CLOSERS}${TERMINATORS}…`;
const QUOTE_CLOSERS = '”’」』';
const FINAL = '。！？!?…';

function quotesBalanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (OPENERS.includes(ch)) depth++;
    else if (CLOSERS.includes(ch)) depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/**
 * Sentences of text[start, end): split after 。！？；(and their half-width forms) outside quotes and
 * brackets, taking closing quotes that follow the mark into the sentence. Unbalanced quotes (a
 * typo) are ignored rather than letting one stray “ swallow the rest of the paragraph.
 */
export function sentenceSpans(text: string, start = 0, end = text.length): TextRange[] {
  const useQuotes = quotesBalanced(text.slice(start, end));
  const out: TextRange[] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i < end; i++) {
    const ch = text[i]!;
    if (useQuotes && OPENERS.includes(ch)) depth++;
    else if (useQuotes && CLOSERS.includes(ch)) {
      depth = Math.max(0, depth - 1);
      // “……我们愿意参与！”政府…: a quotation that ends its own sentence ends the sentence too.
      if (depth === 0 && QUOTE_CLOSERS.includes(ch) && FINAL.includes(text[i - 1] ?? '')) {
        let j = i + 1;
        while (j < end && TRAILERS.includes(text[j]!) && !OPENERS.includes(text[j]!)) j++;
        out.push({ start: from, end: j });
        from = j;
        i = j - 1;
      }
    } else if (TERMINATORS.includes(ch) && depth === 0) {
      let j = i + 1;
      while (j < end && TRAILERS.includes(text[j]!)) {
        if (useQuotes && CLOSERS.includes(text[j]!)) depth = Math.max(0, depth - 1);
        j++;
      }
      out.push({ start: from, end: j });
      from = j;
      i = j - 1;
    }
  }
  if (from < end) out.push({ start: from, end });
  // Trim white space (a wrapped paragraph keeps its line breaks) and drop empty pieces.
  return out
    .map((b) => {
      let s = b.start;
      let e = b.end;
      while (s < e && isSpace(text[s])) s++;
      while (e > s && isSpace(text[e - 1])) e--;
      return { start: s, end: e };
    })
    .filter((b) => b.end > b.start);
}

/** 12 hex digits of SHA-256 over the normalised text without white space. */
export function contentHash(text: string): string {
  const key = normalizeText(text).replace(/\s+/g, '');
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

interface Open {
  style: string;
  kind: 'part' | 'item';
  anchor: string;
  label: string;
  paragraphs: number;
}

/**
 * The clauses of a document in reading order. Parts and items are their own heading line (with
 * whatever text follows the number on that line); a paragraph is a non-heading line; sentences are
 * added under paragraphs and items of at least `sentenceMinLength` characters with two or more
 * sentences, so a long clause can be cited (and matched) sentence by sentence.
 */
export function splitClauses(text: string, options: SplitOptions = {}): Clause[] {
  const minLength = options.sentenceMinLength ?? 80;
  const clauses: Clause[] = [];
  const used = new Set<string>();
  const stack: Open[] = [];
  let rootParagraphs = 0;
  const childCount = new Map<string, number>();

  const unique = (anchor: string) => {
    let a = anchor;
    for (let n = 2; used.has(a); n++) a = `${anchor}~${n}`;
    used.add(a);
    return a;
  };

  const addSentences = (parent: Clause, block: TextRange, path: string[]) => {
    if (block.end - block.start < minLength) return;
    const spans = sentenceSpans(text, block.start, block.end);
    if (spans.length < 2) return;
    spans.forEach((s, k) => {
      const body = text.slice(s.start, s.end);
      clauses.push({
        anchor: unique(`${parent.anchor}.s${k + 1}`),
        path,
        kind: 'sentence',
        text: body,
        hash: contentHash(k === 0 ? body.slice(markerOf(body)) : body),
        start: s.start,
        end: s.end,
        parent: parent.anchor,
      });
    });
  };

  for (const block of paragraphs(text)) {
    const body = text.slice(block.start, block.end);
    const heading = detectHeading(body);
    if (heading) {
      const { rule } = heading;
      const existing = stack.findIndex((o) => o.style === rule.style);
      if (existing >= 0) stack.length = existing;
      else if (rule.kind === 'part') {
        // A part never sits inside an item: close the items first.
        while (stack.length && stack[stack.length - 1]!.kind === 'item') stack.pop();
      }
      const parent = stack[stack.length - 1];
      const prefix = rule.kind === 'part' ? 'p' : 'i';
      const key = `${parent?.anchor ?? ''}/${prefix}`;
      const ordinal = (childCount.get(key) ?? 0) + 1;
      childCount.set(key, ordinal);
      const seg = `${prefix}${heading.number ?? ordinal}`;
      const anchor = unique(parent ? `${parent.anchor}.${seg}` : seg);
      stack.push({
        style: rule.style,
        kind: rule.kind,
        anchor,
        label: heading.label,
        paragraphs: 0,
      });
      const clause: Clause = {
        anchor,
        path: stack.map((o) => o.label),
        kind: rule.kind,
        text: body,
        hash: contentHash(body.slice(heading.markerLength)),
        start: block.start,
        end: block.end,
        parent: parent?.anchor ?? null,
      };
      clauses.push(clause);
      addSentences(clause, block, clause.path);
    } else {
      const container = stack[stack.length - 1];
      const n = container ? ++container.paragraphs : ++rootParagraphs;
      const anchor = unique(container ? `${container.anchor}.g${n}` : `g${n}`);
      const clause: Clause = {
        anchor,
        path: stack.map((o) => o.label),
        kind: 'paragraph',
        text: body,
        hash: contentHash(body),
        start: block.start,
        end: block.end,
        parent: container?.anchor ?? null,
      };
      clauses.push(clause);
      addSentences(clause, block, clause.path);
    }
  }
  return clauses;
}

function markerOf(text: string): number {
  return detectHeading(text)?.markerLength ?? 0;
}

/** Clauses nothing else in the list subdivides: the units to match and to cite. */
export function leafClauses(clauses: Clause[]): Clause[] {
  const parents = new Set(clauses.filter((c) => c.kind === 'sentence').map((c) => c.parent));
  return clauses.filter((c) => !parents.has(c.anchor));
}

function bigrams(text: string): Map<string, number> {
  const key = normalizeText(text).replace(/[\s\p{P}]/gu, '');
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < key.length; i++) {
    const g = key.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  if (key.length === 1) out.set(key, 1);
  return out;
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let na = 0;
  let nb = 0;
  for (const v of a.values()) na += v;
  for (const v of b.values()) nb += v;
  for (const [g, v] of a) shared += Math.min(v, b.get(g) ?? 0);
  return na + nb === 0 ? 0 : (2 * shared) / (na + nb);
}

export interface ReanchorOptions {
  /** Least character-bigram Dice similarity for an edited clause to count as the same. Default 0.5. */
  minSimilarity?: number;
}

/**
 * Where each clause of an earlier import went in a new one: same content hash first (the nearest
 * in reading order when a text repeats, and the same anchor when possible), then, for edited
 * clauses, the most similar unclaimed clause of the same kind (character bigrams, Dice). Each new
 * clause is claimed at most once; a clause with no counterpart maps to null.
 */
export function reanchor(
  oldClauses: Clause[],
  newClauses: Clause[],
  options: ReanchorOptions = {},
): Map<string, string | null> {
  const minSimilarity = options.minSimilarity ?? 0.5;
  const result = new Map<string, string | null>();
  const claimed = new Set<number>();
  const byHash = new Map<string, number[]>();
  newClauses.forEach((c, j) => {
    const list = byHash.get(c.hash);
    if (list) list.push(j);
    else byHash.set(c.hash, [j]);
  });
  const newIndexByAnchor = new Map(newClauses.map((c, j) => [c.anchor, j]));
  const relative = (i: number, n: number) => (n <= 1 ? 0 : i / (n - 1));

  // 1. Unchanged clauses that kept their anchor.
  oldClauses.forEach((c) => {
    const j = newIndexByAnchor.get(c.anchor);
    if (j !== undefined && newClauses[j]!.hash === c.hash && newClauses[j]!.kind === c.kind) {
      result.set(c.anchor, c.anchor);
      claimed.add(j);
    }
  });
  // 2. Unchanged clauses that moved: same hash and kind, nearest position.
  oldClauses.forEach((c, i) => {
    if (result.has(c.anchor)) return;
    const candidates = (byHash.get(c.hash) ?? []).filter(
      (j) => !claimed.has(j) && newClauses[j]!.kind === c.kind,
    );
    if (!candidates.length) return;
    const pos = relative(i, oldClauses.length);
    const j = candidates.reduce((best, k) =>
      Math.abs(relative(k, newClauses.length) - pos) <
      Math.abs(relative(best, newClauses.length) - pos)
        ? k
        : best,
    );
    result.set(c.anchor, newClauses[j]!.anchor);
    claimed.add(j);
  });
  // 3. Edited clauses: most similar unclaimed clause of the same kind, best pairs first.
  const restOld = oldClauses.map((c, i) => ({ c, i })).filter(({ c }) => !result.has(c.anchor));
  const restNew = newClauses.map((c, j) => ({ c, j })).filter(({ j }) => !claimed.has(j));
  if (restOld.length && restNew.length) {
    const newGrams = new Map(restNew.map(({ c, j }) => [j, bigrams(c.text)]));
    const index = new Map<string, number[]>();
    for (const [j, grams] of newGrams) {
      for (const g of grams.keys()) {
        const list = index.get(g);
        if (list) list.push(j);
        else index.set(g, [j]);
      }
    }
    const pairs: { o: number; j: number; score: number }[] = [];
    restOld.forEach(({ c, i }, o) => {
      const grams = bigrams(c.text);
      const candidates = new Set<number>();
      for (const g of grams.keys()) for (const j of index.get(g) ?? []) candidates.add(j);
      for (const j of candidates) {
        const n = newClauses[j]!;
        if (n.kind !== c.kind) continue;
        const sim = dice(grams, newGrams.get(j)!);
        if (sim < minSimilarity) continue;
        // Ties go to the same anchor, then to the nearer position.
        const nearness =
          (n.anchor === c.anchor ? 1e-3 : 0) -
          1e-4 * Math.abs(relative(j, newClauses.length) - relative(i, oldClauses.length));
        pairs.push({ o, j, score: sim + nearness });
      }
    });
    pairs.sort((a, b) => b.score - a.score);
    const doneOld = new Set<number>();
    for (const { o, j } of pairs) {
      if (doneOld.has(o) || claimed.has(j)) continue;
      doneOld.add(o);
      claimed.add(j);
      result.set(restOld[o]!.c.anchor, newClauses[j]!.anchor);
    }
  }
  for (const c of oldClauses) if (!result.has(c.anchor)) result.set(c.anchor, null);
  return result;
}
