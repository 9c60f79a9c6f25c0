// Masks personal data in text shown to the public: the one pass every public copy goes through
// (titles, bodies, custom fields, replies, collective replies, stories, cluster labels, exports,
// the search index, e-mails). The original stays sealed for the author and staff.
//
// Detection runs on a normalised copy: NFKC (full-width １３９ and ＠ become ASCII), format
// characters removed (zero-width spaces and joiners, word joiner, BOM, bidi controls), and
// spaces, dots and hyphens between digit groups read as separators. An index map leads each
// match back to the original text, and only the matched spans are replaced there: everything
// else keeps the citizen's own characters (full-width ，。 included).
//
// Patterns stay conservative where a false positive would mangle ordinary text: split numbers are
// accepted only in the layouts people write them in (139 1234 5678, 110105 19491231 002X, one
// digit at a time), ID numbers need a valid birth date (and, for 18 digits, a valid checksum),
// and years, amounts and reference numbers such as LB-2026-000123 are left alone.

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckChars = '10X98765432';

/** The 18th character of a resident ID number is a checksum (GB 11643, ISO 7064 MOD 11-2). */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  const sum = idWeights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return idCheckChars[sum % 11] === id[17]!.toUpperCase();
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

// First two digits of an ID number: provinces (GB/T 2260) and the residence permits of Hong Kong,
// Macao and Taiwan residents (81–83).
const idProvinces = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

const isId18 = (d: string) =>
  isValidIdNumber(d) &&
  isValidDate(Number(d.slice(6, 10)), Number(d.slice(10, 12)), Number(d.slice(12, 14))) &&
  Number(d.slice(6, 10)) >= 1880;

// The old 15-digit number has no checksum: the province and a real birth date (19YYMMDD) must hold.
const isId15 = (d: string) =>
  /^\d{15}$/.test(d) &&
  idProvinces.has(Number(d.slice(0, 2))) &&
  isValidDate(1900 + Number(d.slice(6, 8)), Number(d.slice(8, 10)), Number(d.slice(10, 12)));

// ---------------------------------------------------------------------------------------------
// Normalisation for detection, with a map back to the original.

type Normalised = {
  text: string;
  /**
   * Where the normalised text's offsets stop matching the original's (a removed format character,
   * a surrogate pair or an expansion such as ⑴ → (1)): normalised offset, original offset, in
   * order. Most folds keep the length (full-width ， and １ are one unit each), so this is short.
   */
  breaks: number[];
};

// Only characters whose NFKC matters to detection are folded: digits and letters of other forms
// (full-width, circled, mathematical), spaces, format characters (removed), ＠ ﹫ and the
// full-width brackets, plus, hyphen and dot. Everything else (，。：“” …) stays as it is.
const foldable =
  /^[\p{N}\p{Zs}\uFE50-\uFE6B\uFF08\uFF09\uFF0B\uFF0D\uFF0E\uFF10-\uFF19\uFF20-\uFF3A\uFF41-\uFF5A\u24B6-\u24E9\u{1D400}-\u{1D7FF}]$/u;
const formatChar = /^\p{Cf}$/u;
const foldCache = new Map<string, string>();

/** What one character (not ASCII) becomes for detection. */
function fold(ch: string): string {
  let out = foldCache.get(ch);
  if (out === undefined) {
    out = formatChar.test(ch) ? '' : foldable.test(ch) ? ch.normalize('NFKC') : ch;
    if (foldCache.size < 8192) foldCache.set(ch, out);
  }
  return out;
}

function normalise(text: string): Normalised {
  let out = '';
  let at = 0;
  const breaks: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // ASCII and the CJK Unified Ideographs (most of a text) are never folded.
    if (c < 0x80 || (c >= 0x4e00 && c <= 0x9fff)) continue;
    const ch = c >= 0xd800 && c <= 0xdbff ? text.slice(i, i + 2) : text[i]!;
    const folded = fold(ch);
    if (folded !== ch) {
      out += text.slice(at, i) + folded;
      at = i + ch.length;
      if (folded.length !== ch.length) breaks.push(out.length, at);
    }
    i += ch.length - 1;
  }
  return { text: at === 0 ? text : out + text.slice(at), breaks };
}

