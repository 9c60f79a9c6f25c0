// A second app node on a test app's database (or the same node after a restart): its own store,
// services and in-memory caches, as another server process would have. Closed with `close()`.
import { createApp } from '../../server/app.ts';
import { openStore } from '../../server/store/open-store.ts';
import type { TestApp } from './test-app.ts';

export async function otherNode(t: TestApp) {
  const store = await openStore(t.config);
  const { app, services } = await createApp({ store, clock: t.clock, config: t.config });
  return {
    services,
    async request(method: string, path: string, init: { body?: unknown; cookie?: string } = {}) {
      await t.settle();
      const headers: Record<string, string> = {};
      if (init.cookie) headers.cookie = init.cookie;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const res = await app.request(path, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      return {
        status: res.status,
        headers: res.headers,
        json: (text ? JSON.parse(text) : null) as any, // eslint-disable-line @typescript-eslint/no-explicit-any
      };
    },
    async close() {
      await services.sensemaking.stop();
      await store.close();
    },
  };
}
