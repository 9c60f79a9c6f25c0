import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { changeUrgency } from '../api/handling.ts';
import type { Urgency } from '../api/types.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import { urgencies } from '../../../schema/states.ts';

const REASON_MIN = 2;
const REASON_MAX = 1000;

/** A reviewer raises or lowers urgency (轻重缓急) with a reason; the due date follows. */
@customElement('hy-urgency-form')
export class HyUrgencyForm extends HyElement {
  @property() submissionId = '';
  @property() current: Urgency = 'normal';

  @state() private urgency: Urgency | '' = '';
  @state() private reason = '';
  @state() private errors: { urgency?: string; reason?: string } = {};
  @state() private error = '';
  @state() private sending = false;

  static override styles = [
    shared,
    css`
      .row {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 2fr);
        gap: 0 var(--hy-space-4);
      }
      @media (max-width: 640px) {
        .row {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  private async send(e: Event) {
    e.preventDefault();
    const urgency = this.urgency || (this.current === 'urgent' ? 'normal' : 'urgent');
    const reason = this.reason.trim();
    const errors: typeof this.errors = {};
    if (urgency === this.current) errors.urgency = t('urgency.same');
    if ([...reason].length < REASON_MIN)
      errors.reason = t('submit.error.tooShort', { min: REASON_MIN });
    else if ([...reason].length > REASON_MAX)
      errors.reason = t('submit.error.tooLong', { max: REASON_MAX });
    this.errors = errors;
    this.error = '';
    if (errors.urgency || errors.reason) return;
    this.sending = true;
    try {
      await changeUrgency(this.submissionId, { urgency, reason });
      this.urgency = '';
      this.reason = '';
      this.dispatchEvent(hyEvent('hy-handling-changed', { message: t('urgency.done') }));
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  override render() {
    const selected = this.urgency || (this.current === 'urgent' ? 'normal' : 'urgent');
    return html`<form novalidate @submit=${this.send} data-testid="urgency-form">
      <div class="row">
        <div class="field">
          <label for="urgency">${t('handling.urgency')}</label>
          <select
            id="urgency"
            data-testid="urgency-value"
            aria-invalid=${this.errors.urgency ? 'true' : 'false'}
            @change=${(e: Event) => {
              this.urgency = (e.target as HTMLSelectElement).value as Urgency;
              this.errors = { ...this.errors, urgency: undefined };
            }}
          >
            ${urgencies.map(
              (u) =>
                html`<option value=${u} ?selected=${selected === u}>${t(`urgency.${u}`)}</option>`,
            )}
          </select>
          ${
            this.errors.urgency
              ? html`<div class="field-error" role="alert">${this.errors.urgency}</div>`
              : nothing
          }
        </div>
        <div class="field">
          <label for="urgency-reason"
            >${t('urgency.reason')}<span class="req" aria-hidden="true">*</span></label
          >
          <input
            id="urgency-reason"
            type="text"
            data-testid="urgency-reason"
            maxlength=${REASON_MAX}
            .value=${this.reason}
            aria-invalid=${this.errors.reason ? 'true' : 'false'}
            @input=${(e: Event) => {
              this.reason = (e.target as HTMLInputElement).value;
              this.errors = { ...this.errors, reason: undefined };
            }}
          />
          ${
            this.errors.reason
              ? html`<div class="field-error" role="alert">${this.errors.reason}</div>`
              : nothing
          }
        </div>
      </div>
      ${
        this.error
          ? html`<div class="notice error" role="alert" data-testid="urgency-failed">
              ${this.error}
            </div>`
          : nothing
      }
      <div class="actions">
        <button class="btn" type="submit" data-testid="urgency-send" ?disabled=${this.sending}>
          ${this.sending ? t('common.sending') : t('urgency.send')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-urgency-form': HyUrgencyForm;
  }
}
