/**
 * `npm run eval:adoption -- --pairs P.csv --document D.txt --suggestions S.csv` — how often the
 * clause that adopted a suggestion is among the clauses ranked highest for it.
 *
 *  - S.csv: `id,title,body` — the suggestions (matched as title + body).
 *  - P.csv: `message_id,span` — span is an exact quote from D.txt of the words that adopted the
 *    suggestion. A suggestion may have several rows (any of them counts).
 *  - D.txt: the policy document, split with splitClauses().
 *
 * A suggestion counts as found when one of the `--k` (default 5) clauses ranked highest for it
 * contains one of its spans. It prints each suggestion's rank of the first hit and the shared
 * phrases, then recall@1, recall@3, MRR, and as the LAST line `recall@5 0.xxx` (with --k N the last
 * line is recall@N). Files are looked up as given, then in ../shared/data/ and in
 * test/fixtures/adoption/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { splitClauses } from '../../server/adoption/clauses.ts';
import { matchCandidates } from '../../server/adoption/match.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const SuggestionRow = z.object({ id: z.string().min(1), title: z.string(), body: z.string() });
const PairRow = z.object({ message_id: z.string().min(1), span: z.string().min(1) });

function parseArgs(argv: string[]) {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]!);
    if (!m) continue;
    if (m[2] !== undefined) flags[m[1]!] = m[2];
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags[m[1]!] = argv[++i]!;
    else flags[m[1]!] = 'true';
  }
  return flags;
}

function findFile(name: string): string {
  const candidates = [
    resolve(name),
    join(repoRoot, '..', 'shared', 'data', name),
    join(repoRoot, 'test', 'fixtures', 'adoption', name),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`file not found: ${candidates.join(' or ')}`);
  return found;
}

function readCsv<T>(path: string, schema: z.ZodType<T>): T[] {
  const rows = parse(readFileSync(path), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  }) as unknown[];
  return rows.map((row, i) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw new Error(`${path} row ${i + 2}: ${parsed.error.message}`);
    return parsed.data;
  });
}

function main() {
  const flags = parseArgs(process.argv.slice(2));
  if (!flags.pairs || !flags.document || !flags.suggestions) {
    console.error(
      'usage: npm run eval:adoption -- --pairs P.csv --document D.txt --suggestions S.csv [--k 5] [--quiet]',
    );
    process.exit(2);
  }
  const k = Number(flags.k ?? 5);
  const quiet = flags.quiet === 'true';
  const document = readFileSync(findFile(flags.document), 'utf8');
  const suggestions = readCsv(findFile(flags.suggestions), SuggestionRow);
  const pairs = readCsv(findFile(flags.pairs), PairRow);

  const spans = new Map<string, string[]>();
  for (const p of pairs) {
    if (!document.includes(p.span)) {
      console.error(`warning: span of ${p.message_id} is not in the document: ${p.span}`);
    }
    spans.set(p.message_id, [...(spans.get(p.message_id) ?? []), p.span]);
  }
  const missing = [...spans.keys()].filter((id) => !suggestions.some((s) => s.id === id));
  if (missing.length) console.error(`warning: pairs without a suggestion: ${missing.join(', ')}`);

  const t0 = performance.now();
  const clauses = splitClauses(document);
  const byAnchor = new Map(clauses.map((c) => [c.anchor, c]));
  const candidates = matchCandidates(
    clauses,
    suggestions.map((s) => ({ id: s.id, text: `${s.title}\n${s.body}` })),
    { clausesPerSuggestion: Math.max(k, 5), suggestionsPerClause: 5 },
  );
  const ms = performance.now() - t0;

  const ids = [...spans.keys()].filter((id) => suggestions.some((s) => s.id === id));
  let hits1 = 0;
  let hits3 = 0;
  let hitsK = 0;
  let reciprocal = 0;
  for (const id of ids) {
    const ranked = candidates.bySuggestion.get(id) ?? [];
    const wanted = spans.get(id)!;
    const rank = ranked.findIndex((c) =>
      wanted.some((s) => byAnchor.get(c.anchor)!.text.includes(s)),
    );
    if (rank === 0) hits1++;
    if (rank >= 0 && rank < 3) hits3++;
    if (rank >= 0 && rank < k) hitsK++;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
    if (!quiet) {
      const top = ranked[0];
      const title = suggestions.find((s) => s.id === id)!.title;
      console.log(
        `${rank >= 0 && rank < k ? 'hit ' : 'MISS'} rank ${rank >= 0 ? rank + 1 : '-'}  ${id}  ${title.slice(0, 30)}`,
      );
      if (top && (rank !== 0 || flags.verbose === 'true')) {
        console.log(
          `       top: ${top.anchor} ${top.score.toFixed(3)} ${byAnchor.get(top.anchor)!.text.slice(0, 40)} [${top.phrases.map((p) => p.phrase).join(' ')}]`,
        );
      }
    }
  }
  const n = Math.max(1, ids.length);
  console.log(
    `${ids.length} suggestions, ${clauses.length} clauses, ${suggestions.length} candidates matched in ${ms.toFixed(0)} ms`,
  );
  console.log(`recall@1 ${(hits1 / n).toFixed(3)}`);
  console.log(`recall@3 ${(hits3 / n).toFixed(3)}`);
  console.log(`MRR@${Math.max(k, 5)} ${(reciprocal / n).toFixed(3)}`);
  console.log(`recall@${k} ${(hitsK / n).toFixed(3)}`);
}

main();
