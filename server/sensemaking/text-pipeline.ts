// The one text pipeline every analysis uses (dedup, clustering, routing, search, adoption).
// It never changes what the public sees: it works on a normalised copy of the citizen's words.
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import * as OpenCC from 'opencc-js';

const openccToSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
let skipCheck: ((text: string) => boolean) | undefined;

/**
 * OpenCC's Traditional → Simplified (hk → cn), with the identity skipped where it is provably the
 * identity: OpenCC walks a trie over every character, most of normalising's cost, and almost every
 * text is Simplified already. See `unchangedByOpenCC`.
 */
export function toSimplified(text: string): string {
  skipCheck ??= unchangedByOpenCC();
  return skipCheck(text) ? text : openccToSimplified(text);
}

/** OpenCC's dictionary data: `"key value|key value"` or pairs. */
type DictLike = string | readonly (readonly [string, string])[];
/** A preset's conversion (opencc-js `ConverterBuilder`): stages run one after the other. */
type PresetConfig = {
  normalizationChain?: readonly (readonly DictLike[])[];
  conversionChain: readonly (readonly DictLike[])[];
};

/**
 * One stage (a group of dictionaries) as OpenCC's trie reads it: the first dictionary holding a
 * key wins, and within a dictionary the last line does.
 */
function stageEntries(group: readonly DictLike[]): Map<string, string> {
  const stage = new Map<string, string>();
  for (const dict of group) {
    const pairs = typeof dict === 'string' ? dict.split('|').map((line) => line.split(' ')) : dict;
    const own = new Map<string, string>();
    for (const [key, value] of pairs) if (key && value !== undefined) own.set(key, value);
    for (const [key, value] of own) if (!stage.has(key)) stage.set(key, value);
  }
  return stage;
}

/**
 * A test, built from the very dictionaries the converter uses, that is true only for texts
 * OpenCC's hk → cn conversion returns unchanged. OpenCC replaces a text's longest dictionary
 * matches stage by stage (segmenting first only limits where matches may lie); a text in which no
 * key that changes something can match comes out as it went in. So every changing key needs a
 * trigger the text must then contain: one of its characters already in the set (the Traditional
 * characters, which are single-character keys themselves), else the whole key, looked for as a
 * substring. One exception keeps common Simplified characters out of the set: the HK-variant stage
 * turns 台 户 税 温 … into 臺 戶 稅 溫, which the last stage turns straight back. Such a round trip
 * c → v → c is the identity as long as the last stage maps every key holding a v back to what
 * stood in the text (the key with each v read as its c), and v itself is a trigger.
 * The test over every row of the shared data and Traditional samples is in text-pipeline.test.ts.
 */
function unchangedByOpenCC(): (text: string) => boolean {
  const config = (OpenCC.Locale.configs as Record<string, PresetConfig> | undefined)?.hk2s;
  if (!config) return () => false; // a preset built differently: always convert
  const stages = [...(config.normalizationChain ?? []), ...config.conversionChain].map(
    stageEntries,
  );
  const last = stages.at(-1) ?? new Map<string, string>();
  const variants = stages.length >= 2 ? stages.at(-2)! : new Map<string, string>();
  // round trips c → v → c through the last two stages (v → c is one-to-one: `last` is a map)
  const back = new Map<string, string>(); // v → c
  for (const [c, v] of variants) {
    if ([...c].length === 1 && [...v].length === 1 && v !== c && last.get(v) === c) back.set(v, c);
  }
  for (const [v, c] of [...back]) if (back.has(c)) back.delete(v); // no chains c → v → c → …
  const roundTrip = new Set(back.values());
  const original = (key: string) => [...key].map((ch) => back.get(ch) ?? ch).join('');

  const triggers = new Set<string>(back.keys()); // a v in the text itself is converted
  const phrases: string[] = []; // [what must appear in the text, …] for keys with no trigger
  // Every changing key, as the text it matches in the input: single characters first, so that a
  // phrase can rely on one of its characters being a trigger already.
  const changing: string[] = [];
  stages.forEach((stage, s) => {
    for (const [key, value] of stage) {
      if (s === stages.length - 1) {
        if (value !== original(key)) changing.push(original(key));
      } else if (value !== key && !(stage === variants && roundTrip.has(key))) {
        changing.push(key);
      }
    }
  });
  for (const key of changing) if ([...key].length === 1) triggers.add(key);
  for (const key of changing) {
    if (![...key].some((ch) => triggers.has(ch))) phrases.push(key);
  }
  // A lookup per UTF-16 unit: 1 a trigger, 2 the high half of an astral trigger (check the pair).
  const table = new Uint8Array(0x10000);
  const astral = new Set<number>();
  for (const ch of triggers) {
    const code = ch.codePointAt(0)!;
    if (code < 0x10000) table[code] = 1;
    else {
      astral.add(code);
      table[ch.charCodeAt(0)] ||= 2;
    }
  }
  return (text) => {
    for (let i = 0; i < text.length; i++) {
      const mark = table[text.charCodeAt(i)];
      if (mark === 1 || (mark === 2 && astral.has(text.codePointAt(i)!))) return false;
    }
    for (const phrase of phrases) if (text.includes(phrase)) return false;
    return true;
  };
}

