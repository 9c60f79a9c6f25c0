import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { requestExtension } from '../api/handling.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

const REASON_MIN = 2;
const REASON_MAX = 1000;

/** The holding unit asks once for 1–30 more working days, saying why; a reviewer decides. */
@customElement('hy-extension-form')
export class HyExtensionForm extends HyElement {
  @property() submissionId = '';

  @state() private days = '5';
  @state() private reason = '';
  @state() private errors: { days?: string; reason?: string } = {};
  @state() private error = '';
  @state() private sending = false;

  static override styles = [
    shared,
    css`
      input[type='number'] {
        max-width: 10em;
      }
    `,
  ];

  private async send(e: Event) {
    e.preventDefault();
    const days = Number(this.days);
    const reason = this.reason.trim();
    const errors: typeof this.errors = {};
    if (!Number.isInteger(days) || days < 1 || days > 30) errors.days = t('extension.daysInvalid');
    if ([...reason].length < REASON_MIN)
      errors.reason = t('submit.error.tooShort', { min: REASON_MIN });
    else if ([...reason].length > REASON_MAX)
      errors.reason = t('submit.error.tooLong', { max: REASON_MAX });
    this.errors = errors;
    this.error = '';
    if (errors.days || errors.reason) return;
    this.sending = true;
    try {
      await requestExtension(this.submissionId, { days, reason });
      this.reason = '';
      this.dispatchEvent(hyEvent('hy-handling-changed', { message: t('extension.sent') }));
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  override render() {
    return html`<form novalidate @submit=${this.send} data-testid="extension-form">
      <div class="field">
        <label for="ext-days"
          >${t('extension.days')}<span class="req" aria-hidden="true">*</span></label
        >
        <input
          id="ext-days"
          type="number"
          inputmode="numeric"
          min="1"
          max="30"
          step="1"
          data-testid="extension-days"
          .value=${this.days}
          aria-invalid=${this.errors.days ? 'true' : 'false'}
          aria-describedby="ext-days-hint"
          @input=${(e: Event) => {
            this.days = (e.target as HTMLInputElement).value;
            this.errors = { ...this.errors, days: undefined };
          }}
        />
        <span class="hint" id="ext-days-hint">${t('extension.daysHint')}</span>
        ${
          this.errors.days
            ? html`<div class="field-error" role="alert">${this.errors.days}</div>`
            : nothing
        }
      </div>
      <div class="field">
        <label for="ext-reason"
          >${t('extension.reason')}<span class="req" aria-hidden="true">*</span></label
        >
        <textarea
          id="ext-reason"
          data-testid="extension-reason"
          maxlength=${REASON_MAX}
          .value=${this.reason}
          aria-invalid=${this.errors.reason ? 'true' : 'false'}
          @input=${(e: Event) => {
            this.reason = (e.target as HTMLTextAreaElement).value;
            this.errors = { ...this.errors, reason: undefined };
          }}
        ></textarea>
        ${
          this.errors.reason
            ? html`<div class="field-error" role="alert">${this.errors.reason}</div>`
            : nothing
        }
      </div>
      ${
        this.error
          ? html`<div class="notice error" role="alert" data-testid="extension-failed">
              ${this.error}
            </div>`
          : nothing
      }
      <div class="actions">
        <button class="btn" type="submit" data-testid="extension-send" ?disabled=${this.sending}>
          ${this.sending ? t('common.sending') : t('extension.send')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-extension-form': HyExtensionForm;
  }
}
