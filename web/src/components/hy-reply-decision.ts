import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { approveReply, returnReply } from '../api/handling.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { hyEvent, type ReturnEventDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-return-dialog.ts';

/**
 * A reviewer's decision on a reply: approve (it goes public, the author is told) or 退回回复
 * with a reason and a note (it goes back to the unit). Fires hy-handling-changed when done.
 */
@customElement('hy-reply-decision')
export class HyReplyDecision extends HyElement {
  @property() replyId = '';
  /** The submission's reference number, for the dialog's title. */
  @property() ref = '';

  @state() private returning = false;
  @state() private error = '';
  @state() private sending = false;

  static override styles = [
    shared,
    css`
      .actions {
        justify-content: flex-end;
      }
      @media (max-width: 640px) {
        .actions .btn {
          flex: 1;
        }
      }
    `,
  ];

  private async approve() {
    this.error = '';
    this.sending = true;
    try {
      await approveReply(this.replyId);
      this.dispatchEvent(hyEvent('hy-handling-changed', { message: t('review.approved') }));
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  private async sendReturn(detail: ReturnEventDetail) {
    this.returning = false;
    this.error = '';
    this.sending = true;
    try {
      await returnReply(this.replyId, detail);
      this.dispatchEvent(hyEvent('hy-handling-changed', { message: t('review.returned') }));
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  override render() {
    return html`${
        this.error
          ? html`<div class="notice error" role="alert" data-testid="review-failed">
              ${this.error}
            </div>`
          : nothing
      }
      <div class="actions">
        <button
          class="btn danger"
          type="button"
          data-testid="review-return"
          ?disabled=${this.sending}
          @click=${() => (this.returning = true)}
        >
          ${t('review.return')}
        </button>
        <button
          class="btn primary"
          type="button"
          data-testid="review-approve"
          ?disabled=${this.sending}
          @click=${this.approve}
        >
          ${t('review.approve')}
        </button>
      </div>
      <hy-return-dialog
        .open=${this.returning}
        .ref=${this.ref}
        @hy-dialog-cancel=${(e: Event) => {
          e.stopPropagation();
          this.returning = false;
        }}
        @hy-return-confirm=${(e: CustomEvent<ReturnEventDetail>) => {
          e.stopPropagation();
          void this.sendReturn(e.detail);
        }}
      ></hy-return-dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-reply-decision': HyReplyDecision;
  }
}