/** Whether `toSimplified` skips OpenCC for this text (exported for the test that proves it). */
export function skipsConversion(text: string): boolean {
  skipCheck ??= unchangedByOpenCC();
  return skipCheck(text);
}

let jieba: Jieba | undefined;
let stopWords: Set<string> | undefined;

/** The segmenter with jieba's dictionary plus our policy terms (公积金, 十五五, 互助性养老 …). */
export function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(readFileSync(new URL('./user-dict.txt', import.meta.url)));
  }
  return jieba;
}

function stops(): Set<string> {
  stopWords ??= new Set(
    readFileSync(new URL('./stopwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((w) => w.trim())
      .filter(Boolean),
  );
  return stopWords;
}

/**
 * For analysis only: full-width forms to half-width (NFKC), Traditional to Simplified (the seeds
 * mix both scripts), Latin lower-cased, runs of white space folded to one space.
 */
export function normalizeText(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ').trim();
}

const isWord = (token: string) => /[\p{L}\p{N}]/u.test(token);

/**
 * Words of a text for matching and indexing: jieba's search mode (it also emits the parts of long
 * words, so 学位 is found inside 学位严重不足), without stop words and punctuation.
 */
export function segmentWords(
  text: string,
  options: { keepStopWords?: boolean; normalized?: boolean } = {},
): string[] {
  // `normalized`: the caller already ran normalizeText (see segmentNormalized).
  return segmentNormalized(options.normalized ? text : normalizeText(text), options);
}

/**
 * `segmentWords` of a text that is already `normalizeText`'s output: callers that need the
 * normalised text anyway normalise once (a Traditional text costs about half as much to normalise
 * as to segment).
 */
export function segmentNormalized(
  normalized: string,
  options: { keepStopWords?: boolean } = {},
): string[] {
  return keepWords(segmenter().cutForSearch(normalized, true), options);
}

/** The segmenter's tokens that count as words: no white space, punctuation or stop words. */
export function keepWords(tokens: string[], options: { keepStopWords?: boolean } = {}): string[] {
  const stop = stops();
  return tokens.filter((w) => w.trim() && isWord(w) && (options.keepStopWords || !stop.has(w)));
}

/** One token of `keepWords` (stop words dropped): for callers that cache the verdict per token. */
export function isKeptWord(token: string): boolean {
  return keepWords([token]).length === 1;
}

/** Words in reading order without the extra sub-words of search mode (for labels and phrases). */
export function segmentPlain(text: string): string[] {
  const stop = stops();
  return segmenter()
    .cut(normalizeText(text), true)
    .filter((w) => w.trim() && isWord(w) && !stop.has(w));
}

export function isStopWord(word: string): boolean {
  return stops().has(word);
}
