import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/request.ts';
import { loginSecondStep } from '../api/trust.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { authStyles } from '../styles/auth.ts';
import { shared } from '../styles/shared.ts';

/**
 * The second sign-in step: a TOTP code or a recovery code for the pending login the password
 * opened. Fires hy-signed-in with the user, or hy-dialog-cancel to type the password again.
 */
@customElement('hy-login-second-step')
export class HyLoginSecondStep extends HyElement {
  @property() token = '';

  @state() private code = '';
  @state() private error = '';
  @state() private expired = false;
  @state() private sending = false;

  static override styles = [shared, authStyles];

  private async onSubmit(e: Event) {
    e.preventDefault();
    if (this.sending || !this.code.trim()) return;
    this.sending = true;
    this.error = '';
    try {
      const user = await loginSecondStep(this.token, this.code.trim());
      this.dispatchEvent(hyEvent('hy-signed-in', user));
    } catch (err) {
      this.expired = err instanceof ApiError && err.code === 'unauthenticated';
      this.error = this.expired ? t('tfa.stepExpired') : errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  override render() {
    return html`<h1>${t('tfa.stepTitle')}</h1>
      <p>${t('tfa.stepIntro')}</p>
      <div aria-live="assertive">
        ${
          this.error
            ? html`<div class="notice error" data-testid="tfa-step-error">${this.error}</div>`
            : nothing
        }
      </div>
      <form novalidate @submit=${this.onSubmit} data-testid="tfa-step-form">
        <div class="field">
          <label for="code">${t('tfa.stepField')}</label>
          <input
            id="code"
            name="one-time-code"
            autocomplete="one-time-code"
            inputmode="text"
            data-testid="tfa-step-code"
            required
            ?disabled=${this.expired}
            .value=${this.code}
            @input=${(e: Event) => (this.code = (e.target as HTMLInputElement).value)}
          />
        </div>
        <button
          class="btn primary wide"
          type="submit"
          data-testid="tfa-step-send"
          ?disabled=${this.sending || this.expired}
        >
          ${this.sending ? t('auth.working') : t('tfa.stepSend')}
        </button>
      </form>
      <p class="switch">
        <button
          class="btn link"
          type="button"
          data-testid="tfa-step-back"
          @click=${() => this.dispatchEvent(hyEvent('hy-dialog-cancel', undefined))}
        >
          ${t('tfa.backToPassword')}
        </button>
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-login-second-step': HyLoginSecondStep;
  }
}
