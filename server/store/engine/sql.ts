// One SQL text for both engines. A statement is written once, in the common subset SQLite 3.53
// and PostgreSQL 15 share (quoted camelCase aliases, `on conflict … do`, `returning`,
// `nulls last`), with `?` or `@name` placeholders; what the two spell differently comes from the
// dialect helpers below, chosen when the text is first rendered for an engine. Row types are
// declared with the statement (from the schema's inferred types where a row mirrors a table), so
// callers never cast a row by hand.

export type Engine = 'sqlite' | 'postgres';

/** What the two engines spell differently. Each helper returns SQL text for its engine. */
export type Dialect = {
  readonly engine: Engine;
  /** `x in ${d.list('text')}`: a list bound as one parameter (pass a JS array). */
  list(type: 'text' | 'bigint'): string;
  /** The larger of two values (`max(a, b)` in SQLite, `greatest(a, b)` in PostgreSQL). */
  greatest(a: string, b: string): string;
  /** The smaller of two values. */
  least(a: string, b: string): string;
  /** Joins the values of a group with a separator (`group_concat` / `string_agg`). */
  joinGroup(expr: string, separator: string): string;
  /** A JSON array of the group's values, as text. */
  jsonGroupArray(expr: string): string;
  /** A JSON object from key/value pairs, as text. */
  jsonObject(pairs: Record<string, string>): string;
  /** The elements of a JSON array stored as text, as a one-column table named `value`. */
  jsonElements(expr: string): string;
  /** A floating-point value of an expression (SQLite has no float8 type name). */
  float(expr: string): string;
  /**
   * Rows from parallel arrays, one parameter per column (pass one JS array each, equally long),
   * as a table named `r`:
   * `insert into t (a, b) select a, b from ${d.rows([['a', 'text'], ['b', 'bigint']])} where true`
   * writes many rows in one statement. (`where true` lets SQLite parse a following `on conflict`.)
   */
  rows(columns: readonly (readonly [name: string, type: 'text' | 'bigint' | 'float8'])[]): string;
};

const sqliteDialect: Dialect = {
  engine: 'sqlite',
  list: () => '(select value from json_each(?))',
  greatest: (a, b) => `max(${a}, ${b})`,
  least: (a, b) => `min(${a}, ${b})`,
  joinGroup: (expr, separator) => `group_concat(${expr}, '${separator}')`,
  jsonGroupArray: (expr) => `json_group_array(${expr})`,
  jsonObject: (pairs) =>
    `json_object(${Object.entries(pairs)
      .map(([k, v]) => `'${k}', ${v}`)
      .join(', ')})`,
  jsonElements: (expr) => `json_each(${expr})`,
  float: (expr) => `cast(${expr} as real)`,
  rows: (columns) =>
    `(select ${columns.map(([name], i) => `c${i}.value as ${name}`).join(', ')} from json_each(?) c0${columns
      .slice(1)
      .map((_, i) => ` join json_each(?) c${i + 1} on c${i + 1}.key = c0.key`)
      .join('')}) as r`,
};

const postgresDialect: Dialect = {
  engine: 'postgres',
  list: (type) => `(select unnest(?::${type}[]))`,
  greatest: (a, b) => `greatest(${a}, ${b})`,
  least: (a, b) => `least(${a}, ${b})`,
  joinGroup: (expr, separator) => `string_agg(${expr}, '${separator}')`,
  jsonGroupArray: (expr) => `coalesce(json_agg(${expr})::text, '[]')`,
  jsonObject: (pairs) =>
    `json_build_object(${Object.entries(pairs)
      .map(([k, v]) => `'${k}', ${v}`)
      .join(', ')})::text`,
  jsonElements: (expr) => `json_array_elements_text((${expr})::json) as value`,
  float: (expr) => `(${expr})::float8`,
  rows: (columns) =>
    `unnest(${columns.map(([, type]) => `?::${type}[]`).join(', ')}) as r(${columns
      .map(([name]) => name)
      .join(', ')})`,
};

export const dialects: Record<Engine, Dialect> = {
  sqlite: sqliteDialect,
  postgres: postgresDialect,
};

/** A value bound to a placeholder. Arrays bind a list (see `Dialect.list`). */
export type Param = string | number | bigint | null | Buffer | readonly (string | number | null)[];
/** Positional parameters, or one object for `@name` placeholders. */
export type Params = Param[] | [Record<string, Param>];

/**
 * A statement and the shape of its rows. Build them once at module level where the text is
 * fixed (each engine prepares them once); build them per call where the text varies.
 */
export class Sql<Row = unknown> {
  /** Phantom: carries the row type. */
  declare readonly row: Row;
  private readonly rendered: Partial<Record<Engine, string>> = {};

  constructor(private readonly source: string | ((d: Dialect) => string)) {}

  /** The text for one engine, rendered once. */
  text(engine: Engine): string {
    let text = this.rendered[engine];
    if (text === undefined) {
      text = typeof this.source === 'string' ? this.source : this.source(dialects[engine]);
      this.rendered[engine] = text;
    }
    return text;
  }
}

/** A statement whose rows have type `Row`. */
export function sql<Row = unknown>(source: string | ((d: Dialect) => string)): Sql<Row> {
  return new Sql<Row>(source);
}

/** The rows of a statement. */
export type RowOf<Q> = Q extends Sql<infer R> ? R : never;
