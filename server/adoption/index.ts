// Adoption tracing, the algorithms: split a policy document into addressable clauses with stable
// anchors, follow them across re-imports, and propose clause ↔ suggestion candidates with the
// phrases both share. No storage and no routes here.
export {
  leafClauses,
  reanchor,
  splitClauses,
  type Clause,
  type ClauseKind,
  type ReanchorOptions,
  type SplitOptions,
} from './clauses.ts';
export {
  matchCandidates,
  type Candidates,
  type ClauseCandidate,
  type MatchOptions,
  type Suggestion,
  type SuggestionCandidate,
} from './match.ts';
export { fold, sharedPhrases, type SharedPhrase, type Span } from './phrases.ts';
export { POLICY_THESAURUS, type ThesaurusEntry } from './thesaurus.ts';
