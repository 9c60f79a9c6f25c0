import { randomBytes } from 'node:crypto';

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
    | 'sty',
  now = Date.now(),
): string {
  return `${prefix}_${now.toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
}
