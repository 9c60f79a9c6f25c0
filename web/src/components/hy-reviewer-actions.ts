import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { replyQueue } from '../api/handling.ts';
import type { HandlingView, ReplyDraft, ReplyQuality, Topic } from '../api/types.ts';
import { formatDateTime, t } from '../i18n/index.ts';
import { flagReasonText } from '../lib/handling-text.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-addressee-form.ts';
import './hy-assign-form.ts';
import './hy-draft-list.ts';
import './hy-extension-decision.ts';
import './hy-reply-decision.ts';
import './hy-reply-quality.ts';
import './hy-routing-proposal.ts';
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
  /** The campaign's topics (for the routing proposal and the assign form's topic). */
  @property({ attribute: false }) topics: Topic[] = [];
  /** The submission's topic key now ('' for none). */
  @property() currentTopic = '';
  /**
   * A board message (the campaign's form takes an addressee): its place, the campaign's regions
   * and whom it is written to now ('' for nobody), for the correction form. Null: no such form.
   */
  @property({ attribute: false }) addressee: {
    region: string | null;
    within: string;
    current: string;
  } | null = null;

  /**
   * The 敷衍风险 of the reply under review: sent with the draft when the server does, else
   * found in the reply review queue (which scores every reply it lists).
   */
  private readonly quality = new Task(this, {
    task: async ([draft], { signal }): Promise<ReplyQuality | null> => {
      if (!draft) return null;
      if (draft.quality) return draft.quality;
      for (let page = 1; page <= 5; page++) {
        const p = await replyQueue(page, signal);
        const hit = p.items.find((i) => i.reply.id === draft.id);
        if (hit) return hit.reply.quality ?? null;
        if (page * p.pageSize >= p.total) break;
      }
      return null;
    },
    args: () => [this.pendingDraft] as const,
    argsEqual: ([a], [b]) => a?.id === b?.id,
  });

  private get pendingDraft(): ReplyDraft | undefined {
    if (!this.view?.actions.reviewReply) return undefined;
    return [...this.view.drafts]
      .filter((d) => d.state === 'submitted')
      .sort((a, b) => b.round - a.round || b.version - a.version)[0];
  }

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
      hy-routing-proposal,
      hy-reply-quality {
        margin-bottom: var(--hy-space-3);
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
    const pending = this.pendingDraft;
    const proposal = this.view.proposal ?? null;
    return html`<section
      class="card"
      aria-labelledby="reviewer-heading"
      data-testid="reviewer-actions"
    >
      <h2 id="reviewer-heading">${t('review.title')}</h2>
      ${
        proposal
          ? html`<hy-routing-proposal
              .proposal=${proposal}
              .topics=${this.topics}
              ?routed=${!!h?.unit && h.state !== 'unrouted'}
            ></hy-routing-proposal>`
          : nothing
      }
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
              ${
                this.quality.value
                  ? html`<hy-reply-quality .quality=${this.quality.value}></hy-reply-quality>`
                  : nothing
              }
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
                  .topics=${this.topics}
                  .currentTopic=${this.currentTopic}
                  .proposedTopic=${proposal?.topic ?? ''}
                ></hy-assign-form>
              </div>
            </details>`
          : nothing
      }
      ${
        this.addressee
          ? html`<details class="more" data-testid="addressee-toggle">
              <summary>${t('addresseeFix.title')}</summary>
              <div class="inner">
                <hy-addressee-form
                  .submissionId=${this.submissionId}
                  .region=${this.addressee.region}
                  .within=${this.addressee.within}
                  .current=${this.addressee.current}
                ></hy-addressee-form>
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
