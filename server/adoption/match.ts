// Candidate links between a policy document's clauses and citizens' suggestions (or clusters):
// for each suggestion the best clauses, for each clause the best suggestions, each with a score
// and the key phrases both texts share. An editor confirms a link; nothing here decides one.
//
// Scoring is BM25 over the text pipeline's words (segmentWords' search mode, see terms.ts), with
// idf from the document's clauses and the suggestions together (so words every citizen writes,
// 小区, 反映, 领导, weigh little), plus
//  - a phrase bonus: long policy terms (互助性养老, 公积金, 农民工) weigh more than two-character
//    words, and a pair of neighbouring words shared by both texts (保障性|住房) counts as a term;
//  - segments: a policy sentence lists several measures between commas; half of a clause's score
//    comes from its best comma-separated segment;
//  - context: a sentence is read with the lead sentence of its paragraph and of its numbered item
//    at a lower weight, since 加大农村养老服务补短板力度 sits under 加强社会保障和服务;
//  - a thesaurus (thesaurus.ts) that adds the policy terms for words citizens use (公租房 →
//    保障性住房, 补课 → 双减) at a lower weight; such links are shown as phrases with `via`.
// The score reported is the BM25 sum divided by what the suggestion could score at most, so it
// lies in [0, 1] and is comparable across suggestions of different length.
//
// Measured (fixtures in test/fixtures/adoption, `npm run eval:adoption`): recall@5 0.95 on the
// 2024 government work report pairs the method was developed on; on two documents whose pairs
// were written after it was frozen, 0.77 and 0.73 at their first run (0.85 and 0.67 now). A
// 33,000-character document against 10,000 clusters of ~340 characters takes about 8 s of CPU,
// most of it in the segmenter.
import type { Clause } from './clauses.ts';
import { leafClauses, sentenceSpans } from './clauses.ts';
import {
  fold,
  relatedPhrases,
  sharedPhrases,
  type Folded,
  type PhraseOptions,
  type SharedPhrase,
} from './phrases.ts';
import { POLICY_THESAURUS, type ThesaurusEntry } from './thesaurus.ts';
import {
  compileThesaurus,
  DEFAULT_TERM_WEIGHTS,
  PAIR_SEPARATOR,
  termCounts,
  type TermCounts,
  type TermWeights,
} from './terms.ts';

export interface Suggestion {
  id: string;
  /** What the citizen wrote (title and body, or a cluster's label and representative text). */
  text: string;
}

export interface MatchOptions {
  /** Clauses kept per suggestion. Default 5. */
  clausesPerSuggestion?: number;
  /** Suggestions kept per clause. Default 10. */
  suggestionsPerClause?: number;
  /** Which clauses compete: the leaves (sentences and unsplit paragraphs, default) or all. */
  units?: 'leaves' | 'all';
  /** Weight of the context (lead sentences of the paragraph and item) against the clause's own words. Default 0.3. */
  contextWeight?: number;
  /** Extra weight per character beyond two for long words, and its cap. Defaults 0.25, 1.75. */
  longWordBonus?: number;
  longWordCap?: number;
  /** Weight of a shared pair of neighbouring words relative to a word. Default 1. */
  pairWeight?: number;
  /** Weights of search-mode parts, character pairs and one-character words. */
  termWeights?: Partial<TermWeights>;
  /** Citizens' words → policy terms added to a suggestion (default POLICY_THESAURUS; false: none). */
  thesaurus?: ThesaurusEntry[] | false;
  /** Weight of a term the thesaurus adds, relative to one the citizen wrote. Default 0.7. */
  expansionWeight?: number;
  /** Share of a clause's score that comes from its best comma-separated segment. Default 0.5. */
  segmentWeight?: number;
  /** BM25 parameters. Defaults 1.2, 0.3 (sentences are short: little length normalisation). */
  k1?: number;
  b?: number;
  /** Candidates scoring below this are not reported. Default 0. */
  minScore?: number;
  /** Compute shared phrases for the reported candidates. Default true. */
  phrases?: boolean | PhraseOptions;
}

export interface ClauseCandidate {
  anchor: string;
  score: number;
  phrases: SharedPhrase[];
}

export interface SuggestionCandidate {
  id: string;
  score: number;
  phrases: SharedPhrase[];
}

export interface Candidates {
  /** suggestion id → its best clauses, best first. */
  bySuggestion: Map<string, ClauseCandidate[]>;
  /** clause anchor → its best suggestions, best first. */
  byClause: Map<string, SuggestionCandidate[]>;
  /** idf of a word in this matching (for weighting phrases elsewhere). */
  idf: (word: string) => number | undefined;
}

