import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { getCampaign } from '../api/campaigns.ts';
import { ApiError } from '../api/request.ts';
import { listCampaignSubmissions, type SubmissionSort } from '../api/submissions.ts';
import type { Campaign, Page, Submission } from '../api/types.ts';
import { formatDay, formatNumber, localText, orgName, t } from '../i18n/index.ts';
import { actionText, deadlineText, phaseText } from '../lib/campaign-text.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { navigate } from '../lib/router.ts';
import { shared } from '../styles/shared.ts';
import '../components/hy-error-box.ts';
import '../components/hy-loading.ts';
import '../components/hy-pagination.ts';
import '../components/hy-paragraphs.ts';
import '../components/hy-phase-timeline.ts';
import '../components/hy-story-card.ts';
import '../components/hy-topic-list.ts';
import { listStories } from '../api/adoption.ts';
import '../components/hy-submission-item.ts';

const PAGE_SIZE = 20;

/** A campaign: description, phases, topic filter, published submissions, policy documents. */
@customElement('hy-page-campaign')
export class HyPageCampaign extends HyElement {
  @property() slug = '';
  @property() search = '';

  private readonly campaign = new Task(this, {
    task: async ([slug], { signal }) => {
      const c = await getCampaign(slug, signal);
      setPageTitle(localText(c.title));
      return c;
    },
    args: () => [this.slug] as const,
  });

  /** Published stories about the campaign's adoptions (best effort: the page works without). */
  private readonly stories = new Task(this, {
    task: ([slug], { signal }) =>
      listStories({ campaign: slug }, signal)
        .then((r) => r.items)
        .catch(() => []),
    args: () => [this.slug] as const,
  });

  private readonly submissions = new Task(this, {
    task: ([slug, sort, page, topic], { signal }) =>
      listCampaignSubmissions(
        slug,
        { sort, page, pageSize: PAGE_SIZE, topic: topic ?? undefined },
        signal,
      ),
    args: () => [this.slug, this.sort, this.page, this.topic] as const,
  });

  static override styles = [
    shared,
    css`
      .head {
        background: var(--hy-color-surface);
        border: 1px solid var(--hy-color-border);
        border-top: 4px solid var(--hy-color-accent);
        border-radius: var(--hy-radius-lg);
        padding: var(--hy-space-5);
        margin-bottom: var(--hy-space-5);
      }
      .head .tags {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
        margin-bottom: var(--hy-space-3);
      }
      .head h1 {
        overflow-wrap: anywhere;
      }
      .summary {
        font-size: var(--hy-font-size-lg);
        color: var(--hy-color-text-muted);
      }
      .facts {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2) var(--hy-space-5);
        margin: var(--hy-space-4) 0;
        font-size: var(--hy-font-size-sm);
      }
      .facts strong {
        color: var(--hy-color-accent-strong);
      }
      .cta {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-3);
        align-items: center;
      }
      .cta .btn.primary {
        min-width: 10em;
        font-size: var(--hy-font-size-lg);
      }
      .cta .notice {
        margin: 0;
        flex: 1 1 18em;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 320px;
        gap: var(--hy-space-5);
        align-items: start;
      }
      .main,
      .side {
        display: grid;
        gap: var(--hy-space-5);
        min-width: 0;
      }
      section.card h2 {
        font-size: var(--hy-font-size-lg);
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: var(--hy-space-3);
        margin-bottom: var(--hy-space-3);
      }
      .toolbar h2 {
        margin: 0;
      }
      .chips,
      .segmented {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
      }
      .chips {
        margin-bottom: var(--hy-space-3);
      }
      .chip {
        min-height: 40px;
        padding: 0 var(--hy-space-3);
        border-radius: 999px;
        border: 1px solid var(--hy-color-border-strong);
        background: var(--hy-color-surface);
        color: var(--hy-color-text);
        font: inherit;
        font-size: var(--hy-font-size-sm);
        cursor: pointer;
      }
      .chip[aria-pressed='true'] {
        background: var(--hy-color-accent);
        border-color: var(--hy-color-accent);
        color: var(--hy-color-on-accent);
      }
      .segmented {
        border: 1px solid var(--hy-color-border-strong);
        border-radius: var(--hy-radius);
        overflow: hidden;
        gap: 0;
        flex-wrap: nowrap;
      }
      .segmented button {
        min-height: 40px;
        padding: 0 var(--hy-space-3);
        border: 0;
        background: var(--hy-color-surface);
        font: inherit;
        font-size: var(--hy-font-size-sm);
        cursor: pointer;
        color: var(--hy-color-text);
      }
      .segmented button + button {
        border-left: 1px solid var(--hy-color-border-strong);
      }
      .segmented button[aria-pressed='true'] {
        background: var(--hy-color-accent-soft);
        color: var(--hy-color-accent-strong);
        font-weight: 600;
      }
      .list-total {
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
      }
      .docs {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: var(--hy-space-3);
      }
      .docs li {
        padding-left: var(--hy-space-3);
        border-left: 3px solid var(--hy-color-accent-soft);
      }
      .docs .title {
        font-weight: 600;
      }
      .list-pending {
        opacity: 0.6;
      }
      @media (max-width: 900px) {
        /* One column: description, phases, hot topics, the list, adopted suggestions, documents. */
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
        .main,
        .side {
          display: contents;
        }
        .about {
          order: 1;
        }
        .phases {
          order: 2;
        }
        .topics {
          order: 3;
        }
        .list {
          order: 4;
        }
        .adopted {
          order: 5;
        }
        .docs-card {
          order: 6;
        }
      }
      @media (max-width: 640px) {
        .head,
        section.card {
          padding: var(--hy-space-4);
        }
        h1 {
          font-size: var(--hy-font-size-xl);
        }
        .summary {
          font-size: var(--hy-font-size);
        }
        .cta .btn.primary {
          width: 100%;
        }
      }
    `,
  ];

