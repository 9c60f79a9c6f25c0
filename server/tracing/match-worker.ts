// Worker-thread entry: matching a document against thousands of suggestions takes seconds of CPU,
// which must not stall the server's request loop.
import { parentPort, workerData } from 'node:worker_threads';
import type { Clause } from '../adoption/clauses.ts';
import { matchCandidates, type MatchOptions, type Suggestion } from '../adoption/match.ts';

const { clauses, suggestions, options } = workerData as {
  clauses: Clause[];
  suggestions: Suggestion[];
  options: MatchOptions;
};
const result = matchCandidates(clauses, suggestions, options);
parentPort!.postMessage({ bySuggestion: result.bySuggestion, byClause: result.byClause });
