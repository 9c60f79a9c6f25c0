import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

const MIN = 2;
const MAX = 500;

/**
 * Modal asking a reviewer why a submission is rejected (2–500 characters, the author sees it).
 * Fires hy-reject-confirm with the reason, or hy-dialog-cancel.
 */
@customElement('hy-reject-dialog')
export class HyRejectDialog extends HyElement {
  @property({ type: Boolean }) open = false;
  /** Reference number of the submission, shown in the title. */
  @property() ref = '';

  @state() private reason = '';
  @state() private error = '';

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('textarea') private textarea!: HTMLTextAreaElement;

  static override styles = [
    shared,
    css`
      dialog {
        width: min(560px, calc(100vw - 24px));
        max-height: calc(100vh - 24px);
        border: 0;
        border-radius: var(--hy-radius-lg);
        padding: var(--hy-space-5);
        box-shadow: var(--hy-shadow-lg);
        color: var(--hy-color-text);
      }
      dialog::backdrop {
        background: rgb(15 20 25 / 45%);
      }
      h2 {
        font-size: var(--hy-font-size-lg);
        overflow-wrap: anywhere;
      }
      .actions {
        justify-content: flex-end;
      }
      .count {
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-text-muted);
        text-align: right;
      }
      @media (max-width: 640px) {
        dialog {
          padding: var(--hy-space-4);
        }
        .actions .btn {
          flex: 1;
        }
      }
    `,
  ];

  protected override updated(changed: PropertyValues): void {
    if (!changed.has('open')) return;
    if (this.open && !this.dialog.open) {
      this.reason = '';
      this.error = '';
      this.dialog.showModal();
      this.textarea.focus();
    } else if (!this.open && this.dialog.open) {
      this.dialog.close();
    }
  }

  private cancel() {
    this.dispatchEvent(hyEvent('hy-dialog-cancel', undefined));
  }

  private confirm(e: Event) {
    e.preventDefault();
    const reason = this.reason.trim();
    if (reason.length < MIN || reason.length > MAX) {
      this.error =
        reason.length < MIN
          ? t('submit.error.tooShort', { min: MIN })
          : t('submit.error.tooLong', { max: MAX });
      this.textarea.focus();
      return;
    }
    this.dispatchEvent(hyEvent('hy-reject-confirm', { reason }));
  }

  override render() {
    return html`<dialog
      aria-labelledby="reject-title"
      data-testid="reject-dialog"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.cancel();
      }}
    >
      <form novalidate @submit=${this.confirm}>
        <h2 id="reject-title">${t('moderation.rejectTitle', { ref: this.ref })}</h2>
        <div class="field">
          <label for="reason"
            >${t('moderation.reason')}<span class="req" aria-hidden="true">*</span></label
          >
          <textarea
            id="reason"
            data-testid="reject-reason"
            required
            minlength=${MIN}
            maxlength=${MAX}
            .value=${this.reason}
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby="reason-hint ${this.error ? 'reason-error' : ''}"
            @input=${(e: Event) => {
              this.reason = (e.target as HTMLTextAreaElement).value;
              this.error = '';
            }}
          ></textarea>
          <div class="count">
            <span class="hint" id="reason-hint">${t('moderation.reasonHint')}</span>
            · ${this.reason.trim().length} / ${MAX}
          </div>
          ${
            this.error
              ? html`<div
                  class="field-error"
                  id="reason-error"
                  role="alert"
                  data-testid="reject-error"
                >
                  ${this.error}
                </div>`
              : nothing
          }
        </div>
        <div class="actions">
          <button class="btn" type="button" data-testid="reject-cancel" @click=${this.cancel}>
            ${t('common.cancel')}
          </button>
          <button class="btn danger solid" type="submit" data-testid="reject-confirm">
            ${t('moderation.confirmReject')}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-reject-dialog': HyRejectDialog;
  }
}
