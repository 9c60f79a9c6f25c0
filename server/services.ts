import type { Config } from './config.ts';
import type { Clock } from './clock.ts';
import type { Store } from './store/store.ts';
import { Regions } from './regions/regions.ts';
import { OrgTree } from './organisations/org-tree.ts';
import { AddresseeDirectory } from './organisations/addressee-directory.ts';
import { CampaignRegistry } from './campaigns/campaign-registry.ts';
import { SessionStore } from './auth/sessions.ts';
import { RateLimiter } from './http/rate-limiter.ts';
import type { Actor } from './auth/actor.ts';
import { WorkingCalendar } from './handling/working-days.ts';
import { NearDuplicates } from './sensemaking/near-duplicates.ts';
import { RoutingModels } from './sensemaking/routing-models.ts';
import { ClusterModels } from './sensemaking/topic-clusters.ts';
import { SensemakingQueue } from './sensemaking/queue/sensemaking-queue.ts';
import { ChangeFeed } from './nodes/change-feed.ts';
import { Leadership } from './nodes/leadership.ts';
import { forgetSettings } from './auth/platform-settings.ts';

/** Everything a handler or domain verb needs, built once per app. */
export type Services = {
  /** Every read and write goes through the store's aggregates (server/store/). */
  store: Store;
  clock: Clock;
  config: Config;
  regions: Regions;
  orgs: OrgTree;
  /** Whom leadership-board messages are written to (campaigns/organisations.yaml). */
  addressees: AddresseeDirectory;
  campaigns: CampaignRegistry;
  sessions: SessionStore;
  limiter: RateLimiter;
  calendar: WorkingCalendar;
  nearDuplicates: NearDuplicates;
  routingModels: RoutingModels;
  clusterModels: ClusterModels;
  /** Near-duplicates, search indexing and cluster assignment owed to new submissions. */
  sensemaking: SensemakingQueue;
  /** What this node changed that other nodes remember, told to them (PostgreSQL NOTIFY). */
  changes: ChangeFeed;
  /** Whether this node runs the work that must run once (sensemaking, escalation, jobs …). */
  leadership: Leadership;
  /** False once shutdown has begun: /api/ready answers 503 so a balancer stops sending work. */
  state: { ready: boolean };
};

export type AppEnv = {
  Variables: { services: Services; actor: Actor | null; requestId: string; clientIp: string };
};

let sharedRegions: Regions | undefined;
let sharedCalendar: WorkingCalendar | undefined;

export async function createServices(
  store: Store,
  clock: Clock,
  config: Config,
): Promise<Services> {
  sharedRegions ??= Regions.load();
  sharedCalendar ??= WorkingCalendar.load();
  const log = (msg: Record<string, unknown>) =>
    console.error(JSON.stringify({ time: new Date().toISOString(), ...msg }));
  const changes = new ChangeFeed(store, log);
  const services: Services = {
    store,
    clock,
    config,
    regions: sharedRegions,
    orgs: new OrgTree(store),
    addressees: new AddresseeDirectory(store),
    campaigns: new CampaignRegistry(store),
    sessions: new SessionStore(store, config.HUIYIN_SESSION_DAYS * 86_400_000, changes),
    limiter: new RateLimiter(store.rateLimits, () => clock.now()),
    calendar: sharedCalendar,
    nearDuplicates: new NearDuplicates(store, {
      log: (msg) => console.log(JSON.stringify({ time: new Date().toISOString(), ...msg })),
    }),
    routingModels: new RoutingModels(store),
    clusterModels: new ClusterModels(store),
    changes,
    leadership: new Leadership(store, log),
    state: { ready: true },
    sensemaking: undefined as unknown as SensemakingQueue,
  };
  services.sensemaking = new SensemakingQueue(services);
  // What another node changed: drop it here too; it is read again when next needed.
  changes.on('campaigns', () => services.campaigns.load());
  changes.on('settings', () => forgetSettings(store));
  changes.on('routing-model', (id) => services.routingModels.forget(id));
  changes.on('cluster-model', (id) => services.clusterModels.forget(id));
  changes.on('signatures', (key) => {
    if (services.leadership.leading) return; // the leader stored them itself
    if (key === null) return services.nearDuplicates.forgetAll();
    const [campaignId, ids] = key.split(' ');
    return services.nearDuplicates.catchUp(campaignId!, (ids ?? '').split(',').filter(Boolean));
  });
  await Promise.all([
    services.orgs.load(),
    services.addressees.load(),
    services.campaigns.load(),
    changes.start(),
    services.leadership.start(),
  ]);
  return services;
}

/**
 * The same services reading from the standby (HUIYIN_DATABASE_READ_URL) when there is one: for
 * anonymous public reads, which may lag the primary by a moment and must keep working while it is
 * lost. Never for a signed-in person's view of what they just did, and never for a write.
 */
export function onReplica(s: Services): Services {
  return s.store.replica === s.store ? s : { ...s, store: s.store.replica };
}
