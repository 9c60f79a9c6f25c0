// Instant in-browser search (MiniSearch) over Chinese text. MiniSearch splits words at spaces and
// punctuation, which Chinese does not have, so each run of Han characters is indexed as its
// single characters and character pairs; a query of two or more characters matches by pairs (all
// of them, AND), a one-character query by that character. Latin words and numbers stay words.
import MiniSearch, { type Options } from 'minisearch';

const HAN = /\p{Script=Han}/u;

export function cjkTokens(text: string): string[] {
  const out: string[] = [];
  for (const run of text.toLowerCase().match(/\p{Script=Han}+|[\p{L}\p{N}]+/gu) ?? []) {
    if (!HAN.test(run[0]!)) {
      out.push(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    for (const ch of chars) out.push(ch);
  }
  return out;
}

/** Query side: pairs only when there are any (single characters would match far too much). */
function queryTokens(text: string): string[] {
  const all = cjkTokens(text);
  const pairs = all.filter((tok) => !HAN.test(tok) || [...tok].length > 1);
  return pairs.length ? pairs : all;
}

export function createCjkIndex<T extends { id: string | number }>(
  fields: string[],
  extract?: Options<T>['extractField'],
): MiniSearch<T> {
  return new MiniSearch<T>({
    fields,
    tokenize: cjkTokens,
    ...(extract ? { extractField: extract } : {}),
    searchOptions: { tokenize: queryTokens, combineWith: 'AND' },
  });
}
