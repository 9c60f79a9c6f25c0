import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getCluster, listClusters, type Cluster, type ClusterSort } from '../api/clusters.ts';
import type { Submission } from '../api/types.ts';
import { formatNumber, t } from '../i18n/index.ts';
import { createCjkIndex } from '../lib/cjk-search.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-error-box.ts';
import './hy-loading.ts';

const sorts: readonly ClusterSort[] = ['hot', 'people', 'supports'];
/** Topics shown before "show all": the page is about the campaign, not only its topics. */
const FIRST = 8;

/**
 * A campaign's topic clusters, hottest this week first: size in people and in distinct voices (a
 * form letter is one voice), supports, growth this week, the representative submission, and the
 * members on demand. The filter searches the topics the page already holds (MiniSearch).
 */
@customElement('hy-topic-list')
export class HyTopicList extends HyElement {
  @property() slug = '';
  @state() private sort: ClusterSort = 'hot';
  @state() private filter = '';
  @state() private open: string | null = null;
  @state() private showAll = false;

  private index = createCjkIndex<{ id: string; title: string; text: string }>(['title', 'text']);

  private readonly clusters = new Task(this, {
    task: async ([slug, sort], { signal }) => {
      const items = await listClusters(slug, sort, signal);
      this.index.removeAll();
      this.index.addAll(
        items.map((c) => ({
          id: c.id,
          title: c.title,
          text: `${c.phrases.join(' ')} ${c.representative?.title ?? ''}`,
        })),
      );
      return items;
    },
    args: () => [this.slug, this.sort] as const,
  });

  private readonly members = new Task(this, {
    task: async ([id], { signal }): Promise<Submission[]> =>
      id ? (await getCluster(id, 1, signal)).members : [],
    args: () => [this.open] as const,
  });

  static override styles = [
    shared,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2) var(--hy-space-3);
        align-items: flex-end;
        margin-bottom: var(--hy-space-3);
      }
      .toolbar .field {
        flex: 1 1 12em;
        margin: 0;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li.topic {
        padding: var(--hy-space-3) 0;
        border-bottom: 1px solid var(--hy-color-border);
        min-width: 0;
      }
      h3 {
        font-size: var(--hy-font-size-lg);
        margin: 0 0 var(--hy-space-1);
        overflow-wrap: anywhere;
      }
      .rep {
        margin: var(--hy-space-1) 0;
        overflow-wrap: anywhere;
      }
      .hot {
        color: var(--hy-color-danger);
        font-weight: 700;
      }
      .members {
        margin: var(--hy-space-2) 0 0;
        padding-left: var(--hy-space-4);
        border-left: 3px solid var(--hy-color-border);
      }
      .members li {
        padding: var(--hy-space-1) 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  private visible(items: Cluster[]): Cluster[] {
    const q = this.filter.trim();
    if (!q) return items;
    const hits = new Set(this.index.search(q).map((r) => r.id as string));
    return items.filter((c) => hits.has(c.id));
  }

  private renderTopic(c: Cluster) {
    const expanded = this.open === c.id;
    return html`<li class="topic" data-testid="topic" data-cluster=${c.id}>
      <h3 data-testid="topic-title">${c.title}</h3>
      <div class="meta small">
        <span class="tag" data-testid="topic-people"
          >${t('topics.people', { count: formatNumber(c.people) })}</span
        >
        ${
          c.voices !== c.people
            ? html`<span class="tag neutral" data-testid="topic-voices"
                >${t('topics.voices', { count: formatNumber(c.voices) })}</span
              >`
            : nothing
        }
        <span class="muted">${t('topics.supports', { count: formatNumber(c.supports) })}</span>
        ${
          c.lastWeek > 0
            ? html`<span class="hot"
                >${t('topics.lastWeek', { count: formatNumber(c.lastWeek) })}</span
              >`
            : nothing
        }
      </div>
      ${
        c.representative
          ? html`<p class="rep small">
              <span class="muted">${t('topics.representative')}：</span>
              <a href="/s/${encodeURIComponent(c.representative.id)}">${c.representative.title}</a>
            </p>`
          : nothing
      }
      <button
        class="btn small"
        data-testid="topic-toggle"
        aria-expanded=${expanded ? 'true' : 'false'}
        @click=${() => (this.open = expanded ? null : c.id)}
      >
        ${expanded ? t('topics.hide') : t('topics.show', { count: formatNumber(c.people) })}
      </button>
      ${
        expanded
          ? this.members.render({
              pending: () => html`<hy-loading></hy-loading>`,
              error: (e) => html`<hy-error-box .error=${e}></hy-error-box>`,
              complete: (members) =>
                html`<ul class="members" data-testid="topic-members">
                  ${members.map(
                    (m) =>
                      html`<li>
                        <a href="/s/${encodeURIComponent(m.id)}">${m.title}</a>
                        ${
                          m.sameText > 1
                            ? html`<span class="muted small">×${formatNumber(m.sameText)}</span>`
                            : nothing
                        }
                      </li>`,
                  )}
                </ul>`,
            })
          : nothing
      }
    </li>`;
  }

  override render() {
    return html`<p class="small muted">${t('topics.lead')}</p>
      ${this.clusters.render({
        pending: () => html`<hy-loading></hy-loading>`,
        error: (e) => html`<hy-error-box .error=${e}></hy-error-box>`,
        complete: (items) => {
          if (!items.length) return html`<p class="empty">${t('topics.empty')}</p>`;
          const matching = this.visible(items);
          const shown = this.showAll || this.filter ? matching : matching.slice(0, FIRST);
          return html`<div class="toolbar">
              <label class="field"
                ><span class="label">${t('topics.filter')}</span
                ><input
                  type="search"
                  data-testid="topic-filter"
                  .value=${this.filter}
                  @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
              /></label>
              <div class="segmented" role="group" aria-label=${t('campaign.sort')}>
                ${sorts.map(
                  (s) =>
                    html`<button
                      type="button"
                      class="btn small"
                      aria-pressed=${this.sort === s ? 'true' : 'false'}
                      data-testid="topic-sort-${s}"
                      @click=${() => (this.sort = s)}
                    >
                      ${t(`topics.sort.${s}`)}
                    </button>`,
                )}
              </div>
            </div>
            ${
              shown.length
                ? html`<ol>
                    ${shown.map((c) => this.renderTopic(c))}
                  </ol>`
                : html`<p class="empty">${t('topics.noMatch')}</p>`
            }`;
        },
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-topic-list': HyTopicList;
  }
}
