import { Task } from '@lit/task';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { extensionRequests } from '../api/handling.ts';
import type { InboxItem, Page } from '../api/types.ts';
import { formatDate, formatNumber, localText, t } from '../i18n/index.ts';
import type { HandlingChangedDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { OrganisationsController, unitLabel } from '../lib/orgs.ts';
import { unread } from '../lib/unread.ts';
import { queueFrame, queueStyles } from '../lib/queue-frame.ts';
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

  static override styles = [shared, queueStyles];

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
    return queueFrame({
      id: 'extension',
      count: left === null ? null : t('extensions.count', { n: formatNumber(left) }),
      status: this.status,
      onRefresh: () => this.reload++,
      task: this.queue,
      body: (page) => this.renderQueue(page),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-extension-queue': HyExtensionQueue;
  }
}
