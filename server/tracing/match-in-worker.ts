import type { Clause } from '../adoption/clauses.ts';
import type { Candidates, MatchOptions, Suggestion } from '../adoption/match.ts';
import { runInWorker } from '../workers/run-in-worker.ts';

/** matchCandidates() in a worker thread (a document against thousands of clusters takes seconds). */
export function matchInWorker(
  clauses: Clause[],
  suggestions: Suggestion[],
  options: MatchOptions,
): Promise<Omit<Candidates, 'idf'>> {
  return runInWorker(new URL('./match-worker.ts', import.meta.url), {
    clauses,
    suggestions,
    options,
  });
}
