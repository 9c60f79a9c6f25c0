// What "the same text" means for near-duplicate detection: the citizen's words after the shared
// normalisation (NFKC, Traditional → Simplified, lower case), without the salutation and the
// thank-you line (people re-address the same letter to another official), without punctuation and
// white space. Similarity is the Jaccard index of the character 3-gram sets of that core text.
import { normalizeText } from '../text-pipeline.ts';
import { hashCodePoints } from './hash.ts';

/** Character n-gram length. 3 keeps one changed character from touching more than 3 shingles. */
export const SHINGLE_SIZE = 3;

/**
 * Core texts shorter than this (letters and digits) are matched exactly only: in a short question
 * one changed character is usually a different question (地铁3号线 / 地铁4号线).
 */
export const MIN_FUZZY_LENGTH = 15;

// Who a letter is addressed to, only in forms that cannot be the start of the content, since
// stripping content could make two different texts equal (学生刺死老师, … / 学生打伤老师, …):
//   尊敬的胡书记, / 敬爱的各位领导: (an honorific first)   胡书记: / 市委领导: (a colon)
//   领导您好, / 书记好! (a greeting)   领导, / 胡书记, (a bare title, at most a surname before it)
// White space is removed first (never meaningful in Chinese text).
const TITLES =
  '领导|书记|市长|县长|区长|镇长|乡长|省长|州长|局长|厅长|主任|部长|处长|科长|所长|院长|校长|' +
  '主席|委员|政府|同志|先生|女士|老师|公仆|干部|网友|市民|群众|朋友';
const BARE_TITLES =
  '领导|书记|市长|县长|区长|镇长|乡长|省长|州长|局长|厅长|主任|部长|处长|科长|所长|院长|校长|' +
  '主席|同志|先生|女士';
const NAME = '[^,.:;!?。、;我是]'; // a character of a name or a place, not of a sentence
const END = '[,:!。]+';
const SALUTATIONS = [
  `(?:尊敬|敬爱|亲爱)的?${NAME}{0,14}?(?:${TITLES})们?(?:(?:您|你|大家)?好)?${END}`,
  `${NAME}{0,8}?(?:${TITLES})们?(?:(?:您|你|大家)?好)?:+[,!。]*`,
  `${NAME}{0,8}?(?:${TITLES})们?(?:您|你|大家)?好${END}`,
  `(?:各位)?\\p{Script=Han}?(?:${BARE_TITLES})们?${END}`,
  `(?:(?:您|你|大家)好|hello|hi)${END}`,
];
const SALUTATION = new RegExp(`^(?:${SALUTATIONS.join('|')})`, 'u');
const CLOSING =
  /[,.:;!?。、]*(?:(?:非常|十分|万分|再次)?(?:谢谢|感谢)(?:您|你|各位|政府|领导)*们?|此致敬礼)[,.:;!?。、]*$/u;
/** Only the end of a text can be a closing (and an unanchored regex over a long text is slow). */
const TAIL = 40;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** The text that similarity is computed on (see the module comment). */
export function coreText(text: string): string {
  const normalized = normalizeText(text).replace(/\s+/g, '');
  let t = normalized;
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = t.replace(SALUTATION, '');
    const cut = Math.max(0, t.length - TAIL);
    t = t.slice(0, cut) + t.slice(cut).replace(CLOSING, '');
    if (t === before) break;
  }
  const core = t.replace(NOT_WORD, '');
  // A message that is nothing but a salutation keeps it (otherwise 您好 and 谢谢 would be equal).
  return core || normalized.replace(NOT_WORD, '');
}

export function codePoints(s: string): Uint32Array {
  const out = new Uint32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i) ?? 0;
    out[n++] = c;
    if (c > 0xffff) i++;
  }
  return out.subarray(0, n);
}

/**
 * The set of 3-gram shingles of a core text, each hashed to 16 bits, sorted and unique. 16 bits
 * halve the memory; chance collisions change a Jaccard index by well under 0.01 at these sizes.
 */
export function shingleSet(cps: Uint32Array): Uint16Array {
  const n = cps.length - SHINGLE_SIZE + 1;
  if (n <= 0) return new Uint16Array(0);
  const raw = new Uint16Array(n);
  for (let i = 0; i < n; i++) raw[i] = hashCodePoints(cps, i, i + SHINGLE_SIZE, 0x5bd1e995) >>> 16;
  raw.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || raw[i] !== raw[m - 1]) raw[m++] = raw[i] ?? 0;
  return raw.slice(0, m);
}

/** Exact Jaccard index of two sorted, unique sets. */
export function jaccard(a: Uint16Array, b: Uint16Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}
