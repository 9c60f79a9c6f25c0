import { css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';

/** A quiet loading indicator, announced politely to screen readers. */
@customElement('hy-loading')
export class HyLoading extends HyElement {
  static override styles = css`
    :host {
      display: block;
      padding: var(--hy-space-5) 0;
      color: var(--hy-color-text-muted);
      font-size: var(--hy-font-size-sm);
    }
    .dot {
      display: inline-block;
      width: 14px;
      height: 14px;
      margin-right: 8px;
      vertical-align: -2px;
      border: 2px solid var(--hy-color-border-strong);
      border-top-color: var(--hy-color-accent);
      border-radius: 50%;
      animation: spin 0.8s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .dot {
        animation: none;
      }
    }
  `;

  override render() {
    return html`<div role="status" aria-live="polite">
      <span class="dot" aria-hidden="true"></span>${t('common.loading')}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-loading': HyLoading;
  }
}
