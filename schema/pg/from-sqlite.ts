// The PostgreSQL tables, derived from the one schema source (schema/*.ts, written with
// drizzle's sqlite-core) so the two engines can never drift: same tables, columns, defaults,
// NOT NULLs, keys, indexes and CHECKs. drizzle-kit generates schema/migrations-pg from these.
//
// Types: every integer is a bigint (epoch milliseconds overflow int4; counts and 0/1 flags cost
// little more), read back as a JS number (the store's type parser). Booleans stay 0/1 integers,
// so SQL written `= 1` means the same on both engines. JSON stays text for the same reason. An
// autoincrement key becomes an identity column.
import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  check,
  doublePrecision,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  type AnyPgColumn,
  type PgColumnBuilderBase,
  type PgTableWithColumns,
} from 'drizzle-orm/pg-core';
import { getTableConfig, SQLiteSyncDialect, type SQLiteTable } from 'drizzle-orm/sqlite-core';

const sqliteDialect = new SQLiteSyncDialect();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PgTableOf = PgTableWithColumns<any>;

/** Tables converted so far, by SQL name: foreign keys find the table they point at here. */
const converted = new Map<string, PgTableOf>();

function columnFor(column: ReturnType<typeof getTableConfig>['columns'][number]) {
  const type = column.getSQLType();
  let builder: PgColumnBuilderBase & {
    notNull(): unknown;
    primaryKey(): unknown;
    default(v: unknown): unknown;
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const b = (x: unknown) => x as any;
  if (type === 'integer') {
    builder = b(bigint(column.name, { mode: 'number' }));
    if ((column as { autoIncrement?: boolean }).autoIncrement)
      builder = b(builder).generatedByDefaultAsIdentity();
  } else if (type === 'real') builder = b(doublePrecision(column.name));
  else if (type === 'text') builder = b(text(column.name));
  else throw new Error(`No PostgreSQL type for ${column.name} (${type})`);
  if (column.primary) builder = b(builder.primaryKey());
  else if (column.notNull) builder = b(builder.notNull());
  if (column.hasDefault && column.default !== undefined) {
    // A boolean default (`false`) becomes 0/1; numbers, strings and SQL pass as they are.
    const value = typeof column.default === 'boolean' ? Number(column.default) : column.default;
    builder = b(builder.default(value));
  }
  return builder;
}

/** SQL text of a CHECK or index predicate, with column names quoted (valid on both engines). */
const render = (value: SQL) => sqliteDialect.sqlToQuery(value).sql;

export function toPg(table: SQLiteTable): PgTableOf {
  const config = getTableConfig(table);
  const columns: Record<string, PgColumnBuilderBase> = {};
  for (const column of config.columns) columns[column.name] = columnFor(column);
  const pg = pgTable(config.name, columns, (t) => {
    const col = (name: string) => (t as Record<string, AnyPgColumn>)[name]!;
    const extras = [];
    for (const i of config.indexes) {
      const names = i.config.columns.map((c) => (c as { name: string }).name);
      const on = names.map(col) as [AnyPgColumn, ...AnyPgColumn[]];
      if (i.config.where) throw new Error(`Partial index ${i.config.name}: not converted`);
      extras.push(
        i.config.unique ? uniqueIndex(i.config.name).on(...on) : index(i.config.name).on(...on),
      );
    }
    for (const c of config.checks) extras.push(check(c.name, sql.raw(render(c.value))));
    for (const p of config.primaryKeys) {
      const on = p.columns.map((c) => col(c.name)) as [AnyPgColumn, ...AnyPgColumn[]];
      extras.push(primaryKey({ name: p.getName(), columns: on }));
    }
    for (const f of config.foreignKeys) {
      const ref = f.reference();
      const target = converted.get(getTableConfig(ref.foreignTable).name);
      if (!target)
        throw new Error(`${config.name}: convert ${getTableConfig(ref.foreignTable).name} first`);
      const fk = foreignKey({
        name: f.getName(),
        columns: ref.columns.map((c) => col(c.name)) as [AnyPgColumn, ...AnyPgColumn[]],
        foreignColumns: ref.foreignColumns.map(
          (c) => (target as unknown as Record<string, AnyPgColumn>)[c.name]!,
        ) as [AnyPgColumn, ...AnyPgColumn[]],
      });
      if (f.onDelete) fk.onDelete(f.onDelete);
      if (f.onUpdate) fk.onUpdate(f.onUpdate);
      extras.push(fk);
    }
    return extras;
  });
  converted.set(config.name, pg);
  return pg;
}
