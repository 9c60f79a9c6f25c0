// Statements on one better-sqlite3 connection, prepared once per text and way of reading, behind
// the async Queryable port. The work is synchronous; the promises are settled when returned.
import type Database from 'better-sqlite3';
import type { Queryable, RunResult, StatementCounter } from '../db.ts';
import type { Param, Params, Sql } from '../sql.ts';

type Statement = Database.Statement<unknown[], unknown>;
type Mode = 'rows' | 'pluck';

/** Lists bind as JSON text (read back with json_each); everything else binds as it is. */
export function bindable(params: Params): unknown[] {
  if (params.length === 1) {
    const only = params[0];
    if (only !== null && typeof only === 'object' && !Array.isArray(only) && !Buffer.isBuffer(only))
      return [bindObject(only as Record<string, Param>)];
  }
  let converted: unknown[] | null = null;
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (Array.isArray(p)) {
      converted ??= params.slice();
      converted[i] = JSON.stringify(p);
    }
  }
  return converted ?? params;
}

function bindObject(values: Record<string, Param>): Record<string, unknown> {
  let converted: Record<string, unknown> | null = null;
  for (const key in values) {
    const v = values[key];
    if (Array.isArray(v)) {
      converted ??= { ...values };
      converted[key] = JSON.stringify(v);
    }
  }
  return converted ?? values;
}

/** Prepared statements for one connection, cached by statement (fixed texts) or by text. */
export class SqliteStatements implements Queryable {
  readonly engine = 'sqlite' as const;
  private readonly bySql = { rows: new WeakMap<Sql<unknown>, Statement>(), pluck: new WeakMap() };
  private readonly byText = { rows: new Map<string, Statement>(), pluck: new Map() };

  constructor(
    readonly connection: Database.Database,
    readonly counter: StatementCounter = { statements: 0 },
  ) {}

  statement(q: Sql<unknown>, mode: Mode = 'rows'): Statement {
    let statement = this.bySql[mode].get(q) as Statement | undefined;
    if (statement) return statement;
    const text = q.text('sqlite');
    statement = this.byText[mode].get(text) as Statement | undefined;
    if (!statement) {
      statement = this.connection.prepare(text);
      if (mode === 'pluck') statement.pluck(true);
      // Texts built per call vary little (a handful of filter combinations); bound the cache anyway.
      if (this.byText[mode].size > 2000) this.byText[mode].clear();
      this.byText[mode].set(text, statement);
    }
    this.bySql[mode].set(q, statement);
    return statement;
  }

  // Synchronous forms, for group commit's own bookkeeping and for workers.
  allSync<R>(q: Sql<R>, params: Params): R[] {
    return this.statement(q).all(...bindable(params)) as R[];
  }
  getSync<R>(q: Sql<R>, params: Params): R | undefined {
    return this.statement(q).get(...bindable(params)) as R | undefined;
  }
  runSync(q: Sql<unknown>, params: Params): RunResult {
    return { changes: this.statement(q).run(...bindable(params)).changes };
  }

  all<R>(q: Sql<R>, ...params: Params): Promise<R[]> {
    // Counted here, not in the transaction bookkeeping (begin, savepoints, commit).
    this.counter.statements++;
    try {
      return Promise.resolve(this.allSync(q, params));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
  get<R>(q: Sql<R>, ...params: Params): Promise<R | undefined> {
    this.counter.statements++;
    try {
      return Promise.resolve(this.getSync(q, params));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
  value<R>(q: Sql<R>, ...params: Params): Promise<R[keyof R] | undefined> {
    this.counter.statements++;
    try {
      return Promise.resolve(
        this.statement(q, 'pluck').get(...bindable(params)) as R[keyof R] | undefined,
      );
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
  column<R>(q: Sql<R>, ...params: Params): Promise<R[keyof R][]> {
    this.counter.statements++;
    try {
      return Promise.resolve(this.statement(q, 'pluck').all(...bindable(params)) as R[keyof R][]);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
  run(q: Sql<unknown>, ...params: Params): Promise<RunResult> {
    this.counter.statements++;
    try {
      return Promise.resolve(this.runSync(q, params));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
}
