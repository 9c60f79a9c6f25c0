import { hostname } from 'node:os';
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

/**
 * Readiness of this node, for a balancer and an operator: which node and engine, whether it leads
 * the run-once work, and whether it reaches a writable primary. Not ready while shutting down.
 */
export async function readiness(s: Services) {
  const replica = s.store.replica === s.store ? null : s.store.replica;
  const [writable, lagMs] = await Promise.all([s.store.writable(), replica?.replayLagMs()]);
  return {
    ready: s.state.ready,
    node: s.config.HUIYIN_NODE_ID || `${hostname()}:${process.pid}`,
    engine: s.store.engine,
    leading: s.leadership.leading,
    primary:
      writable === null
        ? ('unreachable' as const)
        : writable
          ? ('writable' as const)
          : ('read-only' as const),
    campaigns: s.campaigns.all().length,
    // The standby public reads go to (HUIYIN_DATABASE_READ_URL), and how far behind it replays.
    ...(replica ? { replica: { reachable: lagMs !== null, lagMs: lagMs ?? null } } : {}),
  };
}
