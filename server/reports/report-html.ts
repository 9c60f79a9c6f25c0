// The campaign report as one HTML document with print styles: the same document is the report
// page (CSS linked, so the site's CSP holds) and the PDF (CSS inlined for headless Chromium).
// Every piece of text goes through escape(): titles, quotes and clause texts are citizens' and
// editors' words, never markup.
import { readFileSync } from 'node:fs';
import { definitions, smallCountThreshold, type FigureKey } from '../figures/definitions.ts';
import { barChart, seriesChart, svgDataUrl } from './report-charts.ts';
import type { ReportData } from './report-data.ts';

export const reportCss = readFileSync(new URL('./report.css', import.meta.url), 'utf8');

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escape = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => entities[c]!);

export const time = (ms: number | null | undefined) =>
  ms == null
    ? '—'
    : new Intl.DateTimeFormat('zh-CN', {
        timeZone: 'Asia/Shanghai',
        dateStyle: 'long',
        timeStyle: 'short',
      }).format(ms);
export const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
export const num = (n: number | null) =>
  n === null ? `&lt;${smallCountThreshold}` : n.toLocaleString('zh-CN');
const small = `<${smallCountThreshold}`;

const statusNames: Record<string, string> = {
  partially_adopted: '部分采纳',
  adopted: '已采纳',
  implemented: '已落实',
  under_consideration: '研究中',
};

export function figure(label: string, value: string, key: FigureKey) {
  return `<div class="figure"><div class="value">${value}</div><div class="label">${escape(label)}</div>
    <p class="definition">${escape(definitions[key].zh)}</p></div>`;
}

export function reportHtml(data: ReportData, css: { inline: boolean; href?: string }): string {
  const f = data.figures;
  const h = f.headline;
  const snapshot = time(f.snapshot?.takenAt);
  const chart = (svg: string, alt: string) =>
    `<img class="chart" alt="${escape(alt)}" src="${svgDataUrl(svg)}">`;
  const series = chart(
    seriesChart(f.series, { received: '收到', published: '公开', replied: '已答复' }),
    '按月收到、公开、答复的留言',
  );
  const topics = chart(
    barChart(
      f.topics.map((t) => ({ name: t.name || '未分类', value: t.published })),
      small,
    ),
    '各话题公开留言数',
  );
  const units = chart(
    barChart(
      f.units.map((u) => ({ name: u.name || '未分办', value: u.published })),
      small,
    ),
    '各承办单位公开留言数',
  );
  const regions = chart(
    barChart(
      f.regions.items.map((r) => ({ name: r.name || '未注明地区', value: r.published })),
      small,
    ),
    '各省公开留言数',
  );
  const style = css.inline
    ? `<style>${reportCss}</style>`
    : `<link rel="stylesheet" href="${escape(css.href)}">`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(data.campaign.title)} · 征集报告</title>${style}</head>
<body><main>
<header><p class="kicker">回音 · 征集报告</p><h1>${escape(data.campaign.title)}</h1>
<p class="meta">发起单位：${escape(data.campaign.owner)} · 数据截至：<strong data-testid="report-snapshot">${escape(snapshot)}</strong> · 报告生成：${escape(time(data.generatedAt))}</p>
<p class="definition">${escape(definitions.period.zh)} 地区与话题交叉计数小于 ${smallCountThreshold} 的显示为“&lt;${smallCountThreshold}”，并同时隐藏可据以推算的其他格。</p></header>

<section><h2>主要数据</h2><div class="figures">
${figure('收到留言', num(h.received), 'received')}
${figure('公开留言', num(h.published), 'published')}
${figure('已答复', num(h.replied), 'replied')}
${figure('答复率', pct(h.replyRate), 'replyRate')}
${figure('答复用时中位数', h.medianHoursToReply === null ? '—' : `${h.medianHoursToReply} 小时`, 'medianHoursToReply')}
${figure('按时答复率', pct(h.onTimeRate), 'onTimeRate')}
${figure('满意率', pct(h.satisfactionRate), 'satisfactionRate')}
${figure('被采纳', num(h.adopted), 'adopted')}
${figure('采纳率', pct(h.adoptionRate), 'adoptionRate')}
</div></section>

<section class="charts"><h2>趋势与分布</h2>
<figure>${series}<figcaption>按月：收到、公开、已答复</figcaption></figure>
<figure>${topics}<figcaption>按话题：公开留言</figcaption></figure>
<figure>${regions}<figcaption>按省份：公开留言</figcaption></figure>
<figure>${units}<figcaption>按承办单位：公开留言</figcaption></figure>
</section>

<section><h2>主要意见（主题聚类）</h2><p class="definition">按聚类中的公开留言数排序；引文为聚类代表留言，个人信息已遮蔽。</p>
${
  data.clusters.length
    ? `<ol class="clusters">${data.clusters
        .map(
          (
            c,
          ) => `<li><h3>${escape(c.title)}</h3><p class="meta">${c.people} 条留言，近 7 天 ${c.lastWeek} 条</p>
          ${c.quoteTitle ? `<blockquote><strong>${escape(c.quoteTitle)}</strong><br>${escape(c.quoteBody)}</blockquote>` : ''}</li>`,
        )
        .join('')}</ol>`
    : '<p>暂无聚类。</p>'
}</section>

<section><h2>采纳情况</h2><p class="definition">${escape(definitions.adopted.zh)}</p>
${
  data.adoptions.length
    ? `<table><thead><tr><th>政策文件与条款</th><th>采纳原文</th><th>状态</th><th>涉及留言</th></tr></thead><tbody>${data.adoptions
        .map(
          (
            a,
          ) => `<tr><td><strong>${escape(a.document)}</strong>（${escape(a.issuer)}）<br><span class="meta">${escape(a.anchor)}</span> ${escape(a.clause)}</td>
          <td>“${escape(a.quotedSpan)}”${a.example ? `<br><span class="meta">如：${escape(a.example)}</span>` : ''}</td>
          <td>${escape(statusNames[a.status] ?? a.status)}</td><td>${a.submissions}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p>暂无已确认的采纳。</p>'
}</section>

<section><h2>承办单位办理情况</h2><p class="definition">交办：期间内转到该单位的留言；答复：期间内该单位答复经审核通过的留言；按时：${escape(definitions.onTime.zh)} 退回：答复被审核退回的次数。满意率：${escape(definitions.satisfactionRate.zh)}</p>
${
  data.units.length
    ? `<table><thead><tr><th>单位</th><th>交办</th><th>答复</th><th>按时率</th><th>退回</th><th>满意率</th></tr></thead><tbody>${data.units
        .map(
          (u) =>
            `<tr><td>${escape(u.unit.name)}</td><td>${u.assigned}</td><td>${u.replied}</td><td>${pct(u.onTimeRate)}</td><td>${u.returned}</td><td>${pct(u.satisfactionRate)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p>本次征集采用集中答复，不涉及承办单位。</p>'
}</section>
<footer>数据截至 ${escape(snapshot)}。口径见各数字下方说明；全部定义见平台开放数据说明。</footer>
</main></body></html>`;
}
