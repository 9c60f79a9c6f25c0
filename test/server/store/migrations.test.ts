// Start-up refuses a database it cannot bring up to date, and says which migration failed.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyMigrations,
  MigrationError,
  readMigrations,
  type Migration,
} from '../../../server/store/engine/migrations.ts';
import {
  sqliteMigrationTarget,
  sqliteMigrations,
} from '../../../server/store/engine/sqlite/sqlite-db.ts';
import { openStore } from '../../../server/store/open-store.ts';

const fresh = () => new Database(join(mkdtempSync(join(tmpdir(), 'hy-mig-')), 'm.db'));

describe('migrations at start-up', () => {
  it('names the migration that failed and applies nothing of it', async () => {
    const db = fresh();
    const real = readMigrations(sqliteMigrations);
    const broken: Migration = {
      tag: '9999_broken',
      statements: ['create table half_made (id text)', 'create table oops ('],
      hash: 'x',
      createdAt: real.at(-1)!.createdAt + 1,
    };
    const error = await applyMigrations(sqliteMigrationTarget(db), [...real, broken]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(
      /^Migration 9999_broken failed, nothing of it was applied/,
    );
    // Everything before it is in place; nothing of it is.
    const tables = db
      .prepare("select name from sqlite_master where type = 'table'")
      .pluck()
      .all() as string[];
    expect(tables).toContain('submissions');
    expect(tables).not.toContain('half_made');
    // The next start carries on from there once the migration is fixed.
    const fixed = { ...broken, statements: ['create table half_made (id text)'] };
    expect(await applyMigrations(sqliteMigrationTarget(db), [...real, fixed])).toEqual([
      '9999_broken',
    ]);
  });

  it('refuses a database a newer build has migrated', async () => {
    const db = fresh();
    const real = readMigrations(sqliteMigrations);
    const newer: Migration = {
      tag: '9999_newer',
      statements: ['create table from_the_future (id text)'],
      hash: 'y',
      createdAt: real.at(-1)!.createdAt + 1,
    };
    await applyMigrations(sqliteMigrationTarget(db), [...real, newer]);
    await expect(applyMigrations(sqliteMigrationTarget(db), real)).rejects.toThrow(
      /has 1 migration\(s\) this version of Huiyin does not have/,
    );
  });

  it('refuses, with HUIYIN_MIGRATE=off, a database older than its code, naming what it lacks', async () => {
    const db = fresh();
    const real = readMigrations(sqliteMigrations);
    await applyMigrations(sqliteMigrationTarget(db), real.slice(0, -1));
    await expect(
      applyMigrations(sqliteMigrationTarget(db), real, { apply: false }),
    ).rejects.toThrow(
      new RegExp(`lacks 1 migration\\(s\\) this version of Huiyin needs \\(${real.at(-1)!.tag}\\)`),
    );
    // Nothing was applied; up to date, the same node starts.
    expect(await applyMigrations(sqliteMigrationTarget(db), real)).toEqual([real.at(-1)!.tag]);
    expect(await applyMigrations(sqliteMigrationTarget(db), real, { apply: false })).toEqual([]);
  });

  it('keeps a node with HUIYIN_MIGRATE=off from starting on an empty database', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hy-mig-')), 'empty.db');
    const config = { HUIYIN_DB: file, HUIYIN_DATABASE_URL: '', HUIYIN_DATABASE_POOL: 2 };
    await expect(openStore({ ...config, HUIYIN_MIGRATE: 'off' })).rejects.toThrow(
      /HUIYIN_MIGRATE=off: start one node with HUIYIN_MIGRATE=auto/,
    );
    const store = await openStore({ ...config, HUIYIN_MIGRATE: 'auto' });
    await store.close();
    await (await openStore({ ...config, HUIYIN_MIGRATE: 'off' })).close();
  });
});