/** The lead sentence of a clause: its text up to the first sentence end. */
function leadSentence(text: string): string {
  const first = sentenceSpans(text)[0];
  return first ? text.slice(first.start, first.end) : text;
}

/** Lead sentences of the enclosing paragraph and item(s), for a clause's context. */
function contextOf(clause: Clause, byAnchor: Map<string, Clause>): string {
  const parts: string[] = [];
  let parent = clause.parent ? byAnchor.get(clause.parent) : undefined;
  if (clause.kind === 'sentence' && parent) {
    const lead = leadSentence(parent.text);
    if (!parent.text.startsWith(clause.text) && lead !== clause.text) parts.push(lead);
    parent = parent.parent ? byAnchor.get(parent.parent) : undefined;
  }
  // The nearest numbered item or part heading.
  if (parent && (parent.kind === 'item' || parent.kind === 'part'))
    parts.push(leadSentence(parent.text));
  return parts.join('\n');
}

/** Terms as integers, so the scoring loop indexes arrays instead of hashing strings. */
class Vocabulary {
  readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
    }
    return id;
  }
}

/** A text's weighted terms by id, and its length in whole words. */
interface Bag {
  ids: Int32Array;
  counts: Float64Array;
  length: number;
}

function toBag(tc: TermCounts, vocabulary: Vocabulary): Bag {
  const ids = new Int32Array(tc.counts.size);
  const counts = new Float64Array(tc.counts.size);
  let k = 0;
  for (const [t, c] of tc.counts) {
    ids[k] = vocabulary.id(t);
    counts[k++] = c;
  }
  return { ids, counts, length: tc.length };
}

const KIND_WHOLE = 0;
const KIND_SEGMENT = 1;
const KIND_CONTEXT = 2;

/** Inserts into a list kept sorted by descending score, at most `limit` long. */
function insertTop<T extends { score: number }>(list: T[], item: T, limit: number): void {
  if (limit <= 0) return;
  if (list.length >= limit && item.score <= list[list.length - 1]!.score) return;
  let k = list.length;
  list.push(item);
  while (k > 0 && list[k - 1]!.score < item.score) {
    list[k] = list[k - 1]!;
    k--;
  }
  list[k] = item;
  if (list.length > limit) list.pop();
}

/**
 * Ranks clauses for every suggestion and suggestions for every clause. One pass over the
 * suggestions with an inverted index of the clauses: a whole document against ten thousand
 * clusters in seconds.
 */
