import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { ReturnReason } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import { returnReasons } from '../../../schema/states.ts';

const MIN = 2;
const MAX = 2000;

/**
 * 退回回复: modal asking a reviewer why a reply goes back to the unit — one reason from the closed
 * list and a note saying what to fix (2–2000 characters; the unit sees both).
 * Fires hy-return-confirm, or hy-dialog-cancel.
 */
@customElement('hy-return-dialog')
export class HyReturnDialog extends HyElement {
  @property({ type: Boolean }) open = false;
  /** Reference number of the submission, shown in the title. */
  @property() ref = '';

  @state() private reason: ReturnReason | '' = '';
  @state() private note = '';
  @state() private errors: { reason?: string; note?: string } = {};

  @query('dialog') private dialog!: HTMLDialogElement;

  static override styles = [
    shared,
    css`
      dialog {
        width: min(600px, calc(100vw - 24px));
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
      fieldset {
        border: 0;
        padding: 0;
        margin: 0 0 var(--hy-space-4);
        min-width: 0;
      }
      legend {
        font-weight: 600;
        font-size: var(--hy-font-size-sm);
        padding: 0;
        margin-bottom: var(--hy-space-1);
      }
      .reasons {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
        gap: 0 var(--hy-space-3);
      }
      .actions {
        justify-content: flex-end;
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
      this.note = '';
      this.errors = {};
      this.dialog.showModal();
      this.renderRoot.querySelector<HTMLInputElement>('input[type=radio]')?.focus();
    } else if (!this.open && this.dialog.open) {
      this.dialog.close();
    }
  }

  private cancel() {
    this.dispatchEvent(hyEvent('hy-dialog-cancel', undefined));
  }

  private confirm(e: Event) {
    e.preventDefault();
    const note = this.note.trim();
    const errors: typeof this.errors = {};
    if (!this.reason) errors.reason = t('returnDialog.chooseReason');
    if ([...note].length < MIN) errors.note = t('submit.error.tooShort', { min: MIN });
    else if ([...note].length > MAX) errors.note = t('submit.error.tooLong', { max: MAX });
    this.errors = errors;
    if (errors.reason || errors.note || !this.reason) {
      this.renderRoot
        .querySelector<HTMLElement>(errors.reason ? 'input[type=radio]' : 'textarea')
        ?.focus();
      return;
    }
    this.dispatchEvent(hyEvent('hy-return-confirm', { reason: this.reason, note }));
  }

  override render() {
    return html`<dialog
      aria-labelledby="return-title"
      data-testid="return-dialog"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.cancel();
      }}
    >
      <form novalidate @submit=${this.confirm}>
        <h2 id="return-title">${t('returnDialog.title', { ref: this.ref })}</h2>
        <fieldset aria-describedby=${this.errors.reason ? 'reason-error' : nothing}>
          <legend>${t('returnDialog.reason')}<span class="req" aria-hidden="true">*</span></legend>
          <div class="reasons">
            ${returnReasons.map(
              (r) =>
                html`<label class="check">
                  <input
                    type="radio"
                    name="reason"
                    value=${r}
                    data-testid="return-reason-${r}"
                    .checked=${this.reason === r}
                    @change=${() => {
                      this.reason = r;
                      this.errors = { ...this.errors, reason: undefined };
                    }}
                  />
                  <span>${t(`returnReason.${r}`)}</span>
                </label>`,
            )}
          </div>
          ${
            this.errors.reason
              ? html`<div class="field-error" id="reason-error" role="alert">
                  ${this.errors.reason}
                </div>`
              : nothing
          }
        </fieldset>
        <div class="field">
          <label for="note"
            >${t('returnDialog.note')}<span class="req" aria-hidden="true">*</span></label
          >
          <textarea
            id="note"
            data-testid="return-note"
            maxlength=${MAX}
            .value=${this.note}
            aria-invalid=${this.errors.note ? 'true' : 'false'}
            aria-describedby="note-hint ${this.errors.note ? 'note-error' : ''}"
            @input=${(e: Event) => {
              this.note = (e.target as HTMLTextAreaElement).value;
              this.errors = { ...this.errors, note: undefined };
            }}
          ></textarea>
          <div class="counter">
            <span class="hint" id="note-hint">${t('returnDialog.noteHint')}</span>
            · ${[...this.note.trim()].length} / ${MAX}
          </div>
          ${
            this.errors.note
              ? html`<div
                  class="field-error"
                  id="note-error"
                  role="alert"
                  data-testid="return-error"
                >
                  ${this.errors.note}
                </div>`
              : nothing
          }
        </div>
        <div class="actions">
          <button class="btn" type="button" data-testid="return-cancel" @click=${this.cancel}>
            ${t('common.cancel')}
          </button>
          <button class="btn danger solid" type="submit" data-testid="return-confirm">
            ${t('returnDialog.confirm')}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-return-dialog': HyReturnDialog;
  }
}
