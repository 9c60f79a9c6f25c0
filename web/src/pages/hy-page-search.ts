import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { listCampaigns } from '../api/campaigns.ts';
import { search, type SearchQuery } from '../api/search.ts';
import type { SearchHit, SearchPage, SearchSort } from '../api/types.ts';
import { formatDate, formatNumber, localText, t } from '../i18n/index.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { navigate } from '../lib/router.ts';
import { shared } from '../styles/shared.ts';
import '../components/hy-error-box.ts';
import '../components/hy-highlight.ts';
import '../components/hy-loading.ts';
import '../components/hy-pagination.ts';
import '../components/hy-same-text-badge.ts';
import '../components/hy-status-badge.ts';

const PAGE_SIZE = 20;
const sorts: readonly SearchSort[] = ['relevance', 'newest', 'supports'];
const statuses = ['published', 'answered', 'closed'] as const;
type SearchStatus = (typeof statuses)[number];

/** /search?q=…: full-text search over published submissions, with highlights and filters. */
@customElement('hy-page-search')
export class HyPageSearch extends HyElement {
  @property() search = '';

  private readonly campaigns = new Task(this, {
    task: (_args, { signal }) => listCampaigns('all', signal),
    args: () => [] as const,
  });

  private readonly results = new Task(this, {
    task: async ([query], { signal }): Promise<SearchPage | null> =>
      query.q ? search(query, signal) : null,
    args: () => [this.query] as const,
    argsEqual: ([a], [b]) => JSON.stringify(a) === JSON.stringify(b),
  });

  static override styles = [
    shared,
    css`
      h1 {
        font-size: var(--hy-font-size-xl);
      }
      form.box {
        display: flex;
        gap: var(--hy-space-2);
        margin-bottom: var(--hy-space-3);
      }
      form.box input {
        flex: 1;
        min-width: 0;
        font-size: var(--hy-font-size-lg);
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2) var(--hy-space-4);
        align-items: flex-end;
        margin-bottom: var(--hy-space-4);
      }
      .filters .field {
        margin: 0;
        min-width: 10em;
      }
      .filters .field.campaign {
        min-width: min(100%, 16em);
      }
      .total {
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
        margin-bottom: var(--hy-space-2);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        padding: var(--hy-space-4) 0;
        border-bottom: 1px solid var(--hy-color-border);
        min-width: 0;
      }
      li:first-child {
        padding-top: 0;
      }
      h2 {
        font-size: var(--hy-font-size-lg);
        margin: 0 0 var(--hy-space-2);
        overflow-wrap: anywhere;
      }
      h2 a {
        color: var(--hy-color-text);
        text-decoration: none;
      }
      h2 a:hover {
        color: var(--hy-color-accent);
        text-decoration: underline;
      }
      .snippet {
        margin: 0 0 var(--hy-space-2);
        color: var(--hy-color-text);
        overflow-wrap: anywhere;
      }
      .meta {
        align-items: center;
      }
      .pending {
        opacity: 0.6;
      }
      .empty p {
        margin: 0 0 var(--hy-space-2);
      }
      @media (max-width: 640px) {
        /* Phone: filters two per row, the sort on its own; results tighter. */
        .filters {
          display: grid;
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
          gap: var(--hy-space-2);
        }
        .filters .field,
        .filters .field.campaign {
          min-width: 0;
        }
        .filters .field.campaign {
          grid-column: 1 / -1;
        }
        form.box .btn {
          padding: 0 var(--hy-space-3);
        }
        h2 {
          font-size: var(--hy-font-size);
        }
        .snippet {
          font-size: var(--hy-font-size-sm);
        }
        li {
          padding: var(--hy-space-3) 0;
        }
        section.card {
          padding: var(--hy-space-3) var(--hy-space-4);
        }
        .meta {
          font-size: var(--hy-font-size-xs);
          gap: 2px var(--hy-space-3);
        }
        /* Compact: topic and region are on the submission's page. */
        .meta .wide {
          display: none;
        }
        .snippet {
          display: -webkit-box;
          -webkit-line-clamp: 4;
          -webkit-box-orient: vertical;
          overflow: hidden;
        }
      }
    `,
  ];

  private get params(): URLSearchParams {
    return new URLSearchParams(this.search);
  }

  private get query(): SearchQuery {
    const p = this.params;
    const sort = p.get('sort');
    const status = p.get('status');
    const page = Number(p.get('page'));
    const q: SearchQuery = {
      q: (p.get('q') ?? '').trim().slice(0, 200),
      pageSize: PAGE_SIZE,
      page: Number.isInteger(page) && page > 0 && page <= 500 ? page : 1,
    };
    if (sort && (sorts as readonly string[]).includes(sort)) q.sort = sort as SearchSort;
    if (status && (statuses as readonly string[]).includes(status))
      q.status = status as SearchStatus;
    const campaign = p.get('campaign');
    if (campaign) q.campaign = campaign;
    return q;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setPageTitle(t('search.title'));
  }

