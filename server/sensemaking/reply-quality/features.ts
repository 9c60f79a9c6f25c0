// Interpretable features of an official reply. Each one is a number from 0 (fine) to 1 (as
// perfunctory as it gets) with a sentence a reviewer can read, so the score can say why.
import { normalizeText, segmentWords } from '../text-pipeline.ts';
import {
  BOILERPLATE,
  COMMITMENT,
  DATE,
  DEFLECTION,
  EXPLANATION,
  GENERIC_QUESTION_WORDS,
  NEUTRAL,
  OFFICE,
  QUESTION_KINDS,
} from './phrases.ts';

/** The features in the order of the model's weights. */
export const FEATURES = [
  'too-short',
  'boilerplate',
  'no-commitment',
  'no-explanation',
  'no-date',
  'no-office',
  'low-overlap',
  'unanswered',
  'deflects',
] as const;
export type FeatureCode = (typeof FEATURES)[number];

export interface ReplyFeatures {
  /** One value per FEATURES entry, each in [0, 1]; 1 = perfunctory. */
  values: number[];
  /** What a reviewer reads for each feature. */
  details: Record<FeatureCode, string>;
}

/** Substance of this many characters or fewer counts as fully too short … */
export const SHORT_CHARS = 10;
/** … and this many or more as not short at all (log scale in between). */
export const LONG_CHARS = 300;
/** How many of the question's key words the overlap looks at. */
const KEY_WORDS = 20;

const CONTENT_CHAR = /[\p{L}\p{N}]/u;
const countContent = (text: string) => [...text].filter((ch) => CONTENT_CHAR.test(ch)).length;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const quote = (items: string[], max = 3) =>
  items
    .slice(0, max)
    .map((s) => `「${s.trim()}」`)
    .join('') + (items.length > max ? ' …' : '');

const NONE = 0;
const FORMULA = 1;
const BOILER = 2;

/** Splits a normalised reply into formula, boilerplate and the rest (the substance). */
export function dissectReply(normalizedReply: string, normalizedQuestion: string) {
  const text = normalizedReply;
  const mask = new Uint8Array(text.length);
  const boilerplate: { kind: string; phrase: string }[] = [];
  for (const { kind, patterns } of BOILERPLATE) {
    for (const pattern of patterns) {
      for (const m of text.matchAll(pattern)) {
        if (!m[0].trim() || countContent(m[0]) === 0) continue;
        const start = m.index;
        const end = start + m[0].length;
        let fresh = 0;
        for (let i = start; i < end; i++) {
          if (mask[i] !== NONE) continue;
          mask[i] = BOILER;
          fresh++;
        }
        if (fresh > 0) boilerplate.push({ kind, phrase: m[0] });
      }
    }
  }
  const mark = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (mask[i] === NONE) mask[i] = FORMULA;
  };
  for (const pattern of NEUTRAL) {
    for (const m of text.matchAll(pattern)) mark(m.index, m.index + m[0].length);
  }
  // A quotation of the citizen's own words is an echo, not an answer.
  for (const m of text.matchAll(/[“"《]([^”"》]{4,80})[”"》]/g)) {
    if (normalizedQuestion.includes(m[1]!.trim())) mark(m.index, m.index + m[0].length);
  }
  let substance = '';
  let boilerText = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (mask[i] === NONE) substance += ch;
    else if (!substance.endsWith('|')) substance += '|';
    if (mask[i] === BOILER) boilerText += ch;
  }
  return { substance, boilerplate, boilerChars: countContent(boilerText) };
}

/** The question's key words, most frequent first (title words count twice: title + body). */
export function questionKeyWords(question: string, max = KEY_WORDS): string[] {
  const counts = new Map<string, number>();
  for (const word of segmentWords(question)) {
    if ([...word].length < 2 || GENERIC_QUESTION_WORDS.has(word) || /^[a-z]*\d+$/.test(word)) {
      continue;
    }
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([word]) => word);
}

const distinctMatches = (text: string, pattern: RegExp) => [
  ...new Set([...text.matchAll(pattern)].map((m) => m[0].trim()).filter(Boolean)),
];

