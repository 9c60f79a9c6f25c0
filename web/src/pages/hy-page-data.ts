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

/** /data and /c/:slug/data: the public figures, charts first, tables beside them, and open data. */
@customElement('hy-page-data')
export class HyPageData extends HyElement {
  @property() slug: string | null = null;
  @property() search = '';

  private get query(): FigureQuery {
    const p = new URLSearchParams(this.search);
    const g = p.get('granularity');
    return {
      campaign: this.slug ?? undefined,
      granularity: g === 'day' || g === 'week' ? g : 'month',
      from: p.get('from') ?? undefined,
      to: p.get('to') ?? undefined,
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
      .exports li {
        margin-bottom: 4px;
      }
    `,
  ];

  private go(change: { campaign?: string | null } & FigureScopeDetail) {
    const q = this.query;
    const params = new URLSearchParams();
    const granularity: Granularity = change.granularity ?? q.granularity;
    if (granularity !== 'month') params.set('granularity', granularity);
    const region = 'region' in change ? change.region : q.region;
    if (region) params.set('region', region);
    if (q.from) params.set('from', q.from);
    if (q.to) params.set('to', q.to);
    const slug = 'campaign' in change ? change.campaign : this.slug;
    const path = slug ? `/c/${encodeURIComponent(slug)}/data` : '/data';
    navigate(`${path}${params.size ? `?${params}` : ''}`);
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
              <ul>
                ${exportDatasets.map(
                  (d) =>
                    html`<li>
                      ${t(`data.dataset.${d}`)}:
                      ${exportFormats.map(
                        (f) =>
                          html`<a
                            href=${exportUrl(this.slug!, d, f)}
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
