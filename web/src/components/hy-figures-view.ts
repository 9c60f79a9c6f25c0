import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Breakdown, FigureValues, Figures, Granularity } from '../api/figures.ts';
import { formatDateTime, formatNumber, getLocale, t, type MessageKey } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import type { EChartsCoreOption } from '../lib/echarts.ts';
import { shared } from '../styles/shared.ts';
import { figureTableStyles } from '../styles/figure-table.ts';
import './hy-chart.ts';

const small = '<5';
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const count = (n: number | null) => (n === null ? small : formatNumber(n));
const palette = ['#b4232c', '#2f6f9f', '#7a8b2a'];

const headline: { key: keyof FigureValues; label: MessageKey; kind: 'count' | 'rate' | 'hours' }[] =
  [
    { key: 'received', label: 'figures.received', kind: 'count' },
    { key: 'published', label: 'figures.published', kind: 'count' },
    { key: 'replied', label: 'figures.replied', kind: 'count' },
    { key: 'replyRate', label: 'figures.replyRate', kind: 'rate' },
    { key: 'medianHoursToReply', label: 'figures.medianHoursToReply', kind: 'hours' },
    { key: 'onTimeRate', label: 'figures.onTimeRate', kind: 'rate' },
    { key: 'satisfactionRate', label: 'figures.satisfactionRate', kind: 'rate' },
    { key: 'adopted', label: 'figures.adopted', kind: 'count' },
    { key: 'adoptionRate', label: 'figures.adoptionRate', kind: 'rate' },
  ];

function bars(items: Breakdown[], none: string): EChartsCoreOption {
  const top = items.slice(0, 12).reverse();
  return {
    color: palette,
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: top.map((i) => i.name || none),
      axisLabel: { width: 110, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: top.map((i) => i.published ?? 0),
        label: {
          show: true,
          position: 'right',
          formatter: (p: { dataIndex: number }) => count(top[p.dataIndex]?.published ?? null),
        },
      },
    ],
  };
}

/**
 * Figures as charts with tables beside them: headline numbers (each with its definition), the
 * trend, bars by topic and unit, a ranked region chart that drills province → city → county, and
 * hot topics. Shared by the public data page and the owner's dashboard.
 */
@customElement('hy-figures-view')
export class HyFiguresView extends HyElement {
  @property({ attribute: false }) figures: Figures | null = null;
  @property() granularity: Granularity = 'month';

  static override styles = [
    shared,
    figureTableStyles,
    css`
      .snapshot {
        color: var(--hy-color-text-muted);
        font-size: 0.9rem;
      }
      .cards {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
        gap: var(--hy-space-2, 8px);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .card {
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius, 8px);
        padding: 10px;
        background: var(--hy-color-surface);
      }
      .value {
        font-size: 1.5rem;
        font-weight: 700;
        color: var(--hy-color-accent);
      }
      details {
        font-size: 0.8rem;
        color: var(--hy-color-text-muted);
      }
      .grid {
        display: grid;
        grid-template-columns: 1fr;
        gap: 16px;
      }
      @media (min-width: 900px) {
        .grid {
          grid-template-columns: 1fr 1fr;
        }
      }
      section {
        margin-top: 20px;
        min-width: 0;
      }
      td.n {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .switch {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
      }
      .switch button[aria-pressed='true'] {
        background: var(--hy-color-accent);
        color: #fff;
      }
      .hot li {
        margin-bottom: 6px;
      }
    `,
  ];

  private scope(detail: { granularity?: Granularity; region?: string | null }) {
    this.dispatchEvent(hyEvent('hy-figures-scope', detail));
  }

  private definition(key: string) {
    const d = this.figures?.definitions[key];
    if (!d) return nothing;
    return html`<details>
      <summary>${t('figures.definition')}</summary>
      ${getLocale() === 'en' ? d.en : d.zh}
    </details>`;
  }

