import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { transfer } from '../api/handling.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { hyEvent, type UnitEventDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { loadOrganisations, unitLabel } from '../lib/orgs.ts';
import { shared } from '../styles/shared.ts';
import './hy-unit-picker.ts';

const REASON_MIN = 2;
const REASON_MAX = 1000;

/**
 * 转办: the holding unit passes the matter to another unit with a reason. The server may refuse
 * to carry it out (a bounce) and hand it to a reviewer instead; the message says which happened.
 */
@customElement('hy-transfer-form')
export class HyTransferForm extends HyElement {
  @property() submissionId = '';
  /** Code of the unit holding it now (not offered). */
  @property() current = '';

  @state() private unit = '';
  @state() private reason = '';
  @state() private errors: { unit?: string; reason?: string } = {};
  @state() private error = '';
  @state() private sending = false;

  static override styles = [shared];

  private async send(e: Event) {
    e.preventDefault();
    const reason = this.reason.trim();
    const errors: typeof this.errors = {};
    if (!this.unit) errors.unit = t('assign.chooseUnit');
    else if (this.unit === this.current) errors.unit = t('transfer.sameUnit');
    if ([...reason].length < REASON_MIN)
      errors.reason = t('submit.error.tooShort', { min: REASON_MIN });
    else if ([...reason].length > REASON_MAX)
      errors.reason = t('submit.error.tooLong', { max: REASON_MAX });
    this.errors = errors;
    this.error = '';
    if (errors.unit || errors.reason) return;
    this.sending = true;
    try {
      const after = await transfer(this.submissionId, { unit: this.unit, reason });
      await loadOrganisations().catch(() => undefined);
      const flagged = after.handling?.state === 'unrouted';
      const message = flagged
        ? t('transfer.flagged')
        : t('transfer.done', { unit: unitLabel(after.handling?.unit ?? null) });
      this.unit = '';
      this.reason = '';
      this.dispatchEvent(
        hyEvent('hy-handling-changed', { message, tone: flagged ? 'warning' : 'success' }),
      );
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  override render() {
    return html`<form novalidate @submit=${this.send} data-testid="transfer-form">
      <p class="hint">${t('transfer.hint')}</p>
      <div class="field">
        <hy-unit-picker
          .label=${t('transfer.unit')}
          .value=${this.unit}
          .exclude=${this.current}
          .error=${this.errors.unit ?? ''}
          required
          testid="transfer-unit"
          @hy-unit-change=${(e: CustomEvent<UnitEventDetail>) => {
            this.unit = e.detail.code;
            this.errors = { ...this.errors, unit: undefined };
          }}
        ></hy-unit-picker>
      </div>
      <div class="field">
        <label for="transfer-reason"
          >${t('transfer.reason')}<span class="req" aria-hidden="true">*</span></label
        >
        <textarea
          id="transfer-reason"
          data-testid="transfer-reason"
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
          ? html`<div class="notice error" role="alert" data-testid="transfer-failed">
              ${this.error}
            </div>`
          : nothing
      }
      <div class="actions">
        <button class="btn" type="submit" data-testid="transfer-send" ?disabled=${this.sending}>
          ${this.sending ? t('common.sending') : t('transfer.send')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-transfer-form': HyTransferForm;
  }
}
