import { Task } from '@lit/task';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { getSettings, saveSettings } from '../api/trust.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-loading.ts';

/** Admin: require two-step verification for every staff account. */
@customElement('hy-security-settings')
export class HySecuritySettings extends HyElement {
  @state() private message = '';
  @state() private error = '';

  private readonly settings = new Task(this, {
    task: (_args, { signal }) => getSettings(signal),
    args: () => [],
  });

  static override styles = [shared];

  private async toggle(e: Event) {
    const requireStaff2fa = (e.target as HTMLInputElement).checked;
    this.error = '';
    try {
      await saveSettings({ requireStaff2fa });
      this.message = t('settings.saved');
      void this.settings.run();
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  override render() {
    return html`<h2>${t('settings.title')}</h2>
      <div aria-live="polite">
        ${this.message ? html`<div class="notice success">${this.message}</div>` : nothing}
        ${this.error ? html`<div class="notice error">${this.error}</div>` : nothing}
      </div>
      ${this.settings.render({
        pending: () => html`<hy-loading></hy-loading>`,
        error: (e) => html`<div class="notice error">${errorMessage(e)}</div>`,
        complete: (s) =>
          html`<section class="card">
            <label class="tap">
              <input
                type="checkbox"
                data-testid="require-staff-2fa"
                .checked=${s.requireStaff2fa}
                @change=${this.toggle}
              />
              ${t('settings.requireStaff2fa')}
            </label>
            <p class="hint">${t('settings.requireStaff2faHint')}</p>
            <p data-testid="staff-without-2fa">
              ${t('settings.staffWithout2fa', { n: s.staffWithout2fa })}
            </p>
          </section>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-security-settings': HySecuritySettings;
  }
}
