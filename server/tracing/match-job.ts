// The recorded matching job: a campaign's documents against its topic clusters and the published
// suggestions no cluster holds yet (one per form-letter group). Proposals are replaced on each
// run; an editor's decisions (confirmed, rejected) are never touched, and a rejected pair is never
// proposed again.
import type { Clause } from '../adoption/clauses.ts';
import type { Suggestion } from '../adoption/match.ts';
import type { SharedPhrase } from '../adoption/phrases.ts';
import type { Services } from '../services.ts';
import { publicStatusSql, publicText } from '../submissions/submission-row.ts';
import { activeClauses, toClause } from './clause-rows.ts';
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

function gatherSuggestions(
  s: Services,
  campaignId: string,
): {
  suggestions: Suggestion[];
  targets: Map<string, Target>;
} {
  const suggestions: Suggestion[] = [];
  const targets = new Map<string, Target>();
  const clusters = s.sqlite
    .prepare(
      `select c.id, c.title, c.phrases, ${publicText('r', 'title')} as repTitle, ${publicText('r', 'body')} as repBody
       from clusters c left join submissions r on r.id = c.representative_id
       where c.campaign_id = ? and c.merged_into is null`,
    )
    .all(campaignId) as {
    id: string;
    title: string | null;
    phrases: string;
    repTitle: string | null;
    repBody: string | null;
  }[];
  const memberTitles = s.sqlite
    .prepare(
      `select ${publicText('s', 'title')} from cluster_members m join submissions s on s.id = m.submission_id
       where m.cluster_id = ? and s.status in (${publicStatusSql})
       order by s.support_count desc limit 12`,
    )
    .pluck();
  for (const c of clusters) {
    const titles = memberTitles.all(c.id) as string[];
    if (!titles.length) continue;
    // The representative first, so highlighted offsets fall in the text the editor sees; then
    // the label and members' titles, which say what the whole cluster is about.
    const shown = c.repTitle !== null ? shownText(c.repTitle, c.repBody ?? '') : '';
    const label = c.title ?? (JSON.parse(c.phrases) as string[]).join(' ');
    const key = `cluster:${c.id}`;
    suggestions.push({ id: key, text: [shown, label, ...titles].join('\n') });
    targets.set(key, { key, shownLength: shown.length });
  }
  const singles = s.sqlite
    .prepare(
      `select s.id, ${publicText('s', 'title')} as title, ${publicText('s', 'body')} as body from submissions s
       left join cluster_members m on m.submission_id = s.id
       left join text_signatures t on t.submission_id = s.id
       where s.campaign_id = ? and s.status in (${publicStatusSql}) and m.submission_id is null
         and (t.group_id is null or t.group_id = s.id)
       order by s.support_count desc, s.published_at desc limit ?`,
    )
    .all(campaignId, MAX_SINGLES) as { id: string; title: string; body: string }[];
  for (const row of singles) {
    const key = `submission:${row.id}`;
    const text = shownText(row.title, row.body);
    suggestions.push({ id: key, text });
    targets.set(key, { key, shownLength: text.length });
  }
  return { suggestions, targets };
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
  const documentIds = documentId
    ? [documentId]
    : (s.sqlite
        .prepare('select document_id from policy_document_campaigns where campaign_id = ?')
        .pluck()
        .all(campaignId) as string[]);
  const { suggestions, targets } = gatherSuggestions(s, campaignId);
  lap('gather');
  let candidates = 0;
  for (const docId of documentIds) {
    const rows = activeClauses(s, docId);
    const clauseIdByAnchor = new Map(rows.map((r) => [r.anchor, r.id]));
    const clauses: Clause[] = rows.map(toClause);
    const result = suggestions.length
      ? await matchInWorker(clauses, suggestions, {
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
    const now = s.clock.now();
    await s.writer.run(() => {
      s.sqlite
        .prepare(
          "delete from adoption_candidates where document_id = ? and campaign_id = ? and state = 'proposed'",
        )
        .run(docId, campaignId);
      const upsert = s.sqlite.prepare(
        `insert into adoption_candidates (document_id, clause_id, campaign_id, target_kind, target_id, score, phrases, state, computed_at)
         values (?, ?, ?, ?, ?, ?, ?, 'proposed', ?)
         on conflict (clause_id, target_kind, target_id) do nothing`,
      );
      for (const p of pairs.values()) {
        const clauseId = clauseIdByAnchor.get(p.anchor);
        const target = targets.get(p.target);
        if (!clauseId || !target) continue;
        const [kind, id] = p.target.split(':') as ['cluster' | 'submission', string];
        const phrases = storedPhrases(p.phrases, target.shownLength);
        candidates += upsert.run(
          docId,
          clauseId,
          campaignId,
          kind,
          id,
          p.score,
          JSON.stringify(phrases),
          now,
        ).changes;
      }
    });
    lap('write');
  }
  return { documents: documentIds.length, suggestions: suggestions.length, candidates, ms };
}
