import { randomFillSync } from 'node:crypto';

// Random bytes are drawn from the OS 4 KiB at a time: one system call per id cost more than the
// rest of an insert (ids are made on every submission and timeline write).
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function randomHex6(): string {
  if (poolAt + 6 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += 6;
  return pool.toString('hex', poolAt - 6, poolAt);
}

/**
 * Prefixed, time-ordered ids (`sub_…`, `usr_…`): readable in logs, and appended near the end of
 * the primary-key B-tree instead of scattered across it.
 */
export function newId(
  prefix:
    | 'sub'
    | 'usr'
    | 'org'
    | 'cmp'
    | 'rep'
    | 'col'
    | 'job'
    | 'clu'
    | 'mdl'
    | 'doc'
    | 'cls'
    | 'adp'
    | 'sty'
    | 'adr',
  now = Date.now(),
): string {
  return `${prefix}_${now.toString(36).padStart(9, '0')}${randomHex6()}`;
}
