// Generated hostile input against every route of the OpenAPI document, as anonymous, a netizen
// and an admin: each answer must be a 4xx (a GET may also answer 200) with a stable error code,
// never a 5xx, and the database must not change. Seeded, so a failure can be replayed.
import { createHash } from 'node:crypto';
import { getTableName, is, Table } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../../../server/http/api-error.ts';
import { makeUser, publishedSubmission, roleUser, type TestUser } from '../../support/factories.ts';
import * as schema from '../../../schema/index.ts';
import * as pgSchema from '../../../schema/pg/index.ts';
import { query } from '../../support/sql.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { testEngine } from '../../support/test-database.ts';
import {
  hostileString,
  semanticPayload,
  structuralPayload,
  type Payload,
} from './fuzz-payloads.ts';

const seed = 20261121;
const runsPerRouteAndActor = 16;
/** Tables whose rows may change on any request: sign-in bookkeeping, not content. */
const volatileTables = new Set(['sessions', 'pending_logins']);

let t: TestApp;
let actors: { name: string; user: TestUser | null }[];
const tally = { cases: 0, fiveHundreds: 0, byStatus: new Map<number, number>() };

beforeAll(async () => {
  t = await createTestApp({
    config: {
      HUIYIN_AUTH_PER_IP_PER_HOUR: '0',
      HUIYIN_SEARCH_PER_IP_PER_MINUTE: '0',
      HUIYIN_SUBMIT_PER_IP_PER_HOUR: '0',
      HUIYIN_SUBMIT_PER_ACCOUNT_PER_HOUR: '0',
    },
  });
  await publishedSubmission(t, makeUser(t));
  actors = [
    { name: 'anonymous', user: null },
    { name: 'netizen', user: makeUser(t) },
    { name: 'admin', user: roleUser(t, 'admin') },
  ];
});
afterAll(async () => {
  console.log(
    `fuzz: ${tally.cases} cases, ${tally.fiveHundreds} 5xx; statuses ${JSON.stringify(Object.fromEntries(tally.byStatus))}`,
  );
  await t.close();
});

/** Every table of the schema the run's engine has (schema/pg/ lists PostgreSQL's). */
const tables = Object.values(testEngine === 'postgres' ? pgSchema : schema)
  .filter((v): v is Table => is(v, Table))
  .map((table) => getTableName(table));

/** Row count and an order-independent hash of every table the fuzzer must not change. */
async function checksum(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of tables.filter((n) => !volatileTables.has(n)).sort()) {
    const rows = await query(t).all(`select * from "${name}"`);
    const hashes = rows.map((r) => createHash('sha256').update(JSON.stringify(r)).digest('hex'));
    out[name] =
      `${rows.length}:${createHash('sha256').update(hashes.sort().join()).digest('hex').slice(0, 16)}`;
  }
  return out;
}

type Operation = {
  method: string;
  path: string;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
};

async function operations(): Promise<Operation[]> {
  const doc = (await t.request('GET', '/api/openapi.json')).json as {
    paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, ...op })),
  );
}

/** A lone surrogate cannot be percent-encoded as UTF-8: send the replacement character's bytes. */
const encodeSegment = (value: string) =>
  encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD')) || '%00';

/** Fills every {param} with hostile text: no real id or slug, so nothing can be found and acted on. */
const hostilePath = (path: string) =>
  fc.array(hostileString, { minLength: 3, maxLength: 3 }).map((values) => {
    let i = 0;
    return path.replace(/\{\w+\}/g, () => encodeSegment(values[i++ % 3]!));
  });

const hostileQuery = fc
  .dictionary(
    fc.constantFrom(
      'q',
      'page',
      'pageSize',
      'sort',
      'campaign',
      'unit',
      'month',
      'text',
      'parent',
      'state',
      '__proto__',
    ),
    hostileString,
    { maxKeys: 4 },
  )
  .map((q) => new URLSearchParams(q).toString());

async function send(
  method: string,
  url: string,
  cookie: string | undefined,
  payload: Payload | null,
) {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  if (payload) headers['content-type'] = payload.contentType;
  const res = await t.app.request(url, {
    method,
    headers,
    ...(payload ? { body: payload.body as BodyInit } : {}),
  });
  const text = await res.text();
  let code: unknown;
  try {
    code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
  } catch {
    code = undefined;
  }
  return { status: res.status, code };
}

describe('fuzzing every route', () => {
  it('answers hostile input with a 4xx and a stable code, never a 5xx, and changes nothing', async () => {
    const before = await checksum();
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const op of ops) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const takesNothing = !op.requestBody && !op.path.includes('{');
      // A route with neither body nor parameter could act on a "valid" body it ignores (sign
      // out, start 2FA): it gets only payloads refused before any handler runs.
      const payload: fc.Arbitrary<Payload | null> =
        op.method === 'GET'
          ? fc.constant(null)
          : takesNothing || !op.requestBody
            ? structuralPayload
            : fc.oneof(structuralPayload, semanticPayload(schema as never));
      for (const actor of actors) {
        await fc.assert(
          fc.asyncProperty(
            hostilePath(op.path),
            hostileQuery,
            payload,
            async (path, query, body) => {
              const url = `/api${path}${op.method === 'GET' && query ? `?${query}` : ''}`;
              const res = await send(op.method, url, actor.user?.cookie, body);
              tally.cases += 1;
              tally.byStatus.set(res.status, (tally.byStatus.get(res.status) ?? 0) + 1);
              if (res.status >= 500) tally.fiveHundreds += 1;
              const stable =
                typeof res.code === 'string' && (errorCodes as string[]).includes(res.code);
              const ok =
                op.method === 'GET'
                  ? res.status < 500 && (res.status < 400 || stable)
                  : res.status >= 400 && res.status < 500 && stable;
              if (!ok && failures.length < 20) {
                failures.push(
                  `${op.method} ${url.slice(0, 120)} as ${actor.name} [${body?.kind}] → ${res.status} ${String(res.code)}`,
                );
              }
              return true;
            },
          ),
          { seed, numRuns: runsPerRouteAndActor },
        );
      }
    }
    expect(failures).toEqual([]);
    expect(await checksum()).toEqual(before);
    expect(tally.fiveHundreds).toBe(0);
  }, 120_000);
});