export function replyFeatures(question: string, reply: string): ReplyFeatures {
  const q = normalizeText(question);
  const r = normalizeText(reply);
  const { substance, boilerplate, boilerChars } = dissectReply(r, q);
  const substanceChars = countContent(substance);
  const sentences = substance.split(/[。!?;|\n]+/).filter((s) => countContent(s) >= 4).length;

  // too-short: characters of substance (greeting, boilerplate and sign-off taken away)
  const tooShort = clamp01(
    Math.log(LONG_CHARS / Math.max(substanceChars, 1)) / Math.log(LONG_CHARS / SHORT_CHARS),
  );

  // boilerplate: the share of the reply's words that are stock phrases
  const boilerShare = boilerChars / Math.max(boilerChars + substanceChars, 1);
  const kinds = [...new Set(boilerplate.map((b) => b.kind))];

  const commitments = distinctMatches(substance, COMMITMENT);
  const explanations = distinctMatches(substance, EXPLANATION);
  const dates = distinctMatches(substance, DATE);
  const offices = distinctMatches(substance, OFFICE);
  const deflections = distinctMatches(r, DEFLECTION);

  // low-overlap: how many of the question's key words the substance takes up
  const keyWords = questionKeyWords(q);
  const found = keyWords.filter((w) => substance.includes(w));
  const overlap = keyWords.length ? found.length / keyWords.length : 1;
  const missing = keyWords.filter((w) => !found.includes(w));

  // unanswered: what the citizen asked (能否 / 何时 / 多少 / 如何 / 为什么) and whether it is answered
  const asked = QUESTION_KINDS.filter((k) => k.asked.test(q));
  const unansweredKinds = asked.filter((k) => {
    k.answered.lastIndex = 0;
    const answered = k.answered.test(substance);
    k.answered.lastIndex = 0;
    return !answered;
  });

  const values: Record<FeatureCode, number> = {
    'too-short': tooShort,
    boilerplate: boilerShare,
    'no-commitment': 0.5 ** commitments.length,
    'no-explanation': 0.5 ** explanations.length,
    'no-date': dates.length ? 0 : 1,
    'no-office': offices.length ? 0 : 1,
    'low-overlap': 1 - overlap,
    unanswered: asked.length ? unansweredKinds.length / asked.length : 0,
    deflects: deflections.length ? 1 : 0,
  };
  const details: Record<FeatureCode, string> = {
    'too-short': `${substanceChars} characters of substance in ${sentences} sentence(s) after greeting and stock phrases`,
    boilerplate: kinds.length
      ? `${Math.round(boilerShare * 100)}% stock phrases (${kinds.join(', ')}): ${quote(boilerplate.map((b) => b.phrase))}`
      : 'no stock phrases',
    'no-commitment': commitments.length
      ? `actions or results: ${quote(commitments)}`
      : 'no action taken, result or commitment (已解决, 责令整改, 将于…, 经核实…)',
    'no-explanation': explanations.length
      ? `explains with ${quote(explanations)}`
      : 'no rule, cause, present state or procedure explained',
    'no-date': dates.length
      ? `dates: ${quote(dates)}`
      : 'no date or deadline (X月X日, 年底前, N个工作日)',
    'no-office': offices.length
      ? `office or contact: ${quote(offices)}`
      : 'no responsible office or contact given',
    'low-overlap': keyWords.length
      ? `takes up ${found.length} of ${keyWords.length} key words of the question` +
        (missing.length ? `; missing ${quote(missing, 5)}` : '')
      : 'the question has no key words to compare',
    unanswered: asked.length
      ? unansweredKinds.length
        ? `asked ${asked.map((k) => k.kind).join(', ')}; no answer to ${unansweredKinds.map((k) => k.kind).join(', ')}`
        : `answers ${asked.map((k) => k.kind).join(', ')}`
      : 'no direct question asked',
    deflects: deflections.length
      ? `puts the burden back on the citizen or elsewhere: ${quote(deflections)}`
      : 'does not deflect',
  };
  return { values: FEATURES.map((f) => values[f]), details };
}