/** The original offset of a normalised offset (a boundary between characters). */
function originalOffset(norm: Normalised, offset: number): number {
  let normAt = 0;
  let origAt = 0;
  for (let k = 0; k < norm.breaks.length; k += 2) {
    // Inside an expansion (between the 1 and the ) of ⑴ → (1)): the end of that character.
    if (norm.breaks[k]! > offset) return Math.min(origAt + (offset - normAt), norm.breaks[k + 1]!);
    normAt = norm.breaks[k]!;
    origAt = norm.breaks[k + 1]!;
  }
  return origAt + (offset - normAt);
}

// ---------------------------------------------------------------------------------------------
// Detectors. Each yields spans of the normalised text with their replacement.

type Span = { start: number; end: number; replacement: string };

// Everything personal here holds a digit or an at sign; most texts are out after this one test
// (any character NFKC turns into an ASCII digit is a Unicode number, \p{N}).
const mayHoldPersonalData = /[\p{N}@\uFE6B\uFF20]/u;

const email = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
// QQ numbers are ordinary numbers: masked only where the text says they are one.
const qq = /(?:qq|扣扣)\s*(?:号码|号)?\s*[:：]?\s*(\d(?:[ -]?\d){4,11})(?!\d)/dgi;
// Province abbreviation + issuing letter + 5 characters (6 for new-energy plates), at least one digit.
const plate =
  /([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])([A-HJ-NP-Z])[·•\s]?((?=[A-HJ-NP-Z0-9]{0,5}\d)[A-HJ-NP-Z0-9]{5,6})(?![A-Za-z0-9])/g;
// Digit groups joined by separators (spaces, dots, hyphens; a closing bracket after an area code).
// A trailing X belongs to the last group (the ID checksum) unless a word goes on.
const digitRun = /(?<![0-9])\d+(?:(?:[ \t.·-]{1,3}|\)[ \t-]?)\d+)*(?:[Xx](?![A-Za-z0-9]))?/g;
const groupPattern = /\d+(?:[Xx](?![A-Za-z0-9]))?/g;

type Group = { start: number; end: number; digits: string };

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
/** One digit at a time (1 3 9 1 …), or one group: always a plausible way to write a number. */
const spelledOut = (lengths: number[]) => lengths.length === 1 || lengths.every((n) => n === 1);
const layoutIn = (lengths: number[], layouts: number[][]) =>
  spelledOut(lengths) || layouts.some((l) => same(l, lengths));

const mobileLayouts = [
  [3, 4, 4],
  [3, 8],
  [7, 4],
];
const id18Layouts = [
  [6, 8, 4],
  [6, 4, 4, 4],
  [6, 12],
  [4, 4, 4, 4, 2],
];
const id15Layouts = [
  [6, 6, 3],
  [6, 9],
];

const stars = (n: number) => '*'.repeat(n);

/** What a window of whole digit groups is, if it is personal data: its masked form. */
function classify(groups: Group[]): string | null {
  const lengths = groups.map((g) => g.digits.length);
  const all = groups.map((g) => g.digits).join('');
  const hasX = /[Xx]$/.test(all);
  if (all.length === 18 && layoutIn(lengths, id18Layouts) && isId18(all))
    return `${all.slice(0, 3)}${stars(13)}${all.slice(16).toUpperCase()}`;
  if (hasX) return null;
  if (all.length === 15 && layoutIn(lengths, id15Layouts) && isId15(all))
    return `${all.slice(0, 3)}${stars(10)}${all.slice(13)}`;

  // Mobile numbers, with a country code (86, 0086) as its own group or written on the front.
  let mobileGroups = lengths;
  let mobile = all;
  if (groups.length > 1 && /^(?:86|0086)$/.test(groups[0]!.digits)) {
    mobileGroups = lengths.slice(1);
    mobile = all.slice(groups[0]!.digits.length);
  } else if (groups.length === 1) {
    mobile = all.replace(/^(?:0086|86)(?=1[3-9]\d{9}$)/, '');
  }
  if (/^1[3-9]\d{9}$/.test(mobile) && layoutIn(mobileGroups, mobileLayouts))
    return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;

  // Landlines: area code and number, apart ((0371)12345678, 0371-1234-5678) or written together.
  const landline = (area: string, num: string) =>
    `${area}-${stars(num.length - 2)}${num.slice(-2)}`;
  if (groups.length === 1) {
    const m = /^(0(?:10|2\d))(\d{8})$/.exec(all) ?? /^(0[3-9]\d\d)(\d{7,8})$/.exec(all);
    return m ? landline(m[1]!, m[2]!) : null;
  }
  const [area, ...rest] = groups.map((g) => g.digits);
  const num = rest.join('');
  const restLengths = lengths.slice(1);
  if (
    /^0\d{2,3}$/.test(area!) &&
    /^\d{7,8}$/.test(num) &&
    (restLengths.length === 1 ||
      (restLengths.length === 2 && restLengths[0]! >= 3 && restLengths[1] === 4))
  ) {
    return landline(area!, num);
  }
  return null;
}

function digitSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const run of text.matchAll(digitRun)) {
    if (run[0].length < 7) continue; // too short to hold a phone or ID number
    const base = run.index;
    const groups: Group[] = [];
    for (const g of run[0].matchAll(groupPattern))
      groups.push({ start: base + g.index, end: base + g.index + g[0].length, digits: g[0] });
    for (let i = 0; i < groups.length;) {
      let found: { j: number; replacement: string } | null = null;
      let length = 0;
      for (let j = i; j < groups.length; j++) {
        length += groups[j]!.digits.length;
        if (length > 18) break;
        if (length < 7) continue;
        const replacement = classify(groups.slice(i, j + 1));
        if (replacement !== null) found = { j, replacement };
      }
      if (!found) {
        i++;
        continue;
      }
      let start = groups[i]!.start;
      // A leading + of +86, an opening bracket of (0371): part of what is masked.
      if (text[start - 1] === '+' || (text[start - 1] === '(' && text[groups[i]!.end] === ')'))
        start--;
      spans.push({ start, end: groups[found.j]!.end, replacement: found.replacement });
      i = found.j + 1;
    }
  }
  return spans;
}

function emailSpans(text: string): Span[] {
  if (!text.includes('@')) return [];
  return [...text.matchAll(email)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    replacement: `${m[1]}***@${m[2]}`,
  }));
}

function qqSpans(text: string): Span[] {
  if (!/qq|扣扣/i.test(text)) return [];
  return [...text.matchAll(qq)].map((m) => {
    const [start, end] = m.indices![1]!;
    const d = m[1]!.replace(/[ -]/g, '');
    return { start, end, replacement: `${d[0]}${stars(d.length - 2)}${d.slice(-1)}` };
  });
}

function plateSpans(text: string): Span[] {
  if (!/[A-HJ-NP-Z]/.test(text)) return [];
  return [...text.matchAll(plate)].map((m) => {
    const rest = m[3]!;
    return {
      start: m.index,
      end: m.index + m[0].length,
      replacement: `${m[1]}${m[2]}${stars(rest.length - 1)}${rest.slice(-1)}`,
    };
  });
}

// ---------------------------------------------------------------------------------------------

export type Masked = { text: string; masked: boolean };

/** The public form of a text: personal data masked, everything else as the citizen wrote it. */
export function maskPersonalData(text: string): Masked {
  if (!mayHoldPersonalData.test(text)) return { text, masked: false };
  const norm = normalise(text);
  // Earlier detectors win where spans overlap (a mobile number as an e-mail's name).
  const accepted: Span[] = [];
  for (const spans of [
    emailSpans(norm.text),
    qqSpans(norm.text),
    digitSpans(norm.text),
    plateSpans(norm.text),
  ]) {
    for (const s of spans)
      if (!accepted.some((a) => s.start < a.end && a.start < s.end)) accepted.push(s);
  }
  if (accepted.length === 0) return { text, masked: false };
  accepted.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of accepted) {
    const start = originalOffset(norm, s.start);
    const end = originalOffset(norm, s.end);
    out += text.slice(at, start) + s.replacement;
    at = end;
  }
  return { text: out + text.slice(at), masked: true };
}

/** The same pass over a form's custom fields: strings and numbers alike (a number may be a phone). */
export function maskCustomFields(custom: Record<string, string | number>): {
  custom: Record<string, string | number>;
  masked: boolean;
} {
  let masked = false;
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(custom)) {
    const m = maskPersonalData(String(value));
    masked ||= m.masked;
    out[key] = m.masked ? m.text : value;
  }
  return { custom: out, masked };
}

/**
 * The same pass over a record of words written for people (a timeline entry's data, an e-mail's
 * fields): every string value, except identifiers (keys ending in Id or Code), which nobody wrote.
 */
export function maskTextFields<T>(data: Record<string, T>): Record<string, T | string> {
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [
      k,
      typeof v === 'string' && !/(?:Id|Code)$/.test(k) ? maskPersonalData(v).text : v,
    ]),
  );
}
