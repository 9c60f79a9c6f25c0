import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { assign } from '../api/handling.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { hyEvent, type UnitEventDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { loadOrganisations, unitLabel } from '../lib/orgs.ts';
import { shared } from '../styles/shared.ts';
import './hy-unit-picker.ts';

const REASON_MAX = 500;

/** A reviewer assigns the handling unit (from triage, a bounce, or to correct a routing). */
@customElement('hy-assign-form')
export class HyAssignForm extends HyElement {
  @property() submissionId = '';
  /** Code of the unit holding it now, if any (not offered). */
  @property() current = '';
  /** Prefix of the data-testids, so several forms on one page stay distinguishable. */
  @property() testid = 'assign';

  @state() private unit = '';
  @state() private reason = '';
  @state() private errors: { unit?: string; reason?: string } = {};
  @state() private error = '';
  @state() private sending = false;

  static override styles = [
    shared,
    css`
      .row {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 0 var(--hy-space-4);
      }
      @media (max-width: 640px) {
        .row {
          grid-template-columns: minmax(0, 1fr);
        }
        .actions .btn {
          flex: 1;
        }
      }
    `,
  ];

  private async send(e: Event) {
    e.preventDefault();
    const reason = this.reason.trim();
    const errors: typeof this.errors = {};
    if (!this.unit) errors.unit = t('assign.chooseUnit');
    if ([...reason].length > REASON_MAX)
      errors.reason = t('submit.error.tooLong', { max: REASON_MAX });
    this.errors = errors;
    this.error = '';
    if (errors.unit || errors.reason) return;
    this.sending = true;
    try {
      const after = await assign(this.submissionId, {
        unit: this.unit,
        ...(reason ? { reason } : {}),
      });
      await loadOrganisations().catch(() => undefined);
      const message = t('assign.done', { unit: unitLabel(after.handling?.unit ?? null) });
      this.unit = '';
      this.reason = '';
      this.dispatchEvent(hyEvent('hy-handling-changed', { message }));
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  override render() {
    const id = this.testid;
    return html`<form novalidate @submit=${this.send} data-testid="${id}-form">
      <div class="row">
        <div class="field">
          <hy-unit-picker
            .label=${t('handling.unit')}
            .value=${this.unit}
            .exclude=${this.current}
            .error=${this.errors.unit ?? ''}
            required
            testid="${id}-unit"
            @hy-unit-change=${(e: CustomEvent<UnitEventDetail>) => {
              this.unit = e.detail.code;
              this.errors = { ...this.errors, unit: undefined };
            }}
          ></hy-unit-picker>
        </div>
        <div class="field">
          <label for="assign-reason">${t('assign.reason')}</label>
          <input
            id="assign-reason"
            type="text"
            data-testid="${id}-reason"
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
          ? html`<div class="notice error" role="alert" data-testid="${id}-failed">
              ${this.error}
            </div>`
          : nothing
      }
      <div class="actions">
        <button
          class="btn primary"
          type="submit"
          data-testid="${id}-send"
          ?disabled=${this.sending}
        >
          ${this.sending ? t('common.sending') : t('assign.send')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-assign-form': HyAssignForm;
  }
}
