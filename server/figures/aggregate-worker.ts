// Worker-thread entry: counts a figures snapshot on a reader of its own (the store opens it from
// the address of the server's database: a read-only SQLite connection, or a PostgreSQL cursor in
// one snapshot).
import { parentPort, workerData } from 'node:worker_threads';
import { submissionFactsAt, type StoreAddress } from '../store/figures.ts';
import { aggregate } from './aggregate.ts';
import { adoptedStatuses } from './definitions.ts';

const { address, takenAt } = (workerData as { input: { address: StoreAddress; takenAt: number } })
  .input;
parentPort!.postMessage(
  await aggregate(submissionFactsAt(address, takenAt, adoptedStatuses), takenAt),
);