  private get params(): URLSearchParams {
    return new URLSearchParams(this.search);
  }
  private get sort(): SubmissionSort {
    return this.params.get('sort') === 'supports' ? 'supports' : 'newest';
  }
  private get page(): number {
    const n = Number(this.params.get('page'));
    return Number.isInteger(n) && n > 0 ? n : 1;
  }
  private get topic(): string | null {
    return this.params.get('topic') || null;
  }

  /** Changes the list's query in the address (so back/forward and links keep it). */
  private setQuery(changes: Record<string, string | null>) {
    const p = this.params;
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') p.delete(k);
      else p.set(k, v);
    }
    const qs = p.toString();
    navigate(`/c/${encodeURIComponent(this.slug)}${qs ? `?${qs}` : ''}`, { soft: true });
  }

  private renderHead(c: Campaign) {
    return html`<div class="head">
      <div class="tags">
        <span class="tag">${t(`kind.${c.kind}`)}</span>
        <span class="tag neutral">${phaseText(c)}</span>
      </div>
      <h1 data-testid="campaign-title">${localText(c.title)}</h1>
      <p class="summary">${localText(c.summary)}</p>
      <div class="facts">
        <span><strong data-testid="campaign-deadline">${deadlineText(c)}</strong></span>
        <span>${t('campaign.owner', { name: orgName(c.owner) })}</span>
        <span>${t('campaign.published', { n: formatNumber(c.stats.published) })}</span>
        <span>${t('campaign.supports', { n: formatNumber(c.stats.supports) })}</span>
      </div>
      <div class="cta">
        ${
          c.acceptsSubmissions
            ? html`<a
                class="btn primary"
                href="/c/${encodeURIComponent(c.slug)}/submit"
                data-testid="campaign-submit"
                >${actionText(c.submissionKind)}</a
              >`
            : html`<div class="notice warning" role="status" data-testid="campaign-not-accepting">
                <p>${t('campaign.notAccepting')}</p>
                ${
                  c.nextPhase
                    ? html`<p>
                        ${t('campaign.nextOpens', {
                          name: localText(c.nextPhase.title),
                          date: formatDay(c.nextPhase.starts),
                        })}
                      </p>`
                    : nothing
                }
              </div>`
        }
        ${
          c.canEdit
            ? html`<a
                class="btn"
                href="/console/campaigns/${encodeURIComponent(c.slug)}"
                data-testid="campaign-edit"
                >${t('campaign.edit')}</a
              >`
            : nothing
        }
      </div>
    </div>`;
  }

  private renderList(_c: Campaign, page: Page<Submission> | undefined, pending: boolean) {
    return html`<div class=${pending ? 'list-pending' : ''} aria-busy=${pending ? 'true' : 'false'}>
      ${
        page
          ? page.items.length === 0
            ? html`<p class="empty" data-testid="submission-list-empty">
                ${t('campaign.listEmpty')}
              </p>`
            : html`<p class="list-total">${t('common.total', { n: formatNumber(page.total) })}</p>
                <div data-testid="submission-list">
                  ${page.items.map((s) => html`<hy-submission-item .submission=${s}></hy-submission-item>`)}
                </div>
                <hy-pagination
                  .page=${page.page}
                  .pageSize=${page.pageSize}
                  .total=${page.total}
                  @hy-page=${(e: CustomEvent<{ page: number }>) =>
                    this.setQuery({ page: String(e.detail.page) })}
                ></hy-pagination>`
          : html`<hy-loading></hy-loading>`
      }
    </div>`;
  }

  private renderSubmissions(c: Campaign) {
    const sort = this.sort;
    const topic = this.topic;
    return html`<section class="card list" aria-labelledby="list-heading">
      <div class="toolbar">
        <h2 id="list-heading">${t(`campaign.list.${c.submissionKind}`)}</h2>
        <div class="segmented" role="group" aria-label=${t('campaign.sort')}>
          ${(['newest', 'supports'] as const).map(
            (s) =>
              html`<button
                type="button"
                aria-pressed=${sort === s ? 'true' : 'false'}
                data-testid="sort-${s}"
                @click=${() => this.setQuery({ sort: s === 'newest' ? null : s, page: null })}
              >
                ${t(`campaign.sort.${s}`)}
              </button>`,
          )}
        </div>
      </div>
      ${
        c.topics.length > 0
          ? html`<div class="chips" role="group" aria-label=${t('campaign.topics')}>
              <button
                type="button"
                class="chip"
                aria-pressed=${topic === null ? 'true' : 'false'}
                data-testid="topic-all"
                @click=${() => this.setQuery({ topic: null, page: null })}
              >
                ${t('campaign.allTopics')}
              </button>
              ${c.topics.map(
                (tp) =>
                  html`<button
                    type="button"
                    class="chip"
                    aria-pressed=${topic === tp.key ? 'true' : 'false'}
                    title=${tp.description ? localText(tp.description) : nothing}
                    data-testid="topic-chip"
                    data-topic=${tp.key}
                    @click=${() => this.setQuery({ topic: tp.key, page: null })}
                  >
                    ${localText(tp.title)}
                  </button>`,
              )}
            </div>`
          : nothing
      }
      ${this.submissions.render({
        initial: () => html`<hy-loading></hy-loading>`,
        pending: () => this.renderList(c, this.submissions.value, true),
        complete: (page) => this.renderList(c, page, false),
        error: (e) =>
          html`<hy-error-box
            .error=${e}
            retry
            @hy-retry=${() => this.submissions.run()}
          ></hy-error-box>`,
      })}
    </section>`;
  }

  private renderCampaign(c: Campaign) {
    return html`${this.renderHead(c)}
      <div class="layout">
        <div class="main">
          <section class="card about" aria-labelledby="about-heading">
            <h2 id="about-heading">${t('campaign.about')}</h2>
            <hy-paragraphs
              data-testid="campaign-description"
              .text=${localText(c.description)}
            ></hy-paragraphs>
          </section>
          <section
            class="card topics"
            aria-labelledby="topics-heading"
            data-testid="campaign-topics"
          >
            <h2 id="topics-heading">${t('topics.title')}</h2>
            <hy-topic-list .slug=${c.slug}></hy-topic-list>
          </section>
          ${this.renderSubmissions(c)}
        </div>
        <aside class="side">
          <section
            class="card adopted"
            aria-labelledby="adopted-heading"
            data-testid="campaign-adopted"
          >
            <h2 id="adopted-heading">${t('adopted.title')}</h2>
            ${this.stories.value?.map(
              (story) => html`<hy-story-card .story=${story}></hy-story-card>`,
            )}
            <p class="small">
              <a
                class="tap"
                href="/c/${encodeURIComponent(c.slug)}/adopted"
                data-testid="campaign-adopted-link"
                >${t('adopted.link')} →</a
              >
            </p>
            <p class="small muted">${t('adopted.linkHint')}</p>
          </section>
          <section class="card phases" aria-labelledby="phases-heading">
            <h2 id="phases-heading">${t('campaign.phases')}</h2>
            <hy-phase-timeline
              .phases=${c.phases}
              .current=${c.currentPhase?.key ?? null}
            ></hy-phase-timeline>
          </section>
          ${
            c.policyDocuments.length > 0
              ? html`<section
                  class="card docs-card"
                  aria-labelledby="docs-heading"
                  data-testid="policy-documents"
                >
                  <h2 id="docs-heading">${t('campaign.policyDocs')}</h2>
                  <p class="small muted">${t('campaign.policyIntro')}</p>
                  <ul class="docs">
                    ${c.policyDocuments.map(
                      (d) =>
                        html`<li>
                          <div class="title">
                            ${
                              d.url
                                ? html`<a
                                    href=${d.url}
                                    target="_blank"
                                    rel="noopener noreferrer external"
                                    >${localText(d.title)}</a
                                  >`
                                : localText(d.title)
                            }
                          </div>
                          <div class="small muted">
                            ${t('campaign.policyIssuer', { issuer: localText(d.issuer), year: d.year })}
                          </div>
                        </li>`,
                    )}
                  </ul>
                </section>`
              : nothing
          }
        </aside>
      </div>`;
  }

  override render() {
    return this.campaign.render({
      initial: () => html`<hy-loading></hy-loading>`,
      pending: () =>
        this.campaign.value?.slug === this.slug
          ? this.renderCampaign(this.campaign.value)
          : html`<hy-loading></hy-loading>`,
      complete: (c) => this.renderCampaign(c),
      error: (e) =>
        e instanceof ApiError && e.code === 'not_found'
          ? html`<div class="card empty" data-testid="campaign-not-found">
              <h1>${t('campaign.notFound')}</h1>
              <a class="btn" href="/">${t('common.backHome')}</a>
            </div>`
          : html`<hy-error-box
              .error=${e}
              retry
              @hy-retry=${() => this.campaign.run()}
            ></hy-error-box>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-campaign': HyPageCampaign;
  }
}
