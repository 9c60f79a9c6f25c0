// The store: every aggregate, bound either to the database (reads, and single-statement writes)
// or to one write transaction (`store.write(async (tx) => …)`), where each aggregate's methods run
// inside that transaction. Domain code sees aggregates and plain values, never SQL or a driver.
import type { Db, Queryable, WriteOptions } from './engine/db.ts';
import { sql } from './engine/sql.ts';
import { AccountsStore } from './accounts.ts';
import { AdoptionStore } from './adoption.ts';
import { AddresseesStore } from './addressees.ts';
import { CampaignsStore } from './campaigns.ts';
import { ExportsStore } from './exports.ts';
import { ClustersStore } from './clusters.ts';
import { FiguresStore } from './figures.ts';
import { HandlingStore } from './handling.ts';
import { JobsStore } from './jobs.ts';
import { NotificationsStore } from './notifications.ts';
import { RateLimitsStore } from './rate-limits.ts';
import { RepliesStore } from './replies.ts';
import { ScorecardsStore } from './scorecards.ts';
import { SearchStore } from './search.ts';
import { SensemakingStore } from './sensemaking.ts';
import {
  formatRef,
  insertReceivedPg,
  SubmissionsStore,
  type NewSubmission,
} from './submissions.ts';
import type { TimelineEntry } from './timeline.ts';
import { TimelineStore } from './timeline.ts';
import { TrustStore } from './trust.ts';

/** The aggregates on one connection or transaction; each is made on first use. */
export class Aggregates {
  #accounts?: AccountsStore;
  #addressees?: AddresseesStore;
  #adoption?: AdoptionStore;
  #campaigns?: CampaignsStore;
  #clusters?: ClustersStore;
  #figures?: FiguresStore;
  #handling?: HandlingStore;
  #jobs?: JobsStore;
  #notifications?: NotificationsStore;
  #replies?: RepliesStore;
  #scorecards?: ScorecardsStore;
  #search?: SearchStore;
  #sensemaking?: SensemakingStore;
  #submissions?: SubmissionsStore;
  #timeline?: TimelineStore;
  #trust?: TrustStore;

  constructor(protected readonly q: Queryable) {}

