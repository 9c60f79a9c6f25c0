// Worker-thread entry for matchInWorker(): matches and posts the candidates back.
import { parentPort, workerData } from 'node:worker_threads';
import type { Clause } from '../adoption/clauses.ts';
import { matchCandidates, type MatchOptions, type Suggestion } from '../adoption/match.ts';

const { clauses, suggestions, options } = (
  workerData as {
    input: { clauses: Clause[]; suggestions: Suggestion[]; options: MatchOptions };
  }
).input;
const result = matchCandidates(clauses, suggestions, options);
parentPort!.postMessage({ bySuggestion: result.bySuggestion, byClause: result.byClause });
