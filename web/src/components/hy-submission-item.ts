import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Submission } from '../api/types.ts';
import { formatDate, formatNumber, localText, t } from '../i18n/index.ts';
import { addresseeName } from '../lib/addressee-text.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-same-text-badge.ts';
import './hy-status-badge.ts';

/**
 * A published submission in a campaign's list: title, excerpt, who, to whom, where, when,
 * supports. On a board (`replyStatus`) every item says whether it is answered yet.
 */
@customElement('hy-submission-item')
export class HySubmissionItem extends HyElement {
  @property({ attribute: false }) submission!: Submission;
  /** Show the reply status (待答复 / 已答复 / 已办结) even before an answer. */
  @property({ type: Boolean }) replyStatus = false;

  static override styles = [
    shared,
    css`
      article {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: var(--hy-space-2) var(--hy-space-4);
        padding: var(--hy-space-4) 0;
        border-bottom: 1px solid var(--hy-color-border);
      }
      h3 {
        font-size: var(--hy-font-size);
        margin: 0;
        overflow-wrap: anywhere;
      }
      h3 a {
        color: var(--hy-color-text);
        text-decoration: none;
      }
      h3 a:hover {
        color: var(--hy-color-accent);
        text-decoration: underline;
      }
      .excerpt {
        grid-column: 1 / -1;
        margin: 0;
        color: var(--hy-color-text-muted);
        font-size: var(--hy-font-size-sm);
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
        overflow-wrap: anywhere;
      }
      .meta {
        grid-column: 1 / -1;
      }
      .count {
        text-align: right;
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
        white-space: nowrap;
      }
      .reply {
        font-weight: 600;
      }
      .reply.published {
        color: var(--hy-color-warning);
      }
      .reply.answered,
      .reply.closed {
        color: var(--hy-color-success);
      }
      .to {
        color: var(--hy-color-text);
      }
      .count strong {
        display: block;
        font-size: var(--hy-font-size-lg);
        color: var(--hy-color-accent);
        line-height: 1.2;
      }
    `,
  ];

  private renderReplyStatus() {
    const status = this.submission.status;
    if (!this.replyStatus) return nothing;
    if (status !== 'published' && status !== 'answered' && status !== 'closed') return nothing;
    return html`<span class="reply ${status}" data-testid="reply-status" data-status=${status}
      >${t(`boards.status.${status}`)}</span
    >`;
  }

  override render() {
    const s = this.submission;
    return html`<article data-testid="submission-item" data-id=${s.id}>
      <h3>
        <a class="tap" href="/s/${encodeURIComponent(s.id)}" data-testid="submission-link"
          >${s.title}</a
        >
      </h3>
      <div class="count" data-testid="submission-item-supports">
        <strong>${formatNumber(s.supportCount)}</strong>${t('submission.support')}
      </div>
      <p class="excerpt">${s.body}</p>
      <div class="meta">
        ${this.renderReplyStatus()}
        <span>${s.author?.displayName ?? t('common.anonymous')}</span>
        ${
          s.addressee
            ? html`<span class="to" data-testid="submission-item-addressee"
                >${t('addressee.to', { name: addresseeName(s.addressee) })}</span
              >`
            : nothing
        }
        ${s.region ? html`<span>${s.region.name}</span>` : nothing}
        ${s.topic ? html`<span>${localText(s.topic.title)}</span>` : nothing}
        <span>${formatDate(s.publishedAt ?? s.createdAt)}</span>
        ${s.status !== 'published' && !this.replyStatus ? html`<hy-status-badge status=${s.status}></hy-status-badge>` : nothing}
        ${s.sameText > 1 ? html`<hy-same-text-badge .count=${s.sameText}></hy-same-text-badge>` : nothing}
      </div>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-submission-item': HySubmissionItem;
  }
}
