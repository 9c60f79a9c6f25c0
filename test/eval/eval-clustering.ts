// Clustering quality against reference labels.
//   npm run eval:clustering -- --data ../shared/data/news_titles_labeled.csv --text title --label label_id --k 10
// Prints the run's figures and a few sample clusters, and as the last line `NMI 0.xxx ARI 0.xxx`.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { ari, clusterAll, nmi } from '../../server/sensemaking/clustering/index.ts';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    text: { type: 'string', default: 'text' },
    label: { type: 'string', default: 'label' },
    k: { type: 'string' },
    seed: { type: 'string', default: '42' },
    samples: { type: 'string', default: '5' },
  },
});
if (!args.data) {
  console.error(
    'usage: eval-clustering --data F.csv [--text title] [--label label_id] [--k 10] [--seed 42]',
  );
  process.exit(2);
}
const rows = parse(readFileSync(args.data), { columns: true, skip_empty_lines: true }) as Record<
  string,
  string
>[];
const textCol = args.text!;
const labelCol = args.label!;
if (!rows.length || !(textCol in rows[0]!) || !(labelCol in rows[0]!)) {
  console.error(`${args.data}: needs columns ${textCol} and ${labelCol}`);
  process.exit(2);
}
const docs = rows.map((r, i) => ({ id: String(i), text: r[textCol] ?? '' }));
const truth = new Map(rows.map((r, i) => [String(i), r[labelCol] ?? '']));

const cpu0 = process.cpuUsage();
const result = clusterAll(docs, {
  k: args.k ? Number(args.k) : undefined,
  seed: Number(args.seed),
});
const cpu = process.cpuUsage(cpu0);
const { stats } = result;
console.log(
  `${stats.docs} docs, vocabulary ${stats.vocabulary}, ${stats.dims} dims, k ${stats.k}, ` +
    `${stats.iterations} k-means rounds, ${result.unassigned.length} unassigned`,
);
console.log(
  `time ${Math.round(stats.ms.total)} ms (features ${Math.round(stats.ms.features)}, vectors ` +
    `${Math.round(stats.ms.vectors)}, k-means ${Math.round(stats.ms.kmeans)}, labels ` +
    `${Math.round(stats.ms.labels)}); cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms; ` +
    `heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB`,
);

const text = new Map(docs.map((d) => [d.id, d.text]));
const shown = result.clusters.slice(0, Number(args.samples));
for (const c of shown) {
  const counts = new Map<string, number>();
  for (const m of c.members) counts.set(truth.get(m)!, (counts.get(truth.get(m)!) ?? 0) + 1);
  const [major, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  console.log(
    `\n[${c.key}] ${c.label.join(' · ')}  (${c.members.length} docs, ` +
      `${Math.round((100 * count) / c.members.length)}% ${labelCol}=${major})`,
  );
  for (const m of c.members.slice(0, 3)) console.log(`  - ${text.get(m)}`);
}

// unassigned documents count as one more group, so every document is scored
const predicted = new Map<string, string>();
for (const c of result.clusters) for (const m of c.members) predicted.set(m, c.key);
const ids = docs.map((d) => d.id);
const p = ids.map((id) => predicted.get(id) ?? '(unassigned)');
const t = ids.map((id) => truth.get(id)!);
console.log(`\nNMI ${nmi(t, p).toFixed(3)} ARI ${ari(t, p).toFixed(3)}`);
