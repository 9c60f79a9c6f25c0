import type { Services } from '../services.ts';

/** Liveness: the database answers (and which engine it is), and how far sensemaking lags. */
export async function health(s: Services) {
  await s.store.ping();
  return {
    status: 'ok' as const,
    db: 'ok' as const,
    engine: s.store.engine,
    time: s.clock.now(),
    sensemaking: await s.sensemaking.stats(),
  };
}
