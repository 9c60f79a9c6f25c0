import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

/** Previous / next page controls; fires hy-page when the user picks a page. */
@customElement('hy-pagination')
export class HyPagination extends HyElement {
  @property({ type: Number }) page = 1;
  @property({ type: Number }) pageSize = 20;
  @property({ type: Number }) total = 0;

  static override styles = [
    shared,
    css`
      nav {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--hy-space-3);
        margin-top: var(--hy-space-4);
      }
      .where {
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
        text-align: center;
      }
    `,
  ];

  private get pages(): number {
    return Math.max(1, Math.ceil(this.total / Math.max(1, this.pageSize)));
  }

  private go(page: number) {
    this.dispatchEvent(hyEvent('hy-page', { page }));
  }

  override render() {
    if (this.pages <= 1) return nothing;
    return html`<nav aria-label=${t('common.pagination')}>
      <button
        class="btn small"
        type="button"
        data-testid="page-prev"
        ?disabled=${this.page <= 1}
        @click=${() => this.go(this.page - 1)}
      >
        ← ${t('common.prev')}
      </button>
      <span class="where" data-testid="page-current"
        >${t('common.pageOf', { page: this.page, pages: this.pages })}</span
      >
      <button
        class="btn small"
        type="button"
        data-testid="page-next"
        ?disabled=${this.page >= this.pages}
        @click=${() => this.go(this.page + 1)}
      >
        ${t('common.next')} →
      </button>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-pagination': HyPagination;
  }
}
