/**
 * Adoption matching: a 35,000-character policy document against 10,000 topic clusters (three
 * real messages each, from the labelled message-board data), run as the recorded job runs it —
 * read the clusters, match in the worker thread, write the candidates — on a real database file.
 *
 * Flags: --engine=sqlite|postgres --clusters=10000 --chars=35000 --size=3
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMatching } from '../../server/tracing/match-job.ts';
import {
  addReport,
  editorActor,
  insertClusters,
  insertPublished,
  openBulkWriter,
  openServices,
  readReport,
} from './adoption-fixtures.ts';
import { freshTarget } from './bench-database.ts';
import { defineBenchmark, numberFlag, SkipBenchmark } from './benchmark.ts';
import { engineFlag } from './postgres-cluster.ts';
import { readMessages } from './messages.ts';
import { repoRoot } from './server-process.ts';

const targetSeconds = 10;
const congressReport = join(repoRoot, '..', 'shared', 'data', '20th_congress_report_2022.txt');

/** Whole lines of real policy text up to `chars` characters (the 20th congress report, then the
 * 2024 work report, repeated if need be). */
function documentOf(chars: number): string {
  const sources = [
    existsSync(congressReport) ? readFileSync(congressReport, 'utf8') : '',
    readReport(),
  ];
  const lines = sources.join('\n').split('\n');
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i = (i + 1) % lines.length) {
    const line = lines[i]!.slice(0, chars - length);
    out.push(line);
    length += [...line].length + 1;
  }
  return out.join('\n');
}

export default defineBenchmark({
  name: 'adoption-match',
  description: 'Candidate matching job: one policy document against a campaign of topic clusters',
  target: {
    text: `35,000-character document × 10,000 clusters in ≤ ${targetSeconds} s`,
    check: (m) => [
      {
        name: `match ≤ ${targetSeconds} s`,
        pass: (m.match_s ?? Infinity) <= targetSeconds,
        detail: `${(m.match_s ?? NaN).toFixed(2)} s`,
      },
    ],
  },
  async run({ flags, log }) {
    const clusters = numberFlag(flags, 'clusters', 10_000, { min: 1 });
    const chars = numberFlag(flags, 'chars', 35_000, { min: 100 });
    const size = numberFlag(flags, 'size', 3, { min: 1, max: 50 });
    const messages = readMessages();
    if (!messages) throw new SkipBenchmark('needs ../shared/data/messages_labeled.csv');
    const target = await freshTarget(engineFlag(flags), log, 'match');
    const { services: s, close } = await openServices(target);
    const w = await openBulkWriter(target);
    try {
      const texts = Array.from({ length: clusters * size }, (_, i) => {
        const m = messages[i % messages.length]!;
        return { title: `${m.title.slice(0, 40)}（${i}）`, body: m.body.slice(0, 600) };
      });
      log(`inserting ${texts.length} submissions in ${clusters} clusters…`);
      const ids = await insertPublished(w, s, 'two-sessions-2027', texts);
      await insertClusters(w, s, 'two-sessions-2027', ids, size);
      const editor = await editorActor(w);
      await w.finish();
      const text = documentOf(chars);
      const { id, clauses } = await addReport(s, editor, 'two-sessions-2027', text);
      const campaignId = s.campaigns.get('two-sessions-2027')!.id;
      log(`document: ${[...text].length} characters, ${clauses} clauses; matching…`);
      const started = performance.now();
      const result = await runMatching(s, campaignId, id);
      const seconds = (performance.now() - started) / 1000;
      return {
        metrics: {
          match_s: seconds,
          clusters,
          document_chars: [...text].length,
          clauses,
          candidates: result.candidates,
          gather_ms: result.ms.gather,
          worker_ms: result.ms.match,
          write_ms: result.ms.write,
        },
        invariants: [
          {
            name: 'every cluster was matched',
            pass: result.suggestions >= clusters,
            detail: `${result.suggestions} suggestions`,
          },
          {
            name: 'candidates were written',
            pass: result.candidates > 0,
            detail: `${result.candidates} candidates`,
          },
        ],
        lines: [
          `${[...text].length} characters (${clauses} clauses) × ${clusters} clusters of ${size}: ${seconds.toFixed(2)} s, ${result.candidates} candidates`,
        ],
      };
    } finally {
      await w.close();
      await close();
      await target.drop();
    }
  },
});
