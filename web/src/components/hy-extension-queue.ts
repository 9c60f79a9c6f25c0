import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { extensionRequests } from '../api/handling.ts';
import type { InboxItem, Page } from '../api/types.ts';
import { formatDate, formatNumber, localText, t } from '../i18n/index.ts';
import type { HandlingChangedDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { OrganisationsController, unitLabel } from '../lib/orgs.ts';
import { unread } from '../lib/unread.ts';
import { shared } from '../styles/shared.ts';
import './hy-error-box.ts';
import './hy-extension-decision.ts';
import './hy-loading.ts';
import './hy-pagination.ts';

/** 延期申请: units' requests for more working days, soonest due first; grant or refuse. */
@customElement('hy-extension-queue')
export class HyExtensionQueue extends HyElement {
  @state() private page = 1;
  @state() private reload = 0;
  @state() private removed = new Set<string>();
  @state() private status = '';

  private readonly orgs = new OrganisationsController(this);

  private readonly queue = new Task(this, {
    task: ([page], { signal }) => extensionRequests(page, signal),
    args: () => [this.page, this.reload] as const,
    onComplete: () => (this.removed = new Set()),
  });

  static override styles = [
    shared,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-3);
        align-items: center;
        justify-content: space-between;
        margin-bottom: var(--hy-space-4);
      }
      .count {
        font-weight: 600;
        margin: 0;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--hy-space-4);
      }
      li.card {
        padding: var(--hy-space-4) var(--hy-space-5);
      }
      .ref {
        font-family: var(--hy-font-mono);
        color: var(--hy-color-text);
      }
      h3 {
        margin: var(--hy-space-2) 0 var(--hy-space-3);
        overflow-wrap: anywhere;
      }
      @media (max-width: 640px) {
        li.card {
          padding: var(--hy-space-3);
        }
      }
    `,
  ];

  private decided(item: InboxItem, e: CustomEvent<HandlingChangedDetail>) {
    e.stopPropagation();
    this.removed = new Set([...this.removed, item.submission.id]);
    this.status = `${item.submission.ref} · ${e.detail.message}`;
    void unread.refresh();
  }

  private renderItem(item: InboxItem) {
    const { submission: s, handling: h } = item;
    return html`<li class="card" data-testid="extension-item" data-id=${s.id}>
      <div class="meta">
        <span class="ref">${s.ref}</span>
        <span>${localText(s.campaign.title)}</span>
        ${h.unit ? html`<span>${unitLabel(h.unit)}</span>` : nothing}
        ${
          h.dueAt
            ? html`<span class=${h.overdue ? 'overdue' : ''}
                >${t('inbox.due', { date: formatDate(h.dueAt) })}${
                  h.overdue ? ` · ${t('handling.overdue')}` : ''
                }</span
              >`
            : nothing
        }
      </div>
      <h3>
        <a href="/s/${encodeURIComponent(s.id)}" data-testid="extension-link">${s.title}</a>
      </h3>
      <hy-extension-decision
        .submissionId=${s.id}
        .days=${h.extension.days ?? 0}
        .reason=${h.extension.reason ?? ''}
        @hy-handling-changed=${(e: CustomEvent<HandlingChangedDetail>) => this.decided(item, e)}
      ></hy-extension-decision>
    </li>`;
  }

  private renderQueue(p: Page<InboxItem>) {
    const items = p.items.filter((i) => !this.removed.has(i.submission.id));
    return html`${
        items.length === 0
          ? html`<div class="card empty" data-testid="extension-empty">
              ${t('extensions.empty')}
            </div>`
          : html`<ul data-testid="extension-list">
              ${items.map((i) => this.renderItem(i))}
            </ul>`
      }
      <hy-pagination
        .page=${p.page}
        .pageSize=${p.pageSize}
        .total=${p.total}
        @hy-page=${(e: CustomEvent<{ page: number }>) => (this.page = e.detail.page)}
      ></hy-pagination>`;
  }

  override render() {
    const p = this.queue.value;
    const left = p ? Math.max(0, p.total - this.removed.size) : null;
    return html`<div class="toolbar">
        <p class="count" data-testid="extension-count">
          ${left === null ? nothing : t('extensions.count', { n: formatNumber(left) })}
        </p>
        <button
          class="btn"
          type="button"
          data-testid="extension-refresh"
          @click=${() => this.reload++}
        >
          ${t('common.refresh')}
        </button>
      </div>
      <div aria-live="polite" data-testid="extension-status">
        ${this.status ? html`<div class="notice success" role="status">${this.status}</div>` : nothing}
      </div>
      ${this.queue.render({
        initial: () => html`<hy-loading></hy-loading>`,
        pending: () => html`<hy-loading></hy-loading>`,
        complete: (page) => this.renderQueue(page),
        error: (e) =>
          html`<hy-error-box .error=${e} retry @hy-retry=${() => this.queue.run()}></hy-error-box>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-extension-queue': HyExtensionQueue;
  }
}
