import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { errorMessage, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

/** An error from loading something, with an optional "try again" button (fires hy-retry). */
@customElement('hy-error-box')
export class HyErrorBox extends HyElement {
  @property({ attribute: false }) error: unknown;
  @property({ type: Boolean }) retry = false;

  static override styles = [
    shared,
    css`
      .notice {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-3);
        align-items: center;
        justify-content: space-between;
      }
    `,
  ];

  override render() {
    return html`<div class="notice error" role="alert" data-testid="error-box">
      <span>${errorMessage(this.error)}</span>
      ${
        this.retry
          ? html`<button
              class="btn small"
              type="button"
              @click=${() => this.dispatchEvent(hyEvent('hy-retry', undefined))}
            >
              ${t('common.retry')}
            </button>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-error-box': HyErrorBox;
  }
}
