import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatNumber, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';

/** "N 人提交了相同内容": shown only when more than one person sent (almost) this text. */
@customElement('hy-same-text-badge')
export class HySameTextBadge extends HyElement {
  @property({ type: Number }) count = 1;

  static override styles = css`
    :host {
      display: inline-flex;
    }
    span {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 1px 8px;
      border-radius: 999px;
      border: 1px solid var(--hy-color-info);
      background: var(--hy-color-info-soft);
      color: var(--hy-color-info);
      font-size: var(--hy-font-size-xs);
      font-weight: 600;
      line-height: 1.6;
      white-space: nowrap;
    }
    svg {
      flex: none;
    }
  `;

  override render() {
    if (!(this.count > 1)) return nothing;
    const n = formatNumber(this.count);
    return html`<span data-testid="same-text-badge" title=${t('sameText.title', { n })}>
      <svg width="12" height="12" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M16 11a4 4 0 1 0-4-4 4 4 0 0 0 4 4zm-8 0a3 3 0 1 0-3-3 3 3 0 0 0 3 3zm0 2c-2.3 0-7 1.2-7 3.5V19h7v-2.5c0-.9.4-2.4 2.4-3.6A11 11 0 0 0 8 13zm8 0c-2.7 0-8 1.3-8 4v2h16v-2c0-2.7-5.3-4-8-4z"
        />
      </svg>
      ${t('sameText.badge', { n })}
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-same-text-badge': HySameTextBadge;
  }
}
