import { css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { EChartsCoreOption } from '../lib/echarts.ts';
import { HyElement } from '../lib/hy-element.ts';

type Chart = {
  setOption(o: EChartsCoreOption, notMerge?: boolean): void;
  resize(): void;
  dispose(): void;
  on(e: string, h: (p: { dataIndex: number }) => void): void;
};

/**
 * One ECharts chart. ECharts is loaded on first use (dynamic import), so pages without charts
 * never download it. Tooltips are drawn on the canvas (richText), never as HTML, so names from
 * the data cannot become markup. The table next to each chart is the accessible version.
 */
@customElement('hy-chart')
export class HyChart extends HyElement {
  @property({ attribute: false }) option: EChartsCoreOption | null = null;
  @property() label = '';
  @property({ type: Number }) height = 280;
  /** Called with the index of the clicked bar or point. */
  @property({ attribute: false }) onPick: ((index: number) => void) | null = null;

  @query('.chart') private container!: HTMLDivElement;
  private chart: Chart | null = null;
  private observer: ResizeObserver | null = null;

  static override styles = css`
    :host {
      display: block;
    }
    .chart {
      width: 100%;
    }
  `;

  override render() {
    return html`<div class="chart" role="img" aria-label=${this.label} data-testid="chart"></div>`;
  }

  protected override async updated(changed: PropertyValues<this>) {
    super.updated(changed);
    this.container.style.height = `${this.height}px`;
    if (!this.option) return;
    if (!this.chart) {
      const { echarts } = await import('../lib/echarts.ts');
      if (this.chart || !this.isConnected) return;
      this.chart = echarts.init(this.container) as unknown as Chart;
      this.chart.on('click', (p) => this.onPick?.(p.dataIndex));
      this.observer = new ResizeObserver(() => this.chart?.resize());
      this.observer.observe(this.container);
    }
    this.chart.setOption(
      { animation: false, tooltip: { trigger: 'axis', renderMode: 'richText' }, ...this.option },
      true,
    );
    this.chart.resize();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.chart?.dispose();
    this.chart = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-chart': HyChart;
  }
}
