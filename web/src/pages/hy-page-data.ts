import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { listCampaigns } from '../api/campaigns.ts';
import {
  exportDatasets,
  exportFormats,
  exportUrl,
  figures,
  type FigureQuery,
  type Granularity,
} from '../api/figures.ts';
import { localText, t } from '../i18n/index.ts';
import type { FigureScopeDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { navigate } from '../lib/router.ts';
import { shared } from '../styles/shared.ts';
import '../components/hy-error-box.ts';
import '../components/hy-figures-view.ts';
import '../components/hy-loading.ts';

const month = (v: string | null) => (v && /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? v : undefined);

/** /data and /c/:slug/data: the public figures, charts first, tables beside them, and open data. */
@customElement('hy-page-data')
export class HyPageData extends HyElement {
  @property() slug: string | null = null;
  @property() search = '';

  private get query(): FigureQuery {
    const p = new URLSearchParams(this.search);
    const g = p.get('granularity');
    // A month the address bar got wrong (or a range turned around) is left out, not sent.
    let from = month(p.get('from'));
    let to = month(p.get('to'));
    if (from && to && from > to) [from, to] = [to, from];
    return {
      campaign: this.slug ?? undefined,
      granularity: g === 'day' || g === 'week' ? g : 'month',
      from,
      to,
      region: p.get('region') ?? undefined,
    };
  }

  private readonly data = new Task(this, {
    task: ([q], { signal }) => figures(q, signal),
    args: () => [this.query] as const,
    argsEqual: ([a], [b]) => JSON.stringify(a) === JSON.stringify(b),
  });

  private readonly campaigns = new Task(this, {
    task: (_args, { signal }) => listCampaigns('all', signal),
    args: () => [] as const,
  });

  static override styles = [
    shared,
    css`
      h1 {
        font-size: var(--hy-font-size-xl);
      }
      .scope {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
      }
      .exports {
        margin-top: 24px;
      }
      .range {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 12px;
        align-items: end;
        margin: 12px 0 4px;
        padding: 0;
        border: 0;
      }
      .range legend {
        font-weight: 600;
        padding: 0;
        margin-bottom: 4px;
      }
      .range label {
        display: flex;
        flex-direction: column;
        gap: 2px;
        font-size: 0.9rem;
      }
      .range input {
        min-width: 9.5rem;
      }
      .note {
        color: var(--hy-color-text-muted);
        font-size: 0.85rem;
        margin: 0 0 8px;
      }
      .scorecards-link {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0 12px;
        margin: 8px 0 0;
      }
      .scorecards-link .note {
        margin: 0;
      }
      .exports li {
        margin-bottom: 4px;
      }
    `,
  ];

  private go(
    change: {
      campaign?: string | null;
      from?: string | null;
      to?: string | null;
    } & FigureScopeDetail,
  ) {
    const q = this.query;
    const params = new URLSearchParams();
    const granularity: Granularity = change.granularity ?? q.granularity;
    if (granularity !== 'month') params.set('granularity', granularity);
    const region = 'region' in change ? change.region : q.region;
    if (region) params.set('region', region);
    const from = 'from' in change ? month(change.from ?? null) : q.from;
    const to = 'to' in change ? month(change.to ?? null) : q.to;
    if (from) params.set('from', from);
    if (to) params.set('to', to);
    const slug = 'campaign' in change ? change.campaign : this.slug;
    const path = slug ? `/c/${encodeURIComponent(slug)}/data` : '/data';
    navigate(`${path}${params.size ? `?${params}` : ''}`);
  }

  /** From/to month pickers: they set the `from`/`to` of the address, which drive the figures. */
  private rangeControl() {
    const { from, to } = this.query;
    const thisMonth = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7); // China time
    const pick = (which: 'from' | 'to') => (e: Event) => {
      const value = (e.target as HTMLInputElement).value || null;
      // Keep the range the right way round: moving one end past the other moves both.
      const other = which === 'from' ? to : from;
      const crossed =
        value && other && (which === 'from' ? value > other : value < other) ? value : undefined;
      this.go(
        which === 'from'
          ? { from: value, to: crossed ?? to }
          : { to: value, from: crossed ?? from },
      );
    };
    return html`<fieldset class="range" data-testid="data-range">
        <legend>${t('data.range')}</legend>
        <label
          >${t('data.from')}
          <input
            type="month"
            data-testid="range-from"
            placeholder="YYYY-MM"
            pattern="\\d{4}-\\d{2}"
            .value=${from ?? ''}
            max=${to ?? thisMonth}
            @change=${pick('from')}
        /></label>
        <label
          >${t('data.to')}
          <input
            type="month"
            data-testid="range-to"
            placeholder="YYYY-MM"
            pattern="\\d{4}-\\d{2}"
            .value=${to ?? ''}
            min=${from ?? nothing}
            max=${thisMonth}
            @change=${pick('to')}
        /></label>
        <button
          class="btn ghost"
          data-testid="range-all"
          ?disabled=${!from && !to}
          @click=${() => this.go({ from: null, to: null })}
        >
          ${t('data.rangeAll')}
        </button>
      </fieldset>
      <p class="note">${t('data.rangeNote')}</p>`;
  }

  override render() {
    const campaigns = this.campaigns.value ?? [];
    const current = campaigns.find((c) => c.slug === this.slug);
    return html`
      <h1>
        ${current ? t('data.titleCampaign', { title: localText(current.title) }) : t('data.title')}
      </h1>
      <div class="scope">
        <label for="campaign">${t('data.scope')}</label>
        <select
          id="campaign"
          data-testid="data-campaign"
          @change=${(e: Event) => this.go({ campaign: (e.target as HTMLSelectElement).value || null, region: null })}
        >
          <option value="" ?selected=${!this.slug}>${t('data.platform')}</option>
          ${campaigns.map(
            (c) =>
              html`<option value=${c.slug} ?selected=${c.slug === this.slug}>
                ${localText(c.title)}
              </option>`,
          )}
        </select>
      </div>
      <p class="scorecards-link">
        <a class="tap" href="/data/scorecards" data-testid="data-scorecards"
          >${t('scorecards.link')} →</a
        >
        <span class="note">${t('scorecards.linkNote')}</span>
      </p>
      ${this.rangeControl()}
      ${this.data.render({
        pending: () => html`<hy-loading></hy-loading>`,
        error: (e) =>
          html`<hy-error-box .error=${e} @hy-retry=${() => void this.data.run()}></hy-error-box>`,
        complete: (f) =>
          html`<hy-figures-view
            .figures=${f}
            .granularity=${this.query.granularity}
            @hy-figures-scope=${(e: CustomEvent<FigureScopeDetail>) => this.go(e.detail)}
          ></hy-figures-view>`,
      })}
      ${
        this.slug
          ? html`<section class="exports">
              <h2>${t('data.openData')}</h2>
              <p>${t('data.openDataNote')}</p>
              ${this.query.from || this.query.to ? html`<p class="note">${t('data.openDataRange')}</p>` : nothing}
              <ul>
                ${exportDatasets.map(
                  (d) =>
                    html`<li>
                      ${t(`data.dataset.${d}`)}:
                      ${exportFormats.map(
                        (f) =>
                          html`<a
                            href=${exportUrl(this.slug!, d, f, { from: this.query.from, to: this.query.to })}
                            download
                            data-testid="export-${d}-${f}"
                            >${f.toUpperCase()}</a
                          > `,
                      )}
                    </li>`,
                )}
              </ul>
            </section>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-data': HyPageData;
  }
}
