// The store writes `?` and `@name` placeholders (SQLite's); PostgreSQL numbers them ($1, $2 …).
// Rewritten once per statement text; quoted strings, quoted identifiers and comments are left alone.

export type Numbered = {
  text: string;
  /** For `@name` placeholders: the name bound to each $n, in order. Null for positional ones. */
  names: string[] | null;
};

export function numberPlaceholders(source: string): Numbered {
  let out = '';
  let n = 0;
  let names: string[] | null = null;
  const seen = new Map<string, number>();
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "'" || c === '"') {
      const end = closingQuote(source, i, c);
      out += source.slice(i, end + 1);
      i = end;
    } else if (c === '-' && source[i + 1] === '-') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      out += source.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') {
      out += `$${++n}`;
    } else if (c === '@' && /[A-Za-z_]/.test(source[i + 1] ?? '')) {
      let j = i + 1;
      while (j < source.length && /\w/.test(source[j]!)) j++;
      const name = source.slice(i + 1, j);
      names ??= [];
      let index = seen.get(name);
      if (index === undefined) {
        names.push(name);
        index = names.length;
        seen.set(name, index);
      }
      out += `$${index}`;
      i = j - 1;
    } else {
      out += c;
    }
  }
  if (n > 0 && names) throw new Error('A statement mixes ? and @name placeholders');
  return { text: out, names };
}

/** Index of the quote closing the one at `start` (a doubled quote is an escaped one). */
function closingQuote(source: string, start: number, quote: string): number {
  let i = start + 1;
  for (;;) {
    const next = source.indexOf(quote, i);
    if (next === -1) return source.length - 1;
    if (source[next + 1] === quote) {
      i = next + 2;
      continue;
    }
    return next;
  }
}
