import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  adoptionStatuses,
  listAdoptions,
  listStories,
  type Adoption,
  type AdoptionStatus,
} from '../api/adoption.ts';
import { getCampaign } from '../api/campaigns.ts';
import { formatNumber, localText, t } from '../i18n/index.ts';
import { createCjkIndex } from '../lib/cjk-search.ts';
import { adoptionStatusLabel } from '../lib/handling-text.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import '../components/hy-adoption-card.ts';
import '../components/hy-error-box.ts';
import '../components/hy-loading.ts';
import '../components/hy-story-card.ts';

type Indexed = { id: string; adoption: Adoption };
const PAGE = 30;

/**
 * 被采纳的建议: suggestion beside clause for a campaign (/c/slug/adopted) or the whole platform
 * (/adopted), with instant search (MiniSearch, in the browser) and filters. The page holds every
 * adoption at once, so each keystroke only searches memory.
 */
@customElement('hy-page-adopted')
export class HyPageAdopted extends HyElement {
  @property() slug: string | null = null;
  @state() private query = '';
  @state() private documentId = '';
  @state() private status: AdoptionStatus | '' = '';
  @state() private topic = '';
  /** Cards drawn so far: a thousand adoptions stay searchable at once, but only a screenful is
   * rendered, so a keystroke never waits for a thousand cards to be drawn. */
  @state() private shownCount = PAGE;

  private index = createCjkIndex<Indexed>(['title', 'text', 'clause', 'document'], (doc, field) => {
    const a = doc.adoption;
    if (field === 'id') return doc.id;
    if (field === 'title') return a.target.title;
    if (field === 'text') return a.target.text;
    if (field === 'clause') return a.clause.text;
    return a.document.title;
  });

  private readonly data = new Task(this, {
    task: async ([slug], { signal }) => {
      const [adoptions, stories, campaign] = await Promise.all([
        listAdoptions(slug ?? undefined, signal),
        listStories(slug ? { campaign: slug } : {}, signal),
        slug ? getCampaign(slug, signal) : Promise.resolve(null),
      ]);
      this.index.removeAll();
      this.index.addAll(adoptions.items.map((adoption) => ({ id: adoption.id, adoption })));
      const title = campaign
        ? t('adopted.titleCampaign', { campaign: localText(campaign.title) })
        : t('adopted.title');
      setPageTitle(title);
      return { adoptions: adoptions.items, stories: stories.items, title };
    },
    args: () => [this.slug] as const,
  });

  static override styles = [
    shared,
    css`
      h1 {
        font-size: var(--hy-font-size-xl);
        margin-bottom: var(--hy-space-2);
      }
      .lead {
        color: var(--hy-color-text-muted);
        margin: 0 0 var(--hy-space-5);
      }
      h2 {
        font-size: var(--hy-font-size-lg);
      }
      .stories {
        display: grid;
        gap: var(--hy-space-3);
        margin-bottom: var(--hy-space-6);
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2) var(--hy-space-4);
        align-items: flex-end;
        margin-bottom: var(--hy-space-3);
      }
      .filters .field {
        margin: 0;
        min-width: 10em;
      }
      .filters .field.q {
        flex: 1 1 16em;
      }
      .filters input {
        width: 100%;
      }
      .total {
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
        margin-bottom: var(--hy-space-3);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--hy-space-4);
      }
      .more {
        text-align: center;
        margin-top: var(--hy-space-4);
      }
      @media (max-width: 640px) {
        .filters {
          display: grid;
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        }
        .filters .field.q {
          grid-column: 1 / -1;
        }
      }
    `,
  ];

  /** Instant search first (ids in relevance order), then the filters. */
  private visible(all: Adoption[]): Adoption[] {
    const q = this.query.trim();
    const byId = new Map(all.map((a) => [a.id, a]));
    const found = q ? this.index.search(q).map((r) => byId.get(r.id as string)!) : all;
    return found.filter(
      (a) =>
        (!this.documentId || a.document.id === this.documentId) &&
        (!this.status || a.status === this.status) &&
        (!this.topic || a.target.topic?.key === this.topic),
    );
  }

  private renderFilters(all: Adoption[]) {
    const documents = [...new Map(all.map((a) => [a.document.id, a.document])).values()];
    const topics = [
      ...new Map(
        all.filter((a) => a.target.topic).map((a) => [a.target.topic!.key, a.target.topic!]),
      ).values(),
    ];
    const select = (
      label: string,
      testid: string,
      value: string,
      options: [string, string][],
      set: (v: string) => void,
    ) =>
      html`<label class="field">
        <span class="label">${label}</span>
        <select
          data-testid=${testid}
          .value=${value}
          @change=${(e: Event) => {
            set((e.target as HTMLSelectElement).value);
            this.shownCount = PAGE;
          }}
        >
          <option value="">${t('adopted.all')}</option>
          ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
        </select>
      </label>`;
    return html`<div class="filters" role="search">
      <label class="field q">
        <span class="label">${t('adopted.search')}</span>
        <input
          type="search"
          data-testid="adopted-search"
          .value=${this.query}
          @input=${(e: Event) => {
            this.query = (e.target as HTMLInputElement).value;
            this.shownCount = PAGE;
          }}
        />
      </label>
      ${select(
        t('adopted.filterDocument'),
        'adopted-document',
        this.documentId,
        documents.map((d) => [d.id, d.title]),
        (v) => (this.documentId = v),
      )}
      ${select(
        t('adopted.filterStatus'),
        'adopted-status',
        this.status,
        adoptionStatuses.map((s) => [s, adoptionStatusLabel(s)]),
        (v) => (this.status = v as AdoptionStatus | ''),
      )}
      ${
        topics.length
          ? select(
              t('adopted.filterTopic'),
              'adopted-topic',
              this.topic,
              topics.map((tp) => [tp.key, localText(tp.title)]),
              (v) => (this.topic = v),
            )
          : nothing
      }
    </div>`;
  }

  override render() {
    return this.data.render({
      pending: () => html`<hy-loading></hy-loading>`,
      error: (e) => html`<hy-error-box .error=${e}></hy-error-box>`,
      complete: ({ adoptions, stories, title }) => {
        const matching = this.visible(adoptions);
        const shown = matching.slice(0, this.shownCount);
        return html`<h1>${title}</h1>
          <p class="lead">${t('adopted.lead')}</p>
          ${
            stories.length
              ? html`<section aria-labelledby="stories">
                  <h2 id="stories">${t('adopted.stories')}</h2>
                  <div class="stories">
                    ${stories.map((s) => html`<hy-story-card .story=${s}></hy-story-card>`)}
                  </div>
                </section>`
              : nothing
          }
          ${
            adoptions.length
              ? html`${this.renderFilters(adoptions)}
                  <p class="total" data-testid="adopted-count" aria-live="polite">
                    ${t('adopted.count', { count: formatNumber(matching.length) })}
                  </p>
                  ${
                    shown.length
                      ? html`<ol>
                          ${shown.map(
                            (a) =>
                              html`<li><hy-adoption-card .adoption=${a}></hy-adoption-card></li>`,
                          )}
                        </ol>`
                      : html`<p class="empty">${t('adopted.noMatch')}</p>`
                  }`
              : html`<p class="empty">${t('adopted.empty')}</p>`
          }`;
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-adopted': HyPageAdopted;
  }
}
