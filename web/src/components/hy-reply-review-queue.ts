import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { replyQueue } from '../api/handling.ts';
import type { Page, ReplyQueueItem } from '../api/types.ts';
import { formatDate, formatDateTime, formatNumber, localText, t } from '../i18n/index.ts';
import type { HandlingChangedDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { OrganisationsController, unitLabel } from '../lib/orgs.ts';
import { unread } from '../lib/unread.ts';
import { queueFrame, queueStyles } from '../lib/queue-frame.ts';
import { shared } from '../styles/shared.ts';
import './hy-draft-list.ts';
import './hy-error-box.ts';
import './hy-loading.ts';
import './hy-pagination.ts';
import './hy-reply-decision.ts';
import './hy-reply-quality.ts';

/**
 * 回复审核: replies waiting for a reviewer, oldest first. The citizen's message and the proposed
 * reply side by side, earlier drafts with their return reasons below; approve or 退回回复.
 */
@customElement('hy-reply-review-queue')
export class HyReplyReviewQueue extends HyElement {
  @state() private page = 1;
  @state() private reload = 0;
  /** Reply ids decided on this page since it was loaded. */
  @state() private removed = new Set<string>();
  @state() private status = '';

  private readonly orgs = new OrganisationsController(this);

  private readonly queue = new Task(this, {
    task: ([page], { signal }) => replyQueue(page, signal),
    args: () => [this.page, this.reload] as const,
    onComplete: () => (this.removed = new Set()),
  });

  static override styles = [
    shared,
    queueStyles,
    css`
      ul {
        gap: var(--hy-space-5);
      }
      .sides {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: var(--hy-space-4);
        margin-bottom: var(--hy-space-3);
      }
      .side {
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius);
        padding: var(--hy-space-3);
        min-width: 0;
        display: flex;
        flex-direction: column;
      }
      .side.reply {
        border-color: var(--hy-color-info);
        background: var(--hy-color-info-soft);
      }
      h4 {
        margin: 0 0 var(--hy-space-2);
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
      }
      .body {
        max-height: 22em;
        overflow: auto;
        line-height: 1.8;
        flex: 1;
      }
      .contact {
        margin-top: var(--hy-space-2);
        padding-top: var(--hy-space-2);
        border-top: 1px dashed var(--hy-color-border-strong);
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-1) var(--hy-space-3);
      }
      details.more,
      hy-reply-quality {
        margin-bottom: var(--hy-space-3);
      }
      @media (max-width: 900px) {
        .sides {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  private decided(item: ReplyQueueItem, e: CustomEvent<HandlingChangedDetail>) {
    e.stopPropagation();
    this.removed = new Set([...this.removed, item.reply.id]);
    this.status = `${item.submission.ref} · ${e.detail.message}`;
    void unread.refresh();
  }

  private renderItem(item: ReplyQueueItem) {
    const { reply: r, submission: s, handling: v } = item;
    const h = v.handling;
    const earlier = v.drafts.filter((d) => d.id !== r.id);
    const anyReturned = earlier.some((d) => d.state === 'returned');
    return html`<li class="card" data-testid="review-item" data-id=${r.id} data-submission=${s.id}>
      <div class="meta">
        <span class="ref">${s.ref}</span>
        <span>${localText(s.campaign.title)}</span>
        ${r.unit ? html`<span data-testid="review-unit">${unitLabel(r.unit)}</span>` : nothing}
        <span>${t('drafts.version', { round: r.round, version: r.version })}</span>
        ${
          h?.dueAt
            ? html`<span class=${h.overdue ? 'overdue' : ''}
                >${t('inbox.due', { date: formatDate(h.dueAt) })}${
                  h.overdue ? ` · ${t('handling.overdue')}` : ''
                }</span
              >`
            : nothing
        }
        ${h?.urgency === 'urgent' ? html`<span class="tag danger">${t('urgency.urgent')}</span>` : nothing}
      </div>
      <h3>
        <a href="/s/${encodeURIComponent(s.id)}" data-testid="review-link">${s.title}</a>
      </h3>
      <div class="sides">
        <section class="side">
          <h4>${t('reviews.question')}</h4>
          <div class="body" data-testid="review-question">
            <span class="user-text">${s.body}</span>
          </div>
          <div class="contact">
            <span>${s.author?.displayName ?? t('common.anonymous')}</span>
            ${s.region ? html`<span>${s.region.name}</span>` : nothing}
            <span>${formatDate(s.createdAt)}</span>
          </div>
        </section>
        <section class="side reply">
          <h4>${t('reviews.reply')}</h4>
          <div class="body" data-testid="review-reply">
            <span class="user-text">${r.body}</span>
          </div>
          <div class="contact">
            ${r.office ? html`<span>${r.office}</span>` : nothing}
            ${r.contactPhone ? html`<span>${r.contactPhone}</span>` : nothing}
            <span>${r.author}</span>
            <span>${formatDateTime(r.submittedAt)}</span>
          </div>
        </section>
      </div>
      ${r.quality ? html`<hy-reply-quality .quality=${r.quality}></hy-reply-quality>` : nothing}
      ${
        earlier.length > 0
          ? html`<details class="more" ?open=${anyReturned} data-testid="review-previous">
              <summary>${t('reviews.previous', { n: earlier.length })}</summary>
              <div class="inner">
                <hy-draft-list .drafts=${earlier}></hy-draft-list>
              </div>
            </details>`
          : nothing
      }
      <hy-reply-decision
        .replyId=${r.id}
        .ref=${s.ref}
        @hy-handling-changed=${(e: CustomEvent<HandlingChangedDetail>) => this.decided(item, e)}
      ></hy-reply-decision>
    </li>`;
  }

  private renderQueue(p: Page<ReplyQueueItem>) {
    const items = p.items.filter((i) => !this.removed.has(i.reply.id));
    return html`${
        items.length === 0
          ? html`<div class="card empty" data-testid="review-empty">${t('reviews.empty')}</div>`
          : html`<ul data-testid="review-list">
              ${items.map((i) => this.renderItem(i))}
            </ul>`
      }
      <hy-pagination
        .page=${p.page}
        .pageSize=${p.pageSize}
        .total=${p.total}
        @hy-page=${(e: CustomEvent<{ page: number }>) => (this.page = e.detail.page)}
      ></hy-pagination>`;
  }

  override render() {
    const p = this.queue.value;
    const left = p ? Math.max(0, p.total - this.removed.size) : null;
    return queueFrame({
      id: 'review',
      count: left === null ? null : t('reviews.count', { n: formatNumber(left) }),
      status: this.status,
      onRefresh: () => this.reload++,
      task: this.queue,
      body: (page) => this.renderQueue(page),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-reply-review-queue': HyReplyReviewQueue;
  }
}