  /** Changes the query in the address, so back/forward and shared links keep it. */
  private setQuery(changes: Record<string, string | null>, soft = true) {
    const p = this.params;
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') p.delete(k);
      else p.set(k, v);
    }
    const qs = p.toString();
    navigate(`/search${qs ? `?${qs}` : ''}`, { soft });
  }

  private submit(e: Event) {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement;
    this.setQuery({ q: input.value.trim(), page: null });
  }

  private renderFilters(q: SearchQuery) {
    return html`<div class="filters" role="group" aria-label=${t('search.filters')}>
      <div class="field campaign">
        <label for="campaign">${t('search.campaign')}</label>
        <select
          id="campaign"
          data-testid="search-campaign"
          @change=${(e: Event) =>
            this.setQuery({ campaign: (e.target as HTMLSelectElement).value, page: null })}
        >
          <option value="" ?selected=${!q.campaign}>${t('search.allCampaigns')}</option>
          ${(this.campaigns.value ?? []).map(
            (c) =>
              html`<option value=${c.slug} ?selected=${q.campaign === c.slug}>
                ${localText(c.title)}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="status">${t('search.status')}</label>
        <select
          id="status"
          data-testid="search-status"
          @change=${(e: Event) =>
            this.setQuery({ status: (e.target as HTMLSelectElement).value, page: null })}
        >
          <option value="" ?selected=${!q.status}>${t('search.allStatuses')}</option>
          ${statuses.map(
            (s) =>
              html`<option value=${s} ?selected=${q.status === s}>${t(`status.${s}`)}</option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="sort">${t('search.sort')}</label>
        <select
          id="sort"
          data-testid="search-sort"
          @change=${(e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            this.setQuery({ sort: v === 'relevance' ? null : v, page: null });
          }}
        >
          ${sorts.map(
            (s) =>
              html`<option value=${s} ?selected=${(q.sort ?? 'relevance') === s}>
                ${t(`search.sort.${s}`)}
              </option>`,
          )}
        </select>
      </div>
    </div>`;
  }

  private renderHit(hit: SearchHit) {
    const s = hit.submission;
    return html`<li data-testid="search-result" data-id=${s.id}>
      <h2>
        <a href="/s/${encodeURIComponent(s.id)}" data-testid="search-result-link"
          ><hy-highlight .value=${hit.title}></hy-highlight
        ></a>
      </h2>
      <p class="snippet" data-testid="search-snippet">
        <hy-highlight .value=${hit.snippet}></hy-highlight>
      </p>
      <div class="meta">
        <hy-status-badge status=${s.status}></hy-status-badge>
        <span>${localText(s.campaign.title)}</span>
        ${s.topic ? html`<span class="wide">${localText(s.topic.title)}</span>` : nothing}
        ${s.region ? html`<span class="wide">${s.region.name}</span>` : nothing}
        <span>${formatDate(s.publishedAt ?? s.createdAt)}</span>
        <span>${t('similar.supports', { n: formatNumber(s.supportCount) })}</span>
        ${s.sameText > 1 ? html`<hy-same-text-badge .count=${s.sameText}></hy-same-text-badge>` : nothing}
      </div>
    </li>`;
  }

  private renderResults(q: SearchQuery, r: SearchPage | null, pending: boolean) {
    if (!q.q) return html`<p class="muted" data-testid="search-prompt">${t('search.prompt')}</p>`;
    if (!r) return html`<hy-loading></hy-loading>`;
    const filtered = !!(q.campaign || q.status);
    if (r.items.length === 0) {
      return html`<div class="card empty" data-testid="search-empty">
        <p>${t('search.empty', { q: q.q })}</p>
        <p class="small muted">${t('search.emptyHint')}</p>
        ${
          filtered
            ? html`<button
                class="btn"
                type="button"
                data-testid="search-clear"
                @click=${() => this.setQuery({ campaign: null, status: null, page: null })}
              >
                ${t('search.clear')}
              </button>`
            : nothing
        }
      </div>`;
    }
    return html`<div class=${pending ? 'pending' : ''} aria-busy=${pending ? 'true' : 'false'}>
      <p class="total" data-testid="search-total" role="status">
        ${
          r.capped
            ? t('search.capped', { n: formatNumber(r.total) })
            : t('search.total', { n: formatNumber(r.total) })
        }
      </p>
      <ol data-testid="search-results">
        ${r.items.map((h) => this.renderHit(h))}
      </ol>
      <hy-pagination
        .page=${r.page}
        .pageSize=${r.pageSize}
        .total=${Math.min(r.total, 500 * r.pageSize)}
        @hy-page=${(e: CustomEvent<{ page: number }>) =>
          this.setQuery({ page: String(e.detail.page) }, false)}
      ></hy-pagination>
    </div>`;
  }

  override render() {
    const q = this.query;
    return html`<h1>${t('search.title')}</h1>
      <form class="box" role="search" @submit=${this.submit} data-testid="search-form">
        <label class="visually-hidden" for="q">${t('search.label')}</label>
        <input
          id="q"
          name="q"
          type="search"
          maxlength="200"
          autocomplete="off"
          enterkeyhint="search"
          placeholder=${t('search.placeholder')}
          .value=${q.q}
          data-testid="search-input"
        />
        <button class="btn primary" type="submit" data-testid="search-submit">
          ${t('search.submit')}
        </button>
      </form>
      ${this.renderFilters(q)}
      <section class="card" aria-label=${t('search.title')}>
        ${this.results.render({
          initial: () => this.renderResults(q, null, true),
          pending: () => this.renderResults(q, this.results.value ?? null, true),
          complete: (r) => this.renderResults(q, r, false),
          error: (e) =>
            html`<hy-error-box
              .error=${e}
              retry
              @hy-retry=${() => this.results.run()}
            ></hy-error-box>`,
        })}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-search': HyPageSearch;
  }
}
