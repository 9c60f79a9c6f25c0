import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import * as auth from '../api/auth.ts';
import { ApiError, type FieldErrors } from '../api/request.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { isValidLogin } from '../lib/auth-rules.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { navigate, safeNext } from '../lib/router.ts';
import { session, SessionController } from '../lib/session.ts';
import { authStyles } from '../styles/auth.ts';
import type { User } from '../api/types.ts';
import '../components/hy-login-second-step.ts';
import { shared } from '../styles/shared.ts';

/** Sign in by phone number or e-mail and password; then back to ?next=. */
@customElement('hy-page-login')
export class HyPageLogin extends HyElement {
  @property() search = '';

  @state() private login = '';
  @state() private password = '';
  @state() private errors: FieldErrors = {};
  @state() private formError = '';
  @state() private sending = false;
  /** Set when the password was right and a second factor is due. */
  @state() private pending: string | null = null;

  private readonly session = new SessionController(this);

  static override styles = [shared, authStyles];

  private get next(): string {
    return safeNext(new URLSearchParams(this.search).get('next'));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setPageTitle(t('auth.login.title'));
  }

  private async onSubmit(e: Event) {
    e.preventDefault();
    if (this.sending) return;
    const errors: FieldErrors = {};
    if (!isValidLogin(this.login)) errors.login = t('auth.invalidLogin');
    if (!this.password) errors.password = t('submit.error.required');
    this.errors = errors;
    this.formError = '';
    if (Object.keys(errors).length > 0) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.sending = true;
    try {
      const answer = await auth.login({ login: this.login.trim(), password: this.password });
      if ('twoFactor' in answer) {
        this.pending = answer.twoFactor.token;
        this.password = '';
        return;
      }
      this.signedIn(answer.user);
    } catch (err) {
      this.errors = err instanceof ApiError ? err.fields : {};
      this.formError = errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  private signedIn(user: User) {
    session.set(user);
    navigate(user.twoFactor.mustEnrol ? '/me/security' : this.next, { replace: true });
  }

  override render() {
    if (this.pending) {
      return html`<div class="auth card">
        <hy-login-second-step
          .token=${this.pending}
          @hy-signed-in=${(e: CustomEvent<User>) => this.signedIn(e.detail)}
          @hy-dialog-cancel=${() => (this.pending = null)}
        ></hy-login-second-step>
      </div>`;
    }
    const user = this.session.user;
    const registerHref =
      this.next === '/' ? '/register' : `/register?next=${encodeURIComponent(this.next)}`;
    return html`<div class="auth card">
      <h1>${t('auth.login.title')}</h1>
      ${
        user
          ? html`<div class="notice info">
              <p>${t('auth.alreadySignedIn', { name: user.displayName })}</p>
              <a class="tap" href=${this.next}>${t('auth.continue')}</a>
            </div>`
          : nothing
      }
      <div aria-live="assertive" data-testid="login-status">
        ${
          this.formError
            ? html`<div class="notice error" data-testid="login-error">${this.formError}</div>`
            : nothing
        }
      </div>
      <form novalidate @submit=${this.onSubmit} data-testid="login-form">
        <div class="field">
          <label for="login">${t('auth.login.field')}</label>
          <input
            id="login"
            name="username"
            type="text"
            inputmode="email"
            autocomplete="username"
            data-testid="login-login"
            required
            .value=${this.login}
            aria-invalid=${this.errors.login ? 'true' : 'false'}
            aria-describedby="login-hint ${this.errors.login ? 'err-login' : ''}"
            @input=${(e: Event) => (this.login = (e.target as HTMLInputElement).value)}
          />
          <span class="hint" id="login-hint">${t('auth.login.hint')}</span>
          ${
            this.errors.login
              ? html`<div class="field-error" id="err-login" data-testid="error-login">
                  ${this.errors.login}
                </div>`
              : nothing
          }
        </div>
        <div class="field">
          <label for="password">${t('auth.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            data-testid="login-password"
            required
            .value=${this.password}
            aria-invalid=${this.errors.password ? 'true' : 'false'}
            aria-describedby=${this.errors.password ? 'err-password' : nothing}
            @input=${(e: Event) => (this.password = (e.target as HTMLInputElement).value)}
          />
          ${
            this.errors.password
              ? html`<div class="field-error" id="err-password" data-testid="error-password">
                  ${this.errors.password}
                </div>`
              : nothing
          }
        </div>
        <button
          class="btn primary wide"
          type="submit"
          data-testid="login-send"
          ?disabled=${this.sending}
        >
          ${this.sending ? t('auth.working') : t('auth.login.send')}
        </button>
      </form>
      <p class="switch">
        ${t('auth.noAccount')}
        <a class="tap" href=${registerHref} data-testid="to-register">${t('auth.toRegister')}</a>
      </p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-login': HyPageLogin;
  }
}