export function matchCandidates(
  clauses: Clause[],
  suggestions: Suggestion[],
  options: MatchOptions = {},
): Candidates {
  const perSuggestion = options.clausesPerSuggestion ?? 5;
  const perClause = options.suggestionsPerClause ?? 10;
  const contextWeight = options.contextWeight ?? 0.3;
  const longBonus = options.longWordBonus ?? 0.25;
  const longCap = options.longWordCap ?? 1.75;
  const pairWeight = options.pairWeight ?? 1;
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.3;
  const expansionWeight = options.expansionWeight ?? 0.7;
  const segmentWeight = options.segmentWeight ?? 0.5;
  const minScore = options.minScore ?? 0;
  const weights = { ...DEFAULT_TERM_WEIGHTS, ...options.termWeights };
  const units = options.units === 'all' ? clauses : leafClauses(clauses);
  const byAnchor = new Map(clauses.map((c) => [c.anchor, c]));
  const vocabulary = new Vocabulary();

  // Clause side. Policy sentences pack several measures between commas, so each clause is
  // indexed whole and, when it has several, segment by segment, and scores as a mix of the two:
  // the one measure that answers a suggestion is not drowned by its neighbours. Sentences of one
  // paragraph share their context (lead sentences), indexed once as documents of its own.
  const docUnits: number[] = [];
  const docKinds: number[] = [];
  const docBags: Bag[] = [];
  const addDoc = (unit: number, kind: number, bag: Bag) => {
    docUnits.push(unit);
    docKinds.push(kind);
    docBags.push(bag);
  };
  const unitBags = units.map((c) => toBag(termCounts(c.text, weights), vocabulary));
  const hasSegments = new Uint8Array(units.length);
  units.forEach((unit, i) => {
    addDoc(i, KIND_WHOLE, unitBags[i]!);
    if (segmentWeight <= 0) return;
    const pieces = unit.text.split(/[，,；;：:]/).filter((p) => /[\p{L}\p{N}]/u.test(p));
    if (pieces.length < 2) return;
    hasSegments[i] = 1;
    for (const piece of pieces) {
      addDoc(i, KIND_SEGMENT, toBag(termCounts(piece, weights), vocabulary));
    }
  });
  const contextIndex = new Map<string, number>();
  const contextOfUnit = Int32Array.from(units, (c) => {
    const text = contextWeight > 0 ? contextOf(c, byAnchor) : '';
    if (!text) return -1;
    let k = contextIndex.get(text);
    if (k === undefined) {
      contextIndex.set(text, (k = contextIndex.size));
      addDoc(k, KIND_CONTEXT, toBag(termCounts(text, weights), vocabulary));
    }
    return k;
  });

  // Suggestion side, with the thesaurus' policy terms added at a lower weight.
  const thesaurus =
    options.thesaurus === false
      ? null
      : compileThesaurus(options.thesaurus ?? POLICY_THESAURUS, weights);
  const links: { word: string; terms: string[] }[][] = [];
  const suggestionBags = suggestions.map((s) => {
    const tc = termCounts(s.text, weights);
    const found = thesaurus ? thesaurus.find(tc.normalized) : [];
    links.push(found.map(({ entry, word }) => ({ word, terms: thesaurus!.adds[entry]! })));
    if (thesaurus) {
      for (const { entry } of found) {
        for (const [t, w] of thesaurus.terms[entry]!) {
          tc.counts.set(t, (tc.counts.get(t) ?? 0) + expansionWeight * w);
        }
      }
    }
    return toBag(tc, vocabulary);
  });

  // Document frequency over the clauses and the suggestions together.
  const v = vocabulary.terms.length;
  const df = new Int32Array(v);
  for (const bag of unitBags) for (const id of bag.ids) df[id]!++;
  for (const bag of suggestionBags) for (const id of bag.ids) df[id]!++;
  const n = units.length + suggestions.length;
  const idf = new Float64Array(v);
  const boost = new Float64Array(v);
  vocabulary.terms.forEach((t, id) => {
    idf[id] = Math.log(1 + (n - df[id]! + 0.5) / (df[id]! + 0.5));
    boost[id] = t.includes(PAIR_SEPARATOR)
      ? pairWeight
      : Math.min(longCap, 1 + Math.max(0, t.length - 2) * longBonus);
  });

  // Inverted index: term → (doc, BM25 weight × idf × bonus).
  const averageLength = [0, 0, 0];
  const kindCount = [0, 0, 0];
  docBags.forEach((bag, d) => {
    averageLength[docKinds[d]!]! += bag.length;
    kindCount[docKinds[d]!]!++;
  });
  for (let k = 0; k < 3; k++) averageLength[k] = averageLength[k]! / kindCount[k]! || 1;
  const postingCount = new Int32Array(v + 1);
  for (const bag of docBags) for (const id of bag.ids) postingCount[id + 1]!++;
  for (let id = 0; id < v; id++) postingCount[id + 1]! += postingCount[id]!;
  const postingStart = postingCount; // prefix sums: term id's postings are [start[id], start[id+1])
  const postingDoc = new Int32Array(postingStart[v]!);
  const postingWeight = new Float64Array(postingStart[v]!);
  const fill = postingStart.slice(0, v);
  docBags.forEach((bag, d) => {
    const norm = k1 * (1 - b + (b * bag.length) / averageLength[docKinds[d]!]!);
    for (let k = 0; k < bag.ids.length; k++) {
      const id = bag.ids[k]!;
      const f = bag.counts[k]!;
      const p = fill[id]!++;
      postingDoc[p] = d;
      postingWeight[p] = ((f * (k1 + 1)) / (f + norm)) * idf[id]! * boost[id]!;
    }
  });
  const docUnit = Int32Array.from(docUnits);
  const docKind = Uint8Array.from(docKinds);

  // One pass over the suggestions.
  const accumulator = new Float64Array(docUnit.length);
  const touchedDocs = new Int32Array(docUnit.length);
  const wholeScore = new Float64Array(units.length);
  const segmentBest = new Float64Array(units.length);
  const contextScore = new Float64Array(contextIndex.size);
  const unitSeen = new Uint8Array(units.length);
  const touched = new Int32Array(units.length);
  const bySuggestionIdx: { clause: number; score: number }[][] = [];
  const clauseBest: { suggestion: number; score: number }[][] = units.map(() => []);
  suggestionBags.forEach((bag, s) => {
    let nDocs = 0;
    let maximum = 0;
    for (let k = 0; k < bag.ids.length; k++) {
      const id = bag.ids[k]!;
      const qtf = bag.counts[k]!;
      const q = qtf <= 1 ? qtf : 1 + Math.log(qtf);
      maximum += q * idf[id]! * boost[id]! * (k1 + 1);
      for (let p = postingStart[id]!, end = postingStart[id + 1]!; p < end; p++) {
        const d = postingDoc[p]!;
        if (accumulator[d] === 0) touchedDocs[nDocs++] = d;
        accumulator[d]! += q * postingWeight[p]!;
      }
    }
    // Clauses need words of their own in common; their context only adds to that.
    let nUnits = 0;
    for (let i = 0; i < nDocs; i++) {
      const d = touchedDocs[i]!;
      const unit = docUnit[d]!;
      const value = accumulator[d]!;
      accumulator[d] = 0;
      const kind = docKind[d]!;
      if (kind === KIND_CONTEXT) {
        contextScore[unit] = value;
        continue;
      }
      if (!unitSeen[unit]) {
        unitSeen[unit] = 1;
        touched[nUnits++] = unit;
      }
      if (kind === KIND_SEGMENT) {
        if (value > segmentBest[unit]!) segmentBest[unit] = value;
      } else wholeScore[unit] = value;
    }
    const ranked: { clause: number; score: number }[] = [];
    for (let i = 0; i < nUnits; i++) {
      const c = touched[i]!;
      const own = hasSegments[c]
        ? (1 - segmentWeight) * wholeScore[c]! + segmentWeight * segmentBest[c]!
        : wholeScore[c]!;
      const k = contextOfUnit[c]!;
      const raw = own + (k >= 0 ? contextWeight * contextScore[k]! : 0);
      wholeScore[c] = 0;
      segmentBest[c] = 0;
      unitSeen[c] = 0;
      const score = maximum > 0 ? raw / maximum : 0;
      if (score <= minScore) continue;
      insertTop(ranked, { clause: c, score }, perSuggestion);
      insertTop(clauseBest[c]!, { suggestion: s, score }, perClause);
    }
    contextScore.fill(0);
    // Equal scores: reading order, so results do not depend on hashing or insertion order.
    ranked.sort((x, y) => y.score - x.score || x.clause - y.clause);
    bySuggestionIdx.push(ranked);
  });

  const idfOf = (w: string): number | undefined => {
    const id = vocabulary.ids.get(w);
    return id === undefined || df[id] === 0 ? undefined : idf[id];
  };

  // Shared phrases for what is reported, suggestion by suggestion, so each suggestion is folded
  // once and dropped (clauses, a few hundred, stay folded).
  const wantPhrases = options.phrases !== false;
  const phraseOptions: PhraseOptions = {
    idf: idfOf,
    defaultIdf: Math.log(1 + n),
    ...(typeof options.phrases === 'object' ? options.phrases : {}),
  };
  const foldedClauses = new Map<number, Folded>();
  const clauseFold = (c: number) => {
    let f = foldedClauses.get(c);
    if (!f) foldedClauses.set(c, (f = fold(units[c]!.text)));
    return f;
  };
  const inClauseLists: number[][] = suggestions.map(() => []);
  clauseBest.forEach((list, c) =>
    list.forEach(({ suggestion }) => inClauseLists[suggestion]!.push(c)),
  );
  const phraseOf = new Map<string, SharedPhrase[]>(); // `${clause}:${suggestion}`
  if (wantPhrases) {
    suggestions.forEach((sug, s) => {
      const pairs = new Set([...bySuggestionIdx[s]!.map((r) => r.clause), ...inClauseLists[s]!]);
      if (!pairs.size) return;
      const fs = fold(sug.text, { segment: false });
      const maxPhrases = phraseOptions.maxPhrases ?? 8;
      for (const c of pairs) {
        const fc = clauseFold(c);
        const shared = sharedPhrases(fc, fs, phraseOptions);
        const related = links[s]!.length
          ? relatedPhrases(fc, fs, links[s]!, { ...phraseOptions, factor: expansionWeight }).filter(
              (r) =>
                !shared.some((p) => p.phrase.includes(r.phrase) || r.phrase.includes(p.phrase)),
            )
          : [];
        phraseOf.set(`${c}:${s}`, [...shared, ...related].slice(0, maxPhrases));
      }
    });
  }
  const phrasesFor = (c: number, s: number) => phraseOf.get(`${c}:${s}`) ?? [];

  const bySuggestion = new Map<string, ClauseCandidate[]>();
  suggestions.forEach((sug, s) => {
    bySuggestion.set(
      sug.id,
      bySuggestionIdx[s]!.map(({ clause, score }) => ({
        anchor: units[clause]!.anchor,
        score,
        phrases: phrasesFor(clause, s),
      })),
    );
  });
  const byClause = new Map<string, SuggestionCandidate[]>();
  units.forEach((unit, c) => {
    byClause.set(
      unit.anchor,
      clauseBest[c]!.map(({ suggestion, score }) => ({
        id: suggestions[suggestion]!.id,
        score,
        phrases: phrasesFor(c, suggestion),
      })),
    );
  });
  return { bySuggestion, byClause, idf: idfOf };
}
