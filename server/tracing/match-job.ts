// The recorded matching job: a campaign's documents against its topic clusters and the published
// suggestions no cluster holds yet (one per form-letter group). Proposals are replaced on each
// run; an editor's decisions (confirmed, rejected) are never touched, and a rejected pair is never
// proposed again. The store is read before the worker thread starts (in one snapshot), the worker
// does the CPU work, and each document's result is written in one write after it.
import type { Suggestion } from '../adoption/match.ts';
import type { SharedPhrase } from '../adoption/phrases.ts';
import type { Services } from '../services.ts';
import type { ClauseRow, NewCandidate } from '../store/adoption.ts';
import { toClause } from './clause-rows.ts';
import { matchInWorker } from './match-in-worker.ts';

/** Single suggestions matched besides the clusters, most supported first. */
const MAX_SINGLES = 20_000;
/**
 * Below this normalised score a pairing is noise. Scores are a share of what the suggestion could
 * score at most, and a real adoption often scores 0.05–0.1 (a policy sentence shares a few telling
 * words with a citizen's paragraph), so the floor is low; ranking does the rest.
 */
export const MIN_CANDIDATE_SCORE = 0.01;

export type StoredPhrase = {
  phrase: string;
  via?: string;
  inClause: [number, number][];
  /** Offsets into the target's shown text (its public title, a newline, its public body). */
  inTarget: [number, number][];
};

type Target = { key: string; shownLength: number };

/** A submission as the candidate list shows it: what the matching spans refer to. */
export const shownText = (title: string, body: string) => `${title}\n${body}`;

type Gathered = {
  suggestions: Suggestion[];
  targets: Map<string, Target>;
  documents: { id: string; clauses: ClauseRow[] }[];
};

/** Everything a run reads, in one consistent snapshot, before any worker starts. */
async function gather(
  s: Services,
  campaignId: string,
  documentId: string | null,
): Promise<Gathered> {
  return s.store.snapshot(async (q) => {
    const documentIds = documentId
      ? [documentId]
      : await q.adoption.documentsOfCampaign(campaignId);
    const { clusters, titlesOf, singles } = await q.adoption.matchingInput(campaignId, MAX_SINGLES);
    const suggestions: Suggestion[] = [];
    const targets = new Map<string, Target>();
    for (const c of clusters) {
      const titles = titlesOf.get(c.id) ?? [];
      if (!titles.length) continue;
      // The representative first, so highlighted offsets fall in the text the editor sees; then
      // the label and members' titles, which say what the whole cluster is about.
      const shown = c.repTitle !== null ? shownText(c.repTitle, c.repBody ?? '') : '';
      const label = c.title ?? (JSON.parse(c.phrases) as string[]).join(' ');
      const key = `cluster:${c.id}`;
      suggestions.push({ id: key, text: [shown, label, ...titles].join('\n') });
      targets.set(key, { key, shownLength: shown.length });
    }
    for (const row of singles) {
      const key = `submission:${row.id}`;
      const text = shownText(row.title, row.body);
      suggestions.push({ id: key, text });
      targets.set(key, { key, shownLength: text.length });
    }
    const documents = [];
    for (const id of documentIds)
      documents.push({ id, clauses: await q.adoption.activeClauses(id) });
    return { suggestions, targets, documents };
  });
}

const spans = (list: { start: number; end: number }[], limit = Infinity) =>
  list.filter((x) => x.end <= limit).map((x) => [x.start, x.end] as [number, number]);

function storedPhrases(phrases: SharedPhrase[], shownLength: number): StoredPhrase[] {
  return phrases.map((p) => ({
    phrase: p.phrase,
    ...(p.via ? { via: p.via } : {}),
    inClause: spans(p.inClause),
    inTarget: spans(p.inSuggestion, shownLength),
  }));
}

/** Runs matching for one document or every document feeding the campaign; returns counts. */
export async function runMatching(
  s: Services,
  campaignId: string,
  documentId: string | null,
): Promise<{
  documents: number;
  suggestions: number;
  candidates: number;
  ms: { gather: number; match: number; write: number };
}> {
  const ms = { gather: 0, match: 0, write: 0 };
  let mark = performance.now();
  const lap = (phase: keyof typeof ms) => {
    const now = performance.now();
    ms[phase] += Math.round(now - mark);
    mark = now;
  };
  const { suggestions, targets, documents } = await gather(s, campaignId, documentId);
  lap('gather');
  let candidates = 0;
  for (const doc of documents) {
    const clauseIdByAnchor = new Map(doc.clauses.map((r) => [r.anchor, r.id]));
    const result = suggestions.length
      ? await matchInWorker(doc.clauses.map(toClause), suggestions, {
          clausesPerSuggestion: 3,
          suggestionsPerClause: 5,
          minScore: MIN_CANDIDATE_SCORE,
        })
      : { bySuggestion: new Map(), byClause: new Map() };
    lap('match');
    const pairs = new Map<
      string,
      { anchor: string; target: string; score: number; phrases: SharedPhrase[] }
    >();
    for (const [target, list] of result.bySuggestion)
      for (const c of list) pairs.set(`${c.anchor} ${target}`, { anchor: c.anchor, target, ...c });
    for (const [anchor, list] of result.byClause)
      for (const c of list) pairs.set(`${anchor} ${c.id}`, { anchor, target: c.id, ...c });
    const rows: NewCandidate[] = [];
    for (const p of pairs.values()) {
      const clauseId = clauseIdByAnchor.get(p.anchor);
      const target = targets.get(p.target);
      if (!clauseId || !target) continue;
      const [kind, id] = p.target.split(':') as ['cluster' | 'submission', string];
      rows.push({
        documentId: doc.id,
        clauseId,
        campaignId,
        targetKind: kind,
        targetId: id,
        score: p.score,
        phrases: JSON.stringify(storedPhrases(p.phrases, target.shownLength)),
      });
    }
    const now = s.clock.now();
    candidates += await s.store.write(async (tx) => {
      await tx.adoption.deleteProposed(doc.id, campaignId);
      return tx.adoption.insertCandidates(rows, now);
    });
    lap('write');
  }
  return { documents: documents.length, suggestions: suggestions.length, candidates, ms };
}
