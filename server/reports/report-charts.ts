// Charts for the printed report, drawn on the server as SVG by ECharts' server-side renderer (no
// DOM, no browser): the PDF and the report page embed them as images, so they print crisply and
// need no script.
//
// ECharts takes about a second to load: it is imported when the first report is drawn, not when
// the server starts (start-up must stay fast). Call loadCharts() before drawing.
import type * as EChartsCore from 'echarts/core';

let echarts: typeof EChartsCore | null = null;

export async function loadCharts(): Promise<void> {
  if (echarts) return;
  const [core, charts, components, renderers] = await Promise.all([
    import('echarts/core'),
    import('echarts/charts'),
    import('echarts/components'),
    import('echarts/renderers'),
  ]);
  core.use([
    charts.BarChart,
    charts.LineChart,
    components.GridComponent,
    components.LegendComponent,
    components.TitleComponent,
    renderers.SVGRenderer,
  ]);
  echarts = core;
}

const palette = ['#b4232c', '#2f6f9f', '#7a8b2a', '#c77c1e', '#6b4f9e'];

function render(option: EChartsCore.EChartsCoreOption, width = 680, height = 260): string {
  if (!echarts) throw new Error('loadCharts() must run before a chart is drawn');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    color: palette,
    textStyle: { fontFamily: 'sans-serif' },
    ...option,
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** As an <img> source: the page's CSP allows data: images, and inline SVG styles stay inside. */
export const svgDataUrl = (svg: string) =>
  `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

export function seriesChart(
  points: { period: string; received: number; published: number; replied: number }[],
  labels: { received: string; published: string; replied: string },
): string {
  return render({
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 40 },
    xAxis: { type: 'category', data: points.map((p) => p.period) },
    yAxis: { type: 'value', minInterval: 1 },
    series: (['received', 'published', 'replied'] as const).map((k) => ({
      name: labels[k],
      type: 'line',
      data: points.map((p) => p[k]),
    })),
  });
}

/** Horizontal bars, largest first; hidden small counts are drawn as empty bars labelled "<5". */
export function barChart(items: { name: string; value: number | null }[], small: string): string {
  const top = items.slice(0, 12).reverse();
  return render(
    {
      grid: { left: 140, right: 40, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: top.map((i) => i.name) },
      series: [
        {
          type: 'bar',
          data: top.map((i) => i.value ?? 0),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => String(top[p.dataIndex]?.value ?? small),
          },
        },
      ],
    },
    680,
    Math.max(120, top.length * 26 + 40),
  );
}
