/**
 * The adopted-suggestions page with 1,000 adoptions in Chromium: how long each keystroke in the
 * instant search takes, from the input event to the next painted frame, typing real suggestion
 * titles character by character and deleting them again. Real server, real database, Debian's
 * Chromium (playwright-core).
 *
 * Flags: --engine=sqlite|postgres --adoptions=1000 --queries=12
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../web/browser.ts';
import {
  addReport,
  editorActor,
  insertPublished,
  openBulkWriter,
  openServices,
  readReport,
} from './adoption-fixtures.ts';
import { freshTarget, serverOn, type BenchTarget } from './bench-database.ts';
import { defineBenchmark, numberFlag, quantile, SkipBenchmark } from './benchmark.ts';
import { engineFlag } from './postgres-cluster.ts';
import { readMessages } from './messages.ts';
import { repoRoot, startServer } from './server-process.ts';

const targetMs = 100;
const statuses = ['under_consideration', 'partially_adopted', 'adopted', 'implemented'];

/** One keystroke: change the field, fire \`input\`, wait for the page to render and paint. */
const typeKeys = `async (list) => {
  const app = document.querySelector('hy-app').shadowRoot;
  const view = app.querySelector('hy-page-adopted');
  const input = view.shadowRoot.querySelector('[data-testid=adopted-search]');
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const out = [];
  const key = async (value) => {
    const t0 = performance.now();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await view.updateComplete;
    await frame();
    out.push(performance.now() - t0);
  };
  for (const word of list) {
    const chars = [...word];
    for (let i = 1; i <= chars.length; i++) await key(chars.slice(0, i).join(''));
    for (let i = chars.length - 1; i >= 0; i--) await key(chars.slice(0, i).join(''));
  }
  return out;
}`;

/** Confirmed adoptions written directly: one submission each, clauses taken in turn. */
async function seed(target: BenchTarget, count: number, titles: { title: string; body: string }[]) {
  const { services: s, close } = await openServices(target);
  const w = await openBulkWriter(target);
  try {
    const editor = await editorActor(w);
    const ids = await insertPublished(w, s, 'two-sessions-2027', titles.slice(0, count));
    await w.finish();
    const { id: documentId } = await addReport(s, editor, 'two-sessions-2027', readReport());
    const clauses = await w.rows<{ id: string; text: string }>(
      'select id, text from policy_clauses where document_id = ? and leaf = 1 order by position',
      documentId,
    );
    const campaignId = s.campaigns.get('two-sessions-2027')!.id;
    const now = Date.now();
    for (const [i, submissionId] of ids.entries()) {
      const clause = clauses[i % clauses.length]!;
      const id = `adp_bench${String(i).padStart(6, '0')}`;
      await w.insert(
        'adoptions',
        [
          'id',
          'campaign_id',
          'document_id',
          'clause_id',
          'target_kind',
          'target_id',
          'status',
          'quoted_span',
          'created_by',
          'confirmed_at',
          'updated_at',
        ],
        [
          id,
          campaignId,
          documentId,
          clause.id,
          'submission',
          submissionId,
          statuses[i % 4]!,
          clause.text.slice(0, 12),
          editor.id,
          now - i,
          now - i,
        ],
      );
      await w.insert('adoption_members', ['adoption_id', 'submission_id'], [id, submissionId]);
    }
    await w.finish();
  } finally {
    await w.close();
    await close();
  }
}

export default defineBenchmark({
  name: 'adopted-page',
  description:
    'Instant search on the adopted-suggestions page holding 1,000 adoptions, in Chromium',
  target: {
    text: `< ${targetMs} ms per keystroke (p95) with 1,000 adoptions`,
    check: (m) => [
      {
        name: `keystroke p95 < ${targetMs} ms`,
        pass: (m.keystroke_p95_ms ?? Infinity) < targetMs,
        detail: `${(m.keystroke_p95_ms ?? NaN).toFixed(1)} ms`,
      },
    ],
  },
  async run({ flags, log }) {
    const count = numberFlag(flags, 'adoptions', 1000, { min: 1 });
    const queries = numberFlag(flags, 'queries', 12, { min: 1 });
    const messages = readMessages();
    if (!messages) throw new SkipBenchmark('needs ../shared/data/messages_labeled.csv');
    // The server serves the production build (HUIYIN_WEB_DIST, default web/dist).
    const webDist = resolve(repoRoot, process.env.HUIYIN_WEB_DIST ?? 'web/dist');
    if (!existsSync(join(webDist, 'index.html')))
      throw new SkipBenchmark(`needs the web build in ${webDist}: npm run build`);
    const texts = messages
      .filter((m) => m.title.length >= 6)
      .map((m) => ({ title: m.title.slice(0, 40), body: m.body.slice(0, 600) }));
    const target = await freshTarget(engineFlag(flags), log, 'adopted');
    log(`seeding ${count} adoptions…`);
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      await seed(target, count, texts);
      server = await startServer(serverOn(target));
    } catch (error) {
      await target.drop();
      throw error;
    }
    let browser: Awaited<ReturnType<typeof launchBrowser>> | null = null;
    try {
      browser = await launchBrowser();
      const page = await browser.newPage({
        viewport: { width: 1280, height: 800 },
        locale: 'zh-CN',
      });
      const loadStart = performance.now();
      await page.goto(`${server.url}/adopted`);
      await page.getByTestId('adoption-card').first().waitFor();
      const loadMs = performance.now() - loadStart;
      const total = await page.getByTestId('adopted-count').textContent();
      log(`page ready in ${loadMs.toFixed(0)} ms: ${total?.trim()}`);

      const words = Array.from({ length: queries }, (_, i) =>
        texts[(i * 37) % count]!.title.slice(0, 6),
      );
      // One keystroke: change the field, fire `input`, wait for the page to render and paint.
      // Written as a string: tsx would otherwise wrap the function with helpers the page lacks.
      const times = (await page.evaluate(`(${typeKeys})(${JSON.stringify(words)})`)) as number[];
      const p50 = quantile(times, 0.5);
      const p95 = quantile(times, 0.95);
      const max = Math.max(...times);
      return {
        metrics: {
          keystroke_p50_ms: p50,
          keystroke_p95_ms: p95,
          keystroke_max_ms: max,
          load_ms: loadMs,
          keystrokes: times.length,
        },
        invariants: [
          {
            name: `the page holds all ${count} adoptions`,
            pass: (total ?? '').includes(count.toLocaleString('zh-CN')),
            detail: total?.trim() ?? '',
          },
        ],
        lines: [
          `${times.length} keystrokes over ${count} adoptions: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${max.toFixed(1)} ms; page ready in ${loadMs.toFixed(0)} ms`,
        ],
      };
    } finally {
      await browser?.close();
      await server.stop();
      server.dispose();
      await target.drop();
    }
  },
});
