import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addReport, editorActor, insertPublished, openServices, readReport } from './test/bench/adoption-fixtures.ts';
import { listAdoptions } from './server/tracing/adoption-views.ts';
const { services: s } = openServices(join(mkdtempSync(join(tmpdir(), 'm-')), 'x.db'));
const ed = editorActor(s);
const ids = insertPublished(s, 'two-sessions-2027', Array.from({ length: 1000 }, (_, i) => ({ title: `建议${i}`, body: '托育服务供给不足，希望增加普惠托位。' })));
const { id: doc } = await addReport(s, ed, 'two-sessions-2027', readReport());
const clauses = s.sqlite.prepare('select id, text from policy_clauses where document_id = ? and leaf = 1').all(doc) as { id: string; text: string }[];
const cid = s.campaigns.get('two-sessions-2027')!.id;
const ins = s.sqlite.prepare(`insert into adoptions (id, campaign_id, document_id, clause_id, target_kind, target_id, status, quoted_span, created_by, confirmed_at, updated_at) values (?, ?, ?, ?, 'submission', ?, 'adopted', 'x', ?, ?, ?)`);
const mem = s.sqlite.prepare('insert into adoption_members values (?, ?)');
s.sqlite.transaction(() => ids.forEach((sid, i) => { ins.run(`adp_${i}`, cid, doc, clauses[i % clauses.length]!.id, sid, ed.id, i, i); mem.run(`adp_${i}`, sid); }))();
for (let k = 0; k < 3; k++) { const t = performance.now(); const r = listAdoptions(s, null); console.log(r.length, (performance.now() - t).toFixed(0), 'ms'); }
const t = performance.now(); const json = JSON.stringify({ items: listAdoptions(s, null) }); console.log('json bytes', json.length, (performance.now() - t).toFixed(0));
process.exit(0);
