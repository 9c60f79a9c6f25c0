// The store: every aggregate, bound either to the database (reads, and single-statement writes)
// or to one write transaction (`store.write(async (tx) => …)`), where each aggregate's methods run
// inside that transaction. Domain code sees aggregates and plain values, never SQL or a driver.
import type { Db, Queryable, WriteOptions } from './engine/db.ts';
import { AccountsStore } from './accounts.ts';
import { AdoptionStore } from './adoption.ts';
import { CampaignsStore } from './campaigns.ts';
import { ClustersStore } from './clusters.ts';
import { FiguresStore } from './figures.ts';
import { HandlingStore } from './handling.ts';
import { JobsStore } from './jobs.ts';
import { NotificationsStore } from './notifications.ts';
import { SearchStore } from './search.ts';
import { SensemakingStore } from './sensemaking.ts';
import { SubmissionsStore } from './submissions.ts';
import { TimelineStore } from './timeline.ts';
import { TrustStore } from './trust.ts';

/** The aggregates on one connection or transaction; each is made on first use. */
export class Aggregates {
  #accounts?: AccountsStore;
  #adoption?: AdoptionStore;
  #campaigns?: CampaignsStore;
  #clusters?: ClustersStore;
  #figures?: FiguresStore;
  #handling?: HandlingStore;
  #jobs?: JobsStore;
  #notifications?: NotificationsStore;
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

/** The aggregates inside one write (or snapshot) transaction. */
export type Tx = Aggregates;

export class Store extends Aggregates {
  constructor(readonly db: Db) {
    super(db);
  }

  /**
   * One serializable write transaction; resolves after it is durable (see engine/db.ts for what
   * `work` may and may not do: it may be run again on PostgreSQL).
   */
  write<T>(work: (tx: Tx) => Promise<T>, options?: WriteOptions): Promise<T> {
    return this.db.write((q) => work(new Aggregates(q)), options);
  }

  /** Several reads of one consistent state. */
  snapshot<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.snapshot((q) => work(new Aggregates(q)));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
