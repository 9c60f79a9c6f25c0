import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SubmissionStatus } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';

/** The public status of a submission as a coloured pill. */
@customElement('hy-status-badge')
export class HyStatusBadge extends HyElement {
  @property() status: SubmissionStatus = 'received';

  static override styles = css`
    :host {
      display: inline-block;
      vertical-align: middle;
    }
    span {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 0 10px;
      border-radius: 999px;
      font-size: var(--hy-font-size-xs);
      line-height: 24px;
      font-weight: 600;
      white-space: nowrap;
      border: 1px solid currentColor;
    }
    span::before {
      content: '';
      width: 6px;
      height: 6px;
      border-radius: 50%;
      background: currentColor;
    }
    .received {
      color: var(--hy-color-warning);
      background: var(--hy-color-warning-soft);
    }
    .published {
      color: var(--hy-color-info);
      background: var(--hy-color-info-soft);
    }
    .rejected {
      color: var(--hy-color-danger);
      background: var(--hy-color-danger-soft);
    }
    .answered,
    .closed {
      color: var(--hy-color-success);
      background: var(--hy-color-success-soft);
    }
  `;

  override render() {
    return html`<span class=${this.status} data-testid="status-badge" data-status=${this.status}
      >${t(`status.${this.status}`)}</span
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-status-badge': HyStatusBadge;
  }
}
