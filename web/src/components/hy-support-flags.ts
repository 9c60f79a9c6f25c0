import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { decideFlag, supportFlags, type SupportFlag } from '../api/trust.ts';
import { errorMessage, formatDateTime, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-loading.ts';

/** Bursts of supports from one network, with the figures to judge them; discount or clear. */
@customElement('hy-support-flags')
export class HySupportFlags extends HyElement {
  @state() private message = '';
  @state() private error = '';

  private readonly flags = new Task(this, {
    task: (_args, { signal }) => supportFlags(signal),
    args: () => [],
  });

  static override styles = [
    shared,
    css`
      ul {
        list-style: none;
        padding: 0;
        display: grid;
        gap: var(--hy-space-4);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
      }
    `,
  ];

  private async act(flag: SupportFlag, action: 'discount' | 'clear') {
    this.error = '';
    try {
      const r = await decideFlag(flag.id, action);
      this.message =
        action === 'discount' ? t('bursts.discounted', { n: r.discounted }) : t('reports.done');
      void this.flags.run();
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  override render() {
    return html`<h2>${t('bursts.title')}</h2>
      <p class="muted">${t('bursts.intro')}</p>
      <div aria-live="polite">
        ${this.message ? html`<div class="notice success">${this.message}</div>` : nothing}
        ${this.error ? html`<div class="notice error">${this.error}</div>` : nothing}
      </div>
      ${this.flags.render({
        pending: () => html`<hy-loading></hy-loading>`,
        error: (e) => html`<div class="notice error">${errorMessage(e)}</div>`,
        complete: (items) =>
          items.length === 0
            ? html`<p class="muted" data-testid="bursts-empty">${t('bursts.empty')}</p>`
            : html`<ul>
                ${items.map(
                  (f) =>
                    html`<li class="card" data-testid="burst-item">
                      <p>
                        <a class="tap" href="/s/${encodeURIComponent(f.submissionId)}">${f.ref}</a>
                        <span class="user-text">${f.title}</span>
                      </p>
                      <p><strong>${t('bursts.network', { network: f.network })}</strong></p>
                      <p data-testid="burst-figures">
                        ${t('bursts.figures', {
                          n: f.fromNetwork,
                          ips: f.addresses,
                          accounts: f.fromNetwork,
                          total: f.supportCount,
                          share: f.share,
                        })}
                      </p>
                      <p class="muted small">
                        ${t('bursts.window', { from: formatDateTime(f.firstAt), to: formatDateTime(f.lastAt) })}
                      </p>
                      <div class="actions">
                        <button
                          class="btn primary"
                          data-testid="burst-discount"
                          @click=${() => this.act(f, 'discount')}
                        >
                          ${t('bursts.discount')}
                        </button>
                        <button
                          class="btn"
                          data-testid="burst-clear"
                          @click=${() => this.act(f, 'clear')}
                        >
                          ${t('bursts.clear')}
                        </button>
                      </div>
                    </li>`,
                )}
              </ul>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-support-flags': HySupportFlags;
  }
}
