import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HandlingView } from '../api/types.ts';
import { formatDateTime, t } from '../i18n/index.ts';
import { flagReasonText } from '../lib/handling-text.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-assign-form.ts';
import './hy-draft-list.ts';
import './hy-extension-decision.ts';
import './hy-reply-decision.ts';
import './hy-urgency-form.ts';

/**
 * What a reviewer can do on a submission: approve or return the reply under review, decide an
 * extension request, assign (or reassign) the unit, change the urgency.
 */
@customElement('hy-reviewer-actions')
export class HyReviewerActions extends HyElement {
  @property() submissionId = '';
  @property() ref = '';
  @property({ attribute: false }) view!: HandlingView;

  static override styles = [
    shared,
    css`
      h2 {
        font-size: var(--hy-font-size-lg);
      }
      h3 {
        font-size: var(--hy-font-size);
        margin-top: var(--hy-space-4);
      }
      .pending {
        border: 1px solid var(--hy-color-info);
        border-left-width: 4px;
        border-radius: var(--hy-radius);
        padding: var(--hy-space-3) var(--hy-space-4);
        margin-bottom: var(--hy-space-3);
      }
      .pending .meta {
        margin-bottom: var(--hy-space-2);
      }
      .pending .body {
        line-height: 1.9;
      }
      .more {
        margin-top: var(--hy-space-3);
      }
      hy-draft-list {
        margin-top: var(--hy-space-3);
      }
      @media (max-width: 640px) {
        section.card {
          padding: var(--hy-space-4);
        }
      }
    `,
  ];

  override render() {
    const { handling: h, drafts, actions } = this.view;
    const pending = actions.reviewReply
      ? [...drafts]
          .filter((d) => d.state === 'submitted')
          .sort((a, b) => b.round - a.round || b.version - a.version)[0]
      : undefined;
    return html`<section
      class="card"
      aria-labelledby="reviewer-heading"
      data-testid="reviewer-actions"
    >
      <h2 id="reviewer-heading">${t('review.title')}</h2>
      ${
        h?.flagReason
          ? html`<div class="notice warning" data-testid="flag-reason">
              ${t('triage.flagLine', { reason: flagReasonText(h.flagReason) })}
            </div>`
          : nothing
      }
      ${
        pending
          ? html`<h3>${t('review.pending')}</h3>
              <div class="pending" data-testid="pending-reply" data-id=${pending.id}>
                <div class="meta">
                  <span
                    >${t('drafts.version', { round: pending.round, version: pending.version })}</span
                  >
                  <span>${pending.author}</span>
                  <span>${formatDateTime(pending.submittedAt)}</span>
                  ${pending.office ? html`<span>${pending.office}</span>` : nothing}
                  ${pending.contactPhone ? html`<span>${pending.contactPhone}</span>` : nothing}
                </div>
                <div class="body"><span class="user-text">${pending.body}</span></div>
              </div>
              <hy-reply-decision .replyId=${pending.id} .ref=${this.ref}></hy-reply-decision>
              ${
                drafts.length > 1
                  ? html`<h3>${t('reviews.previous', { n: drafts.length - 1 })}</h3>
                      <hy-draft-list .drafts=${drafts} .exclude=${pending.id}></hy-draft-list>`
                  : nothing
              }`
          : nothing
      }
      ${
        actions.decideExtension && h
          ? html`<h3>${t('extDecision.title')}</h3>
              <hy-extension-decision
                .submissionId=${this.submissionId}
                .days=${h.extension.days ?? 0}
                .reason=${h.extension.reason ?? ''}
              ></hy-extension-decision>`
          : nothing
      }
      ${
        actions.assign
          ? html`<details class="more" ?open=${h?.state === 'unrouted'} data-testid="assign-toggle">
              <summary>${t('assign.title')}</summary>
              <div class="inner">
                <hy-assign-form
                  .submissionId=${this.submissionId}
                  .current=${h?.unit?.code ?? ''}
                ></hy-assign-form>
              </div>
            </details>`
          : nothing
      }
      ${
        actions.changeUrgency && h
          ? html`<details class="more" data-testid="urgency-toggle">
              <summary>${t('urgency.title')}</summary>
              <div class="inner">
                <hy-urgency-form
                  .submissionId=${this.submissionId}
                  .current=${h.urgency}
                ></hy-urgency-form>
              </div>
            </details>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-reviewer-actions': HyReviewerActions;
  }
}
