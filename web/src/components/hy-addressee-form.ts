import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Addressee } from '../api/boards.ts';
import { correctAddressee } from '../api/handling.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-addressee-picker.ts';

const REASON_MIN = 2;
const REASON_MAX = 1000;

/**
 * A reviewer corrects whom a board message is written to, with a reason on the timeline: the
 * leaders whose jurisdiction holds the message's place, as the writer was offered them.
 */
@customElement('hy-addressee-form')
export class HyAddresseeForm extends HyElement {
  @property() submissionId = '';
  /** The message's place (division code). */
  @property() region: string | null = null;
  /** The campaign's regions (a division code prefix). */
  @property() within = '';
  /** Whom it is written to now (its key), or ''. */
  @property() current = '';

  @state() private chosen: Addressee | null = null;
  @state() private reason = '';
  @state() private errors: { addressee?: string; reason?: string } = {};
  @state() private error = '';
  @state() private sending = false;

  static override styles = [shared, css``];

  private async send(e: Event) {
    e.preventDefault();
    const reason = this.reason.trim();
    const errors: typeof this.errors = {};
    if (!this.chosen) errors.addressee = t('addresseeFix.choose');
    else if (this.chosen.key === this.current) errors.addressee = t('addresseeFix.same');
    if ([...reason].length < REASON_MIN)
      errors.reason = t('submit.error.tooShort', { min: REASON_MIN });
    else if ([...reason].length > REASON_MAX)
      errors.reason = t('submit.error.tooLong', { max: REASON_MAX });
    this.errors = errors;
    this.error = '';
    if (errors.addressee || errors.reason) return;
    this.sending = true;
    try {
      await correctAddressee(this.submissionId, { addressee: this.chosen!.key, reason });
      this.chosen = null;
      this.reason = '';
      this.dispatchEvent(hyEvent('hy-handling-changed', { message: t('addresseeFix.done') }));
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  override render() {
    return html`<form novalidate @submit=${this.send} data-testid="addressee-form">
      <hy-addressee-picker
        .region=${this.region}
        .within=${this.within}
        required
        .value=${this.chosen}
        .error=${this.errors.addressee ?? ''}
        @hy-addressee-change=${(e: CustomEvent<{ addressee: Addressee | null }>) => {
          this.chosen = e.detail.addressee;
          this.errors = { ...this.errors, addressee: undefined };
        }}
      ></hy-addressee-picker>
      <div class="field">
        <label for="addressee-reason"
          >${t('addresseeFix.reason')}<span class="req" aria-hidden="true">*</span></label
        >
        <input
          id="addressee-reason"
          type="text"
          data-testid="addressee-reason"
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
      ${
        this.error
          ? html`<div class="notice error" role="alert" data-testid="addressee-failed">
              ${this.error}
            </div>`
          : nothing
      }
      <div class="actions">
        <button class="btn" type="submit" ?disabled=${this.sending} data-testid="addressee-send">
          ${this.sending ? t('common.sending') : t('addresseeFix.send')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-addressee-form': HyAddresseeForm;
  }
}
