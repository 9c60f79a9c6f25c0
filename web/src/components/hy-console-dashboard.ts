import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { dashboard, refreshFigures, reportUrl, type Granularity } from '../api/figures.ts';
import { formatDateTime, t } from '../i18n/index.ts';
import type { FigureScopeDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import { figureTableStyles } from '../styles/figure-table.ts';
import './hy-error-box.ts';
import './hy-figures-view.ts';
import './hy-loading.ts';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** The owner's dashboard: their campaigns' figures, the unit league table, overdue and escalated matters. */
@customElement('hy-console-dashboard')
export class HyConsoleDashboard extends HyElement {
  @state() private campaign = '';
  @state() private granularity: Granularity = 'month';
  @state() private region: string | null = null;
  @state() private refreshing = false;

  private readonly data = new Task(this, {
    task: ([campaign, granularity, region], { signal }) =>
      dashboard(
        { campaign: campaign || undefined, granularity, region: region ?? undefined },
        signal,
      ),
    args: () => [this.campaign, this.granularity, this.region] as const,
  });

  static override styles = [
    shared,
    figureTableStyles,
    css`
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
      }
      .late {
        color: var(--hy-color-danger);
      }
    `,
  ];

  private async refresh() {
    this.refreshing = true;
    try {
      await refreshFigures();
      await this.data.run();
    } finally {
      this.refreshing = false;
    }
  }

  override render() {
    return this.data.render({
      pending: () => html`<hy-loading></hy-loading>`,
      error: (e) =>
        html`<hy-error-box .error=${e} @hy-retry=${() => void this.data.run()}></hy-error-box>`,
      complete: (d) => html`
        <div class="bar">
          <label for="dash-campaign">${t('data.scope')}</label>
          <select
            id="dash-campaign"
            data-testid="dashboard-campaign"
            @change=${(e: Event) => {
              this.campaign = (e.target as HTMLSelectElement).value;
              this.region = null;
            }}
          >
            <option value="" ?selected=${!this.campaign}>${t('dashboard.allMine')}</option>
            ${d.campaigns.map((c) => html`<option value=${c.slug} ?selected=${c.slug === this.campaign}>${c.title}</option>`)}
          </select>
          <button
            class="btn small"
            ?disabled=${this.refreshing}
            data-testid="dashboard-refresh"
            @click=${() => void this.refresh()}
          >
            ${t('dashboard.refresh')}
          </button>
          ${
            this.campaign
              ? html`<a
                    class="btn small"
                    href=${reportUrl(this.campaign, 'html')}
                    target="_blank"
                    data-testid="report-html"
                    >${t('dashboard.report')}</a
                  >
                  <a
                    class="btn small"
                    href=${reportUrl(this.campaign, 'pdf')}
                    data-testid="report-pdf"
                    >${t('dashboard.reportPdf')}</a
                  >
                  <a class="btn small ghost" href="/c/${this.campaign}/data"
                    >${t('dashboard.publicPage')}</a
                  >`
              : nothing
          }
        </div>
        <hy-figures-view
          .figures=${d.figures}
          .granularity=${this.granularity}
          @hy-figures-scope=${(e: CustomEvent<FigureScopeDetail>) => {
            if (e.detail.granularity) this.granularity = e.detail.granularity;
            if ('region' in e.detail) this.region = e.detail.region ?? null;
          }}
        ></hy-figures-view>
        <section>
          <h2>${t('dashboard.league')}</h2>
          <div class="table-wrap">
            <table data-testid="unit-league">
              <thead>
                <tr>
                  <th scope="col">${t('figures.unit')}</th>
                  <th scope="col">${t('dashboard.assigned')}</th>
                  <th scope="col">${t('figures.replied')}</th>
                  <th scope="col">${t('figures.onTimeRate')}</th>
                  <th scope="col">${t('dashboard.returned')}</th>
                  <th scope="col">${t('figures.satisfactionRate')}</th>
                  <th scope="col">${t('dashboard.overdue')}</th>
                </tr>
              </thead>
              <tbody>
                ${d.league.map(
                  (u) =>
                    html`<tr>
                      <th scope="row">${u.unit.name}</th>
                      <td>${u.assigned}</td>
                      <td>${u.replied}</td>
                      <td>${pct(u.onTimeRate)}</td>
                      <td>${u.returned}</td>
                      <td>${pct(u.satisfactionRate)}</td>
                      <td>${u.overdue}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>
        </section>
        <section>
          <h2>${t('dashboard.overdueMatters')}</h2>
          ${
            d.overdue.length
              ? html`<ul data-testid="overdue-list">
                  ${d.overdue.map(
                    (o) =>
                      html`<li>
                        <a href="/s/${o.id}">${o.ref}</a> ${o.title}
                        <span class="late">${o.dueAt ? formatDateTime(o.dueAt) : ''}</span>
                        ${o.unit ? html`· ${o.unit.name}` : nothing}
                        ${o.escalated ? html`· ${t('dashboard.escalated')}` : nothing}
                      </li>`,
                  )}
                </ul>`
              : html`<p>${t('dashboard.noOverdue')}</p>`
          }
        </section>
      `,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-console-dashboard': HyConsoleDashboard;
  }
}
