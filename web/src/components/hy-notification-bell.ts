import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatNumber, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { UnreadController } from '../lib/unread.ts';
import { shared } from '../styles/shared.ts';

/** The header's bell: a link to /notifications with the unread count (polled every 60 s). */
@customElement('hy-notification-bell')
export class HyNotificationBell extends HyElement {
  /** The notifications page is the current page. */
  @property({ type: Boolean }) active = false;

  private readonly unread = new UnreadController(this);

  static override styles = [
    shared,
    css`
      :host {
        display: inline-block;
      }
      a {
        position: relative;
        display: inline-grid;
        place-items: center;
        width: 44px;
        height: 44px;
        border-radius: var(--hy-radius);
        color: var(--hy-color-text);
      }
      a:hover {
        background: var(--hy-color-accent-soft);
        color: var(--hy-color-accent-strong);
      }
      a[aria-current='page'] {
        color: var(--hy-color-accent);
        background: var(--hy-color-accent-soft);
      }
      svg {
        display: block;
      }
      .count {
        position: absolute;
        top: 1px;
        left: 24px;
        min-width: 18px;
        height: 18px;
        padding: 0 4px;
        border-radius: 9px;
        background: var(--hy-color-danger);
        color: #fff;
        font-size: 11px;
        font-weight: 700;
        line-height: 18px;
        text-align: center;
        border: 2px solid var(--hy-color-surface);
        box-sizing: content-box;
      }
    `,
  ];

  override render() {
    const n = this.unread.count ?? 0;
    const label = n > 0 ? t('notifications.bell', { n }) : t('notifications.bellNone');
    return html`<a
      href="/notifications"
      aria-label=${label}
      title=${label}
      aria-current=${this.active ? 'page' : nothing}
      data-testid="notification-bell"
    >
      <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z"
        />
      </svg>
      ${
        n > 0
          ? html`<span class="count" aria-hidden="true" data-testid="notification-count"
              >${n > 99 ? '99+' : formatNumber(n)}</span
            >`
          : nothing
      }
    </a>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-notification-bell': HyNotificationBell;
  }
}
