import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../bench/server-process.ts';
import { createTestDatabase, testEngine } from '../../support/test-database.ts';

describe('operations', () => {
  it('logs each request as a JSON line with its id, reports readiness, and shuts down cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiyin-shutdown-'));
    const database = await createTestDatabase(dir);
    const server = await startServer({
      env: { HUIYIN_REQUEST_LOG: '1' },
      dbFile: database.config.HUIYIN_DB,
      ...(database.config.HUIYIN_DATABASE_URL
        ? { databaseUrl: database.config.HUIYIN_DATABASE_URL }
        : {}),
    });
    try {
      const health = await fetch(`${server.url}/api/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', engine: testEngine });
      const ready = await fetch(`${server.url}/api/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ready: true, campaigns: 4 });
      const missing = await fetch(`${server.url}/api/nope`, {
        headers: { 'x-request-id': 'trace-42' },
      });
      expect(missing.headers.get('x-request-id')).toBe('trace-42');
      expect(((await missing.json()) as { error: { requestId: string } }).error.requestId).toBe(
        'trace-42',
      );
      const exit = await server.stop();
      expect(exit.code).toBe(0);
      const lines = server
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toContainEqual(
        expect.objectContaining({
          requestId: 'trace-42',
          method: 'GET',
          path: '/api/nope',
          status: 404,
        }),
      );
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: 'shutting down', signal: 'SIGTERM' }),
      );
    } finally {
      await server.stop();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