  get engine() {
    return this.q.engine;
  }
  get accounts() {
    return (this.#accounts ??= new AccountsStore(this.q));
  }
  get adoption() {
    return (this.#adoption ??= new AdoptionStore(this.q));
  }
  get addressees() {
    return (this.#addressees ??= new AddresseesStore(this.q));
  }
  get campaigns() {
    return (this.#campaigns ??= new CampaignsStore(this.q));
  }
  get clusters() {
    return (this.#clusters ??= new ClustersStore(this.q));
  }
  get figures() {
    return (this.#figures ??= new FiguresStore(this.q));
  }
  get handling() {
    return (this.#handling ??= new HandlingStore(this.q));
  }
  get jobs() {
    return (this.#jobs ??= new JobsStore(this.q));
  }
  get notifications() {
    return (this.#notifications ??= new NotificationsStore(this.q));
  }
  get replies() {
    return (this.#replies ??= new RepliesStore(this.q));
  }
  get scorecards() {
    return (this.#scorecards ??= new ScorecardsStore(this.q));
  }
  get search() {
    return (this.#search ??= new SearchStore(this.q));
  }
  get sensemaking() {
    return (this.#sensemaking ??= new SensemakingStore(this.q));
  }
  get submissions() {
    return (this.#submissions ??= new SubmissionsStore(this.q));
  }
  get timeline() {
    return (this.#timeline ??= new TimelineStore(this.q));
  }
  get trust() {
    return (this.#trust ??= new TrustStore(this.q));
  }
}

const ping = sql<{ one: number }>('select 1 as one');
// How far a standby's replay is behind the last transaction it received (0 on a primary). It grows
// while the primary is idle, as PostgreSQL's own replay timestamp does.
const replayLag = sql<{ lagMs: number }>(
  `select case when pg_is_in_recovery()
     then coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000, 0)
     else 0 end::float8 as "lagMs"`,
);
const inRecovery = sql<{ standby: number }>(
  'select case when pg_is_in_recovery() then 1 else 0 end as standby',
);

/** The aggregates inside one write (or snapshot) transaction. */
export type Tx = Aggregates;

export class Store extends Aggregates {
  #exports?: ExportsStore;
  #rateLimits?: RateLimitsStore;

  constructor(readonly db: Db) {
    super(db);
  }

  #replica: Store | null = null;

  /**
   * Where the heavy public reads go (search, the data page, exports): a standby when
   * HUIYIN_DATABASE_READ_URL is set, otherwise this store. Never for what a person just wrote and
   * expects to see (their own pages read the primary).
   */
  get replica(): Store {
    return this.#replica ?? this;
  }

  useReplica(replica: Store): void {
    this.#replica = replica;
  }

  /** Streams of large reads (not available inside a write). */
  get exports() {
    return (this.#exports ??= new ExportsStore(this.db));
  }

  /** Tells the other app nodes on this database (nothing on SQLite: one node). */
  broadcast(message: string): Promise<void> {
    return this.db.broadcast(message);
  }

  /** Hears the other nodes' broadcasts; `resync` when some may have been missed. */
  listen(hear: (message: string) => void, resync: () => void) {
    return this.db.listen(hear, resync);
  }

  /** Competes to lead the work that runs on one node only (see engine/db.ts). */
  lead(changed: (leading: boolean) => void) {
    return this.db.lead(changed);
  }

  /** Rate-limit windows: each hit its own atomic statement, never inside another write. */
  get rateLimits() {
    return (this.#rateLimits ??= new RateLimitsStore(this.db));
  }

  /**
   * One serializable write transaction; resolves after it is durable (see engine/db.ts for what
   * `work` may and may not do: it may be run again on PostgreSQL).
   */
  write<T>(work: (tx: Tx) => Promise<T>, options?: WriteOptions): Promise<T> {
    return this.db.write((q) => work(new Aggregates(q)), options);
  }

  /**
   * A write that takes the next number of a series (reference numbers such as LB-2026-000123),
   * drawn inside the same transaction: on SQLite from a counter row (no gaps), on PostgreSQL
   * from a sequence (no conflicts between concurrent writes; a write that fails leaves a gap).
   */
  writeNumbered<T>(series: string, work: (tx: Tx, n: number) => Promise<T>): Promise<T> {
    return this.write(async (tx) => work(tx, await tx.campaigns.nextRef(series)));
  }

  /**
   * A new submission waiting for moderation, with its number in `series`, its timeline entry and
   * what sensemaking owes it, committed together; returns its reference number. The submission
   * hot path: one statement on PostgreSQL (one round trip), one group-commit write on SQLite.
   */
  async insertReceived(
    series: string,
    row: Omit<NewSubmission, 'ref'>,
    event: TimelineEntry,
  ): Promise<string> {
    if (this.engine === 'postgres') {
      const ref = await this.db.value(insertReceivedPg, {
        series,
        ...row,
        at: event.at,
        actorId: event.actorId,
        actorRole: event.actorRole,
        type: event.type,
        fromStatus: event.fromStatus ?? null,
        toStatus: event.toStatus ?? null,
        reason: event.reason ?? null,
        data: event.data ? JSON.stringify(event.data) : null,
        enqueuedAt: Date.now(),
      });
      return ref!;
    }
    return this.writeNumbered(series, async (tx, n) => {
      const ref = formatRef(series, n);
      await tx.submissions.insert({ ...row, ref });
      await tx.timeline.append(event);
      await tx.sensemaking.enqueue(row.id, 'arrived');
      return ref;
    });
  }

  /** Several reads of one consistent state. */
  snapshot<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.snapshot((q) => work(new Aggregates(q)));
  }

  /** Resolves when the database answers (health checks). */
  /**
   * Whether writes can be made here: SQLite's file always; a PostgreSQL primary, not a standby in
   * recovery. Null when the database cannot be reached.
   */
  async writable(): Promise<boolean | null> {
    if (this.engine === 'sqlite') return true;
    try {
      return (await this.db.value(inRecovery)) === 0;
    } catch {
      return null;
    }
  }

  /** Milliseconds the standby's replay is behind (see `replayLag`); null when unreachable. */
  async replayLagMs(): Promise<number | null> {
    if (this.engine === 'sqlite') return 0;
    try {
      return Math.round((await this.db.value(replayLag)) ?? 0);
    } catch {
      return null;
    }
  }

  async ping(): Promise<void> {
    await this.db.value(ping);
  }

  #closing?: Promise<void>;

  /** Closes the connections (once; later calls wait for the first). */
  close(): Promise<void> {
    return (this.#closing ??= Promise.all([this.db.close(), this.#replica?.close()]).then(
      () => undefined,
    ));
  }
}
