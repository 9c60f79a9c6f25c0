import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import {
  confirmEnrolment,
  disableTwoFactor,
  startEnrolment,
  twoFactorStatus,
  type Enrolment,
} from '../api/trust.ts';
import * as auth from '../api/auth.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { redirectToLogin } from '../lib/router.ts';
import { isStaff, session, SessionController } from '../lib/session.ts';
import { shared } from '../styles/shared.ts';
import '../components/hy-loading.ts';

/** Account security: staff turn two-step verification (TOTP) on or off here. */
@customElement('hy-page-security')
export class HyPageSecurity extends HyElement {
  private readonly session = new SessionController(this);

  @state() private enrolment: Enrolment | null = null;
  @state() private recoveryCodes: string[] | null = null;
  @state() private code = '';
  @state() private error = '';
  @state() private notice = '';
  @state() private working = false;

  private readonly status = new Task(this, {
    task: ([userId], { signal }) => (userId ? twoFactorStatus(signal) : Promise.resolve(null)),
    args: () => [this.session.user?.id ?? null] as const,
  });

  static override styles = [
    shared,
    css`
      .card {
        max-width: 640px;
      }
      .qr {
        display: block;
        width: 200px;
        height: 200px;
        margin: var(--hy-space-3) 0;
        background: #fff;
      }
      code {
        font-family: var(--hy-font-mono);
        word-break: break-all;
      }
      .codes {
        display: grid;
        grid-template-columns: repeat(2, max-content);
        gap: var(--hy-space-2) var(--hy-space-5);
        font-family: var(--hy-font-mono);
        font-size: 1.1em;
        padding: 0;
        list-style: none;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-3);
        align-items: end;
      }
      .row .field {
        flex: 1 1 200px;
        margin: 0;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    setPageTitle(t('tfa.title'));
  }

  override updated(): void {
    if (this.session.user === null) redirectToLogin();
  }

  private async run(action: () => Promise<void>) {
    if (this.working) return;
    this.working = true;
    this.error = '';
    this.notice = '';
    try {
      await action();
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.working = false;
    }
  }

  private start = () =>
    this.run(async () => {
      this.enrolment = await startEnrolment();
      this.code = '';
    });

  private confirm = (e: Event) => {
    e.preventDefault();
    return this.run(async () => {
      const r = await confirmEnrolment(this.code.trim());
      this.recoveryCodes = r.recoveryCodes;
      this.enrolment = null;
      this.code = '';
      session.set(await auth.me()); // mustEnrol is over: the console opens again
    });
  };

  private disable = (e: Event) => {
    e.preventDefault();
    return this.run(async () => {
      await disableTwoFactor(this.code.trim());
      this.code = '';
      this.notice = t('tfa.disabled');
      session.set(await auth.me());
      void this.status.run();
    });
  };

  private codeField(id: string) {
    return html`<div class="field">
      <label for=${id}>${t('tfa.code')}</label>
      <input
        id=${id}
        autocomplete="one-time-code"
        data-testid=${id}
        .value=${this.code}
        @input=${(e: Event) => (this.code = (e.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  override render() {
    const user = this.session.user;
    if (!user) return html`<hy-loading></hy-loading>`;
    return html`<h1>${t('tfa.title')}</h1>
      <section class="card" data-testid="tfa">
        ${
          user.twoFactor.mustEnrol
            ? html`<div class="notice warning" data-testid="tfa-must-enrol">
                ${t('tfa.mustEnrol')}
              </div>`
            : nothing
        }
        <p>${t('tfa.intro')}</p>
        <div aria-live="polite">
          ${
            this.error
              ? html`<div class="notice error" data-testid="tfa-error">${this.error}</div>`
              : nothing
          }
          ${this.notice ? html`<div class="notice success">${this.notice}</div>` : nothing}
        </div>
        ${!isStaff(user) ? html`<p class="muted">${t('tfa.staffOnly')}</p>` : this.renderBody()}
      </section>`;
  }

  private renderBody() {
    if (this.recoveryCodes) {
      return html`<div data-testid="tfa-recovery">
        <div class="notice success">${t('tfa.enabled')}</div>
        <h2>${t('tfa.recoveryTitle')}</h2>
        <p>${t('tfa.recoveryIntro')}</p>
        <ul class="codes" data-testid="tfa-recovery-codes">
          ${this.recoveryCodes.map((c) => html`<li>${c}</li>`)}
        </ul>
        <button
          class="btn primary"
          data-testid="tfa-recovery-done"
          @click=${() => {
            this.recoveryCodes = null;
            void this.status.run();
          }}
        >
          ${t('tfa.done')}
        </button>
      </div>`;
    }
    if (this.enrolment) {
      const e = this.enrolment;
      return html`<div data-testid="tfa-enrol">
        <p>${t('tfa.scan')}</p>
        <img class="qr" src=${e.qrCode} alt=${t('tfa.qrAlt')} data-testid="tfa-qr" />
        <p>${t('tfa.secret')}: <code data-testid="tfa-secret">${e.secret}</code></p>
        <details>
          <summary>${t('tfa.uri')}</summary>
          <code>${e.otpauthUri}</code>
        </details>
        <form class="row" @submit=${this.confirm}>
          ${this.codeField('tfa-code')}
          <button
            class="btn primary"
            type="submit"
            data-testid="tfa-confirm"
            ?disabled=${this.working}
          >
            ${t('tfa.confirm')}
          </button>
        </form>
        <p class="hint">${t('tfa.codeHint')}</p>
      </div>`;
    }
    return this.status.render({
      pending: () => html`<hy-loading></hy-loading>`,
      error: (e) => html`<div class="notice error">${errorMessage(e)}</div>`,
      complete: (status) =>
        status?.enabled
          ? html`<p data-testid="tfa-state"><strong>${t('tfa.on')}</strong></p>
              <p class="muted">${t('tfa.recoveryLeft', { n: status.recoveryCodesLeft })}</p>
              <h2>${t('tfa.disableTitle')}</h2>
              <form class="row" @submit=${this.disable}>
                ${this.codeField('tfa-disable-code')}
                <button
                  class="btn"
                  type="submit"
                  data-testid="tfa-disable"
                  ?disabled=${this.working}
                >
                  ${t('tfa.disable')}
                </button>
              </form>
              <p class="hint">${t('tfa.disableHint')}</p>`
          : html`<p data-testid="tfa-state"><strong>${t('tfa.off')}</strong></p>
              <button
                class="btn primary"
                data-testid="tfa-start"
                @click=${this.start}
                ?disabled=${this.working}
              >
                ${t('tfa.start')}
              </button>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-security': HyPageSecurity;
  }
}