  override render() {
    const f = this.figures;
    if (!f) return nothing;
    const none = t('figures.none');
    const series: EChartsCoreOption = {
      color: palette,
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: f.series.map((p) => p.period) },
      yAxis: { type: 'value', minInterval: 1 },
      series: (['received', 'published', 'replied'] as const).map((k) => ({
        name: t(`figures.${k}`),
        type: 'line',
        data: f.series.map((p) => p[k]),
      })),
    };
    const regions = f.regions;
    return html`
      <p class="snapshot" data-testid="figures-snapshot">
        ${
          f.snapshot
            ? t('figures.snapshot', { time: formatDateTime(f.snapshot.takenAt) })
            : t('figures.noSnapshot')
        }
        ${f.suppressed ? html`· ${t('figures.suppressedNote')}` : nothing}
      </p>
      <ul class="cards" data-testid="figures-headline">
        ${headline.map(
          (h) =>
            html`<li class="card" data-testid="figure-${h.key}">
              <div class="value">
                ${
                  h.kind === 'rate'
                    ? pct(f.headline[h.key])
                    : h.kind === 'hours'
                      ? f.headline.medianHoursToReply === null
                        ? '—'
                        : t('figures.hours', { n: f.headline.medianHoursToReply })
                      : count(f.headline[h.key])
                }
              </div>
              <div>${t(h.label)}</div>
              ${this.definition(h.key)}
            </li>`,
        )}
      </ul>

      <section>
        <h2>${t('figures.trend')}</h2>
        <div class="switch" role="group" aria-label=${t('figures.granularity')}>
          ${(['day', 'week', 'month'] as const).map(
            (g) =>
              html`<button
                class="btn"
                aria-pressed=${this.granularity === g ? 'true' : 'false'}
                data-testid="granularity-${g}"
                @click=${() => this.scope({ granularity: g })}
              >
                ${t(`figures.by.${g}`)}
              </button>`,
          )}
        </div>
        <hy-chart
          .option=${series}
          label=${t('figures.trend')}
          data-testid="chart-series"
        ></hy-chart>
        ${this.definition('period')}
      </section>

      <div class="grid">
        <section>
          <h2>${t('figures.byTopic')}</h2>
          <hy-chart
            .option=${bars(f.topics, none)}
            .height=${Math.max(160, Math.min(12, f.topics.length) * 32 + 30)}
            label=${t('figures.byTopic')}
            data-testid="chart-topics"
          ></hy-chart>
          ${this.table(f.topics, t('figures.topic'))}
        </section>
        <section>
          <h2>${t('figures.byUnit')}</h2>
          <hy-chart
            .option=${bars(f.units, t('figures.noUnit'))}
            .height=${Math.max(160, Math.min(12, f.units.length) * 32 + 30)}
            label=${t('figures.byUnit')}
            data-testid="chart-units"
          ></hy-chart>
          ${this.table(f.units, t('figures.unit'))}
        </section>
      </div>

      <section>
        <h2>
          ${t('figures.byRegion')}${regions.parent ? html` · ${regions.parent.name}` : nothing}
        </h2>
        ${
          regions.parent
            ? html`<button
                class="btn"
                data-testid="region-up"
                @click=${() =>
                  this.scope({
                    region:
                      regions.parent!.code.length > 2 ? regions.parent!.code.slice(0, -2) : null,
                  })}
              >
                ${t('figures.regionUp')}
              </button>`
            : nothing
        }
        <hy-chart
          .option=${bars(regions.items, t('figures.noRegion'))}
          .height=${Math.max(160, Math.min(12, regions.items.length) * 32 + 30)}
          .onPick=${(i: number) => {
            const top = regions.items.slice(0, 12).reverse();
            const item = top[i];
            if (item?.hasChildren) this.scope({ region: item.key });
          }}
          label=${t('figures.byRegion')}
          data-testid="chart-regions"
        ></hy-chart>
        <div class="table-wrap">
          <table data-testid="region-table">
            <caption class="snapshot">
              ${t('figures.regionMatrix')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t('figures.region')}</th>
                ${regions.matrix.topics.map((x) => html`<th scope="col">${x.name || none}</th>`)}
                <th scope="col">${t('figures.total')}</th>
              </tr>
            </thead>
            <tbody>
              ${regions.matrix.rows.map((r) => {
                const item = regions.items.find((i) => i.key === r.key);
                const name =
                  r.key === '*' ? t('figures.otherRegion') : r.name || t('figures.noRegion');
                return html`<tr>
                  <th scope="row">
                    ${
                      item?.hasChildren
                        ? html`<button
                            class="btn ghost small"
                            data-testid="region-drill"
                            @click=${() => this.scope({ region: r.key })}
                          >
                            ${name}
                          </button>`
                        : name
                    }
                  </th>
                  ${r.cells.map((c) => html`<td class="n">${count(c)}</td>`)}
                  <td class="n">${count(r.total)}</td>
                </tr>`;
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">${t('figures.total')}</th>
                ${regions.matrix.totals.map((c) => html`<td class="n">${count(c)}</td>`)}
                <td class="n">${count(regions.matrix.total)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section>
        <h2>${t('figures.hotTopics')}</h2>
        ${
          f.hotTopics.length
            ? html`<ol class="hot" data-testid="hot-topics">
                ${f.hotTopics.map(
                  (h) =>
                    html`<li>
                      <strong>${h.title}</strong>
                      <span class="snapshot"
                        >${t('figures.hotLine', { people: h.people, week: h.lastWeek })}</span
                      >
                    </li>`,
                )}
              </ol>`
            : html`<p class="snapshot">${t('figures.noHotTopics')}</p>`
        }
        ${this.definition('hotTopics')}
      </section>
    `;
  }

  private table(items: Breakdown[], head: string) {
    return html`<div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${head}</th>
            <th scope="col">${t('figures.published')}</th>
            <th scope="col">${t('figures.replyRate')}</th>
            <th scope="col">${t('figures.onTimeRate')}</th>
            <th scope="col">${t('figures.satisfactionRate')}</th>
          </tr>
        </thead>
        <tbody>
          ${items.map(
            (i) =>
              html`<tr>
                <th scope="row">${i.name || t('figures.none')}</th>
                <td class="n">${count(i.published)}</td>
                <td class="n">${pct(i.figures?.replyRate ?? null)}</td>
                <td class="n">${pct(i.figures?.onTimeRate ?? null)}</td>
                <td class="n">${pct(i.figures?.satisfactionRate ?? null)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-figures-view': HyFiguresView;
  }
}
