// The annual big-data report as one HTML document with print styles (the campaign report's
// stylesheet): the same document is the printable page and, with the CSS inlined, the PDF. Every
// text goes through escape(); every figure carries its definition.
import { definitions } from '../figures/definitions.ts';
import type { AnnualReportData } from './annual-report-data.ts';
import { barChart, seriesChart, svgDataUrl } from './report-charts.ts';
import { escape, figure, num, pct, reportCss, time } from './report-html.ts';

/** "+12.5%" / "−3.0%" / "新增" against last year's count; "—" when nothing to compare. */
function change(now: number | null, before: number | null): string {
  if (now === null || before === null) return '—';
  if (before === 0) return now === 0 ? '—' : '新增';
  const r = (now - before) / before;
  return `${r >= 0 ? '+' : '−'}${Math.abs(r * 100).toFixed(1)}%`;
}

const months = (p: { from: string; to: string }) =>
  `${p.from.replace('-', ' 年 ')} 月至 ${p.to.replace('-', ' 年 ')} 月`;

export function annualReportHtml(
  data: AnnualReportData,
  css: { inline: boolean; href?: string },
): string {
  const h = data.headline;
  const before = data.headlineLastYear;
  const place = data.scope ? data.scope.name : '全平台';
  const title = `${place}网上群众工作大数据报告`;
  const chart = (svg: string, alt: string) =>
    `<img class="chart" alt="${escape(alt)}" src="${svgDataUrl(svg)}">`;
  const series = chart(
    seriesChart(data.series, { received: '收到', published: '公开', replied: '已答复' }),
    '按月收到、公开、答复的留言',
  );
  const topics = chart(
    barChart(
      data.topics.map((t) => ({ name: t.name, value: t.published })),
      '<5',
    ),
    '各领域公开留言数',
  );
  const regions = chart(
    barChart(
      data.regions.map((r) => ({ name: r.name, value: r.figures.published })),
      '<5',
    ),
    '各地区公开留言数',
  );
  const style = css.inline
    ? `<style>${reportCss}</style>`
    : `<link rel="stylesheet" href="${escape(css.href)}">`;
  const rows = <T>(items: T[], empty: string, head: string, row: (item: T) => string) =>
    items.length
      ? `<table><thead><tr>${head}</tr></thead><tbody>${items.map(row).join('')}</tbody></table>`
      : `<p>${escape(empty)}</p>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>${style}</head>
<body><main>
<header><p class="kicker">回音 · 领导留言板</p><h1 data-testid="annual-title">${escape(title)}</h1>
<p class="meta">统计期间：<strong data-testid="annual-period">${escape(months(data.period))}</strong>（同比：${escape(months(data.lastYear))}） · 数据截至：${escape(time(data.takenAt))} · 报告生成：${escape(time(data.generatedAt))}</p>
<p class="definition">${escape(definitions.period.zh)}</p></header>

<section><h2>总体情况</h2><div class="figures">
${figure('收到留言', num(h.received), 'received')}
${figure('公开留言', num(h.published), 'published')}
${figure('已答复', num(h.replied), 'replied')}
${figure('答复率', pct(h.replyRate), 'replyRate')}
${figure('按时答复率', pct(h.onTimeRate), 'onTimeRate')}
${figure('满意率', pct(h.satisfactionRate), 'satisfactionRate')}
${figure('答复用时中位数', h.medianHoursToReply === null ? '—' : `${h.medianHoursToReply} 小时`, 'medianHoursToReply')}
</div>
<p>与上年同期相比：收到留言 ${num(before.received)} 条，变化 <strong>${escape(change(h.received, before.received))}</strong>；已答复 ${num(before.replied)} 条，变化 <strong>${escape(change(h.replied, before.replied))}</strong>；答复率 ${pct(before.replyRate)}。</p>
<figure>${series}<figcaption>按月：收到、公开、已答复</figcaption></figure>
</section>

<section><h2>群众关注的领域</h2><p class="definition">按公开留言数排序；同比为上年同期的公开留言数。${data.scope ? '各领域计数小于 5 的显示为“&lt;5”，并同时隐藏可据以推算的其他领域。' : ''}</p>
<figure>${topics}</figure>
${rows(
  data.topics,
  '期间内没有公开留言。',
  '<th>领域</th><th>公开留言</th><th>上年同期</th><th>同比</th><th>答复率</th>',
  (t) =>
    `<tr><td>${escape(t.name)}</td><td>${num(t.published)}</td><td>${num(t.lastYear)}</td><td>${escape(change(t.published, t.lastYear))}</td><td>${pct(t.replyRate)}</td></tr>`,
)}</section>

<section><h2>${data.scope ? '各市' : '各省'}留言与答复</h2><p class="definition">${escape(definitions.replyRate.zh)}</p>
<figure>${regions}</figure>
${rows(
  data.regions,
  '期间内没有公开留言。',
  '<th>地区</th><th>公开留言</th><th>已答复</th><th>答复率</th><th>按时答复率</th><th>满意率</th>',
  (r) =>
    `<tr><td>${escape(r.name)}</td><td>${num(r.figures.published)}</td><td>${num(r.figures.replied)}</td><td>${pct(r.figures.replyRate)}</td><td>${pct(r.figures.onTimeRate)}</td><td>${pct(r.figures.satisfactionRate)}</td></tr>`,
)}</section>

<section><h2>答复最多的领导留言板</h2><p class="definition">${escape(definitions.replied.zh)}</p>
${rows(
  data.leaders,
  '期间内没有写给具体领导的留言得到答复。',
  '<th>留言对象</th><th>公开留言</th><th>已答复</th><th>答复率</th>',
  (l) =>
    `<tr><td>${escape(l.addressee.title['zh-CN'])}</td><td>${num(l.figures.published)}</td><td>${num(l.figures.replied)}</td><td>${pct(l.figures.replyRate)}</td></tr>`,
)}</section>

<section><h2>承办单位办理量</h2><p class="definition">按留言当前所在承办单位计；${escape(definitions.unitReplied.zh)}</p>
${rows(
  data.units,
  '期间内没有交办的留言。',
  '<th>承办单位</th><th>公开留言</th><th>单位答复</th><th>按时答复率</th>',
  (u) =>
    `<tr><td>${escape(u.name)}</td><td>${num(u.figures.published)}</td><td>${num(u.figures.unitReplied)}</td><td>${pct(u.figures.onTimeRate)}</td></tr>`,
)}</section>

<section><h2>从留言到政策</h2><p class="definition">期间内发布的采纳故事，个人信息已遮蔽。</p>
${
  data.stories.length
    ? `<ol class="clusters">${data.stories
        .map(
          (st) =>
            `<li><h3>${escape(st.title)}</h3><p class="meta">${escape(time(st.publishedAt))}</p><blockquote>${escape(st.body.length > 240 ? `${st.body.slice(0, 240)}…` : st.body)}</blockquote></li>`,
        )
        .join('')}</ol>`
    : '<p>期间内没有发布采纳故事。</p>'
}</section>
<footer>数据截至 ${escape(time(data.takenAt))}。口径见各数字下方说明；全部定义见平台开放数据说明。</footer>
</main></body></html>`;
}
