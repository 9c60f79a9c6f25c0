import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { boardMessages, type BoardScope } from '../api/boards.ts';
import { formatNumber, t } from '../i18n/index.ts';
import type { PageEventDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-error-box.ts';
import './hy-loading.ts';
import './hy-pagination.ts';
import './hy-submission-item.ts';

/**
 * A board's messages from the message board's public list: a region's or a leader's, newest
 * first, each with its reply status; `answered` keeps the answered ones (最新答复), `paginate`
 * pages through all of them.
 */
@customElement('hy-board-messages')
export class HyBoardMessages extends HyElement {
  @property() campaign: string | null = null;
  @property({ attribute: false }) scope: BoardScope | null = null;
  @property({ type: Boolean }) answered = false;
  @property({ type: Boolean }) paginate = false;
  @property({ type: Number }) pageSize = 10;
  @property() empty = '';

  @state() private page = 1;

  private readonly messages = new Task(this, {
    task: ([campaign, scope, answered, page, pageSize], { signal }) =>
      campaign && scope
        ? boardMessages(campaign, scope, { page, pageSize, answered }, signal)
        : Promise.resolve(null),
    args: () => [this.campaign, this.scope, this.answered, this.page, this.pageSize] as const,
    argsEqual: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });

  static override styles = [
    shared,
    css`
      .total {
        margin: 0;
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
      }
    `,
  ];

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // A new board (not merely a new object for the same one) starts again at page 1.
    const before = changed.get('scope');
    if (
      changed.has('scope') &&
      before !== undefined &&
      JSON.stringify(before) !== JSON.stringify(this.scope)
    )
      this.page = 1;
  }

  private onPage(e: CustomEvent<PageEventDetail>) {
    this.page = e.detail.page;
    void this.updateComplete.then(() =>
      this.scrollIntoView({ block: 'start', behavior: 'instant' }),
    );
  }

  override render() {
    return this.messages.render({
      initial: () => html`<hy-loading></hy-loading>`,
      pending: () => html`<hy-loading></hy-loading>`,
      complete: (p) => {
        if (!p) return nothing;
        if (p.items.length === 0)
          return html`<p class="empty" data-testid="board-messages-empty">${this.empty}</p>`;
        return html`${
          this.paginate
            ? html`<p class="total">${t('common.total', { n: formatNumber(p.total) })}</p>`
            : nothing
        }
        ${p.items.map(
          (s) => html`<hy-submission-item .submission=${s} replyStatus></hy-submission-item>`,
        )}
        ${
          this.paginate
            ? html`<hy-pagination
                .page=${p.page}
                .pageSize=${p.pageSize}
                .total=${p.total}
                @hy-page=${this.onPage}
              ></hy-pagination>`
            : nothing
        }`;
      },
      error: (e) =>
        html`<hy-error-box
          .error=${e}
          retry
          @hy-retry=${() => this.messages.run()}
        ></hy-error-box>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-board-messages': HyBoardMessages;
  }
}
