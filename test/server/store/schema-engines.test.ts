// Both engines end with the same schema after their migrations: the same tables, columns (name,
// kind of type, NOT NULL, primary key), indexes and CHECK constraints. Only search differs by
// design: FTS5 on SQLite, a tsvector table on PostgreSQL.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../server/store/engine/open-db.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../../support/test-database.ts';

type Column = { name: string; type: string; notNull: boolean; primaryKey: boolean };
type Shape = {
  tables: Record<string, Column[]>;
  indexes: string[];
  checks: string[];
  foreignKeys: string[];
};

// Search is engine-specific by design (schema/README.md), and each engine keeps its own
// migration bookkeeping.
const engineOwn = /^(submission_search.*|__drizzle_migrations|sqlite_.*)$/;
const kind = (type: string) =>
  /int/i.test(type) ? 'integer' : /real|double|float/i.test(type) ? 'real' : 'text';

function sqliteShape(file: string): Shape {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (
      db
        .prepare("select name, sql from sqlite_master where type = 'table' order by name")
        .all() as { name: string; sql: string }[]
    ).filter((t) => !engineOwn.test(t.name));
    const shape: Shape = { tables: {}, indexes: [], checks: [], foreignKeys: [] };
    for (const t of tables) {
      const columns = db.prepare(`pragma table_info("${t.name}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[];
      shape.tables[t.name] = columns
        .map((c) => ({
          name: c.name,
          type: kind(c.type),
          notNull: c.notnull === 1 || c.pk > 0,
          primaryKey: c.pk > 0,
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
      for (const m of t.sql.matchAll(/CONSTRAINT\s+"([^"]+)"\s+CHECK/gi))
        shape.checks.push(`${t.name}.${m[1]}`);
      const fks = db.prepare(`pragma foreign_key_list("${t.name}")`).all() as {
        table: string;
        from: string;
        to: string;
      }[];
      for (const f of fks) shape.foreignKeys.push(`${t.name}.${f.from}->${f.table}.${f.to}`);
      const indexes = db.prepare(`pragma index_list("${t.name}")`).all() as {
        name: string;
        origin: string;
      }[];
      for (const i of indexes) if (i.origin === 'c') shape.indexes.push(i.name);
    }
    for (const list of [shape.indexes, shape.checks, shape.foreignKeys]) list.sort();
    return shape;
  } finally {
    db.close();
  }
}

async function postgresShape(url: string): Promise<Shape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{
      table: string;
      name: string;
      type: string;
      notNull: boolean;
      primaryKey: boolean;
    }>(
      `select c.table_name as "table", c.column_name as name, c.data_type as type,
         c.is_nullable = 'NO' as "notNull",
         exists (select 1 from information_schema.key_column_usage k
           join information_schema.table_constraints tc on tc.constraint_name = k.constraint_name
             and tc.table_name = k.table_name and tc.constraint_type = 'PRIMARY KEY'
           where k.table_name = c.table_name and k.column_name = c.column_name) as "primaryKey"
       from information_schema.columns c
       where c.table_schema = 'public' order by c.table_name, c.column_name`,
    );
    const shape: Shape = { tables: {}, indexes: [], checks: [], foreignKeys: [] };
    for (const c of columns) {
      if (engineOwn.test(c.table)) continue;
      (shape.tables[c.table] ??= []).push({
        name: c.name,
        type: kind(c.type),
        notNull: c.notNull,
        primaryKey: c.primaryKey,
      });
    }
    for (const t of Object.values(shape.tables)) t.sort((a, b) => a.name.localeCompare(b.name));
    const { rows: indexes } = await client.query<{ name: string; table: string }>(
      `select i.indexname as name, i.tablename as table from pg_indexes i
       where i.schemaname = 'public' and not exists (select 1 from pg_constraint k
         where k.conname = i.indexname and k.contype in ('p', 'u'))`,
    );
    shape.indexes = indexes.filter((i) => !engineOwn.test(i.table)).map((i) => i.name);
    const { rows: constraints } = await client.query<{
      table: string;
      name: string;
      type: string;
      definition: string;
    }>(
      `select r.relname as table, k.conname as name, k.contype as type,
         pg_get_constraintdef(k.oid) as definition
       from pg_constraint k join pg_class r on r.oid = k.conrelid
       join pg_namespace n on n.oid = r.relnamespace
       where n.nspname = 'public' and k.contype in ('c', 'f')`,
    );
    for (const k of constraints) {
      if (engineOwn.test(k.table)) continue;
      if (k.type === 'c') shape.checks.push(`${k.table}.${k.name}`);
    }
    const { rows: fks } = await client.query<{ fk: string }>(
      `select kcu.table_name || '.' || kcu.column_name || '->' || ccu.table_name || '.' || ccu.column_name as fk
       from information_schema.table_constraints tc
       join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name
       join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
       where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'`,
    );
    shape.foreignKeys = fks.map((f) => f.fk);
    for (const list of [shape.indexes, shape.checks, shape.foreignKeys]) list.sort();
    return shape;
  } finally {
    await client.end();
  }
}

describe.runIf(testEngine === 'postgres')('one schema on two engines', () => {
  let dir: string;
  let database: TestDatabase;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hy-schema-'));
    database = await createTestDatabase(dir);
    // A SQLite file migrated from scratch beside the PostgreSQL database.
    const db = await openDb({
      HUIYIN_DB: join(dir, 'fresh.db'),
      HUIYIN_DATABASE_URL: '',
      HUIYIN_DATABASE_POOL: 1,
    });
    await db.close();
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has the same tables, columns, indexes, CHECKs and foreign keys', async () => {
    const sqlite = sqliteShape(join(dir, 'fresh.db'));
    const postgres = await postgresShape(database.config.HUIYIN_DATABASE_URL);
    expect(Object.keys(sqlite.tables).length).toBeGreaterThan(40);
    expect(sqlite.indexes.length).toBeGreaterThan(40);
    expect(sqlite.checks.length).toBeGreaterThan(25);
    expect(sqlite.foreignKeys.length).toBeGreaterThan(4);
    expect(Object.keys(postgres.tables).sort()).toEqual(Object.keys(sqlite.tables).sort());
    for (const [table, columns] of Object.entries(sqlite.tables))
      expect({ table, columns: postgres.tables[table] }).toEqual({ table, columns });
    expect(postgres.indexes).toEqual(sqlite.indexes);
    expect(postgres.checks).toEqual(sqlite.checks);
    expect(postgres.foreignKeys).toEqual(sqlite.foreignKeys);
  });
});
