import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import * as auth from '../api/auth.ts';
import { ApiError, type FieldErrors } from '../api/request.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { isValidDisplayName, isValidLogin, isValidPassword } from '../lib/auth-rules.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { navigate, safeNext } from '../lib/router.ts';
import { session } from '../lib/session.ts';
import { authStyles } from '../styles/auth.ts';
import { shared } from '../styles/shared.ts';

type Field = 'displayName' | 'login' | 'password';

/** Create a netizen account with a display name, a phone number or e-mail, and a password. */
@customElement('hy-page-register')
export class HyPageRegister extends HyElement {
  @property() search = '';

  @state() private values: Record<Field, string> = { displayName: '', login: '', password: '' };
  @state() private errors: FieldErrors = {};
  @state() private formError = '';
  @state() private sending = false;

  static override styles = [shared, authStyles];

  private get next(): string {
    return safeNext(new URLSearchParams(this.search).get('next'));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setPageTitle(t('auth.register.title'));
  }

  private async onSubmit(e: Event) {
    e.preventDefault();
    if (this.sending) return;
    const v = this.values;
    const errors: FieldErrors = {};
    if (!isValidDisplayName(v.displayName)) errors.displayName = t('auth.invalidName');
    if (!isValidLogin(v.login)) errors.login = t('auth.invalidLogin');
    if (!isValidPassword(v.password)) errors.password = t('auth.invalidPassword');
    this.errors = errors;
    this.formError = '';
    if (Object.keys(errors).length > 0) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.sending = true;
    try {
      const user = await auth.register({
        displayName: v.displayName.trim(),
        login: v.login.trim(),
        password: v.password,
      });
      session.set(user);
      navigate(this.next, { replace: true });
    } catch (err) {
      this.errors = err instanceof ApiError ? err.fields : {};
      this.formError = errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  private field(
    key: Field,
    label: string,
    testid: string,
    attrs: { type: string; autocomplete: string; inputmode?: string; hint?: string },
  ) {
    const err = this.errors[key];
    const describedby = [attrs.hint ? `hint-${key}` : '', err ? `err-${key}` : '']
      .filter(Boolean)
      .join(' ');
    return html`<div class="field">
      <label for=${key}>${label}</label>
      <input
        id=${key}
        name=${key}
        type=${attrs.type}
        autocomplete=${attrs.autocomplete}
        inputmode=${attrs.inputmode ?? nothing}
        data-testid=${testid}
        required
        .value=${this.values[key]}
        aria-invalid=${err ? 'true' : 'false'}
        aria-describedby=${describedby || nothing}
        @input=${(e: Event) =>
          (this.values = { ...this.values, [key]: (e.target as HTMLInputElement).value })}
      />
      ${attrs.hint ? html`<span class="hint" id="hint-${key}">${attrs.hint}</span>` : nothing}
      ${
        err
          ? html`<div class="field-error" id="err-${key}" data-testid="error-${key}">${err}</div>`
          : nothing
      }
    </div>`;
  }

  override render() {
    const loginHref = this.next === '/' ? '/login' : `/login?next=${encodeURIComponent(this.next)}`;
    return html`<div class="auth card">
      <h1>${t('auth.register.title')}</h1>
      <div aria-live="assertive" data-testid="register-status">
        ${
          this.formError
            ? html`<div class="notice error" data-testid="register-error">${this.formError}</div>`
            : nothing
        }
      </div>
      <form novalidate @submit=${this.onSubmit} data-testid="register-form">
        ${this.field('displayName', t('auth.displayName'), 'register-name', {
          type: 'text',
          autocomplete: 'nickname',
          hint: t('auth.displayNameHint'),
        })}
        ${this.field('login', t('auth.login.field'), 'register-login', {
          type: 'text',
          autocomplete: 'username',
          inputmode: 'email',
          hint: t('auth.login.hint'),
        })}
        ${this.field('password', t('auth.password'), 'register-password', {
          type: 'password',
          autocomplete: 'new-password',
          hint: t('auth.passwordHint'),
        })}
        <button
          class="btn primary wide"
          type="submit"
          data-testid="register-send"
          ?disabled=${this.sending}
        >
          ${this.sending ? t('auth.working') : t('auth.register.send')}
        </button>
      </form>
      <p class="switch">
        ${t('auth.haveAccount')}
        <a class="tap" href=${loginHref} data-testid="to-login">${t('auth.toLogin')}</a>
      </p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-register': HyPageRegister;
  }
}
