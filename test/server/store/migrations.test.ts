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
});
