// Worker-thread entry: counts a figures snapshot on a read-only connection of its own.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { aggregate } from './aggregate.ts';

const { file, takenAt } = (workerData as { input: { file: string; takenAt: number } }).input;
const db = new Database(file, { readonly: true, fileMustExist: true });
try {
  parentPort!.postMessage(await aggregate(db, takenAt));
} finally {
  db.close();
}
