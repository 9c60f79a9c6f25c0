import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { triage } from '../api/handling.ts';
import type { InboxItem, Page } from '../api/types.ts';
import { formatDate, formatNumber, localText, t } from '../i18n/index.ts';
import type { HandlingChangedDetail } from '../lib/events.ts';
import { flagReasonText } from '../lib/handling-text.ts';
import { HyElement } from '../lib/hy-element.ts';
import { unread } from '../lib/unread.ts';
import { shared } from '../styles/shared.ts';
import './hy-assign-form.ts';
import './hy-error-box.ts';
import './hy-loading.ts';
import './hy-pagination.ts';

/**
 * 分办: submissions no routing rule matched, and bounced ones (flagged, with why), oldest first.
 * A reviewer picks the handling unit for each.
 */
@customElement('hy-triage-queue')
export class HyTriageQueue extends HyElement {
  @state() private page = 1;
  @state() private reload = 0;
  @state() private removed = new Set<string>();
  @state() private status = '';

  private readonly queue = new Task(this, {
    task: ([page], { signal }) => triage(page, signal),
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
      li.flagged {
        box-shadow: inset 4px 0 0 var(--hy-color-warning);
      }
      .ref {
        font-family: var(--hy-font-mono);
        color: var(--hy-color-text);
      }
      h3 {
        margin: var(--hy-space-2) 0;
        overflow-wrap: anywhere;
      }
      .body {
        background: var(--hy-color-surface-alt);
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius);
        padding: var(--hy-space-3);
        max-height: 10em;
        overflow: auto;
        margin-bottom: var(--hy-space-3);
        font-size: var(--hy-font-size-sm);
      }
      @media (max-width: 640px) {
        li.card {
          padding: var(--hy-space-3);
        }
      }
    `,
  ];

  private assigned(item: InboxItem, e: CustomEvent<HandlingChangedDetail>) {
    e.stopPropagation();
    this.removed = new Set([...this.removed, item.submission.id]);
    this.status = `${item.submission.ref} · ${e.detail.message}`;
    void unread.refresh();
  }

  private renderItem(item: InboxItem) {
    const { submission: s, handling: h } = item;
    const flagged = !!h.flagReason;
    return html`<li
      class="card ${flagged ? 'flagged' : ''}"
      data-testid="triage-item"
      data-id=${s.id}
      data-flagged=${flagged ? 'true' : 'false'}
    >
      <div class="meta">
        <span class="ref">${s.ref}</span>
        <span>${localText(s.campaign.title)}</span>
        ${s.topic ? html`<span>${localText(s.topic.title)}</span>` : nothing}
        ${s.region ? html`<span>${s.region.name}</span>` : nothing}
        <span>${formatDate(s.createdAt)}</span>
        ${h.urgency === 'urgent' ? html`<span class="tag danger">${t('urgency.urgent')}</span>` : nothing}
      </div>
      <h3>
        <a href="/s/${encodeURIComponent(s.id)}" data-testid="triage-link">${s.title}</a>
      </h3>
      ${
        flagged
          ? html`<div class="notice warning" data-testid="triage-flag">
              ${t('triage.flagLine', { reason: flagReasonText(h.flagReason) })}
              ${h.transferCount > 0 ? ` · ${t('handling.transfers', { n: h.transferCount })}` : ''}
            </div>`
          : nothing
      }
      <div class="body"><span class="user-text">${s.body}</span></div>
      <hy-assign-form
        .submissionId=${s.id}
        @hy-handling-changed=${(e: CustomEvent<HandlingChangedDetail>) => this.assigned(item, e)}
      ></hy-assign-form>
    </li>`;
  }

  private renderQueue(p: Page<InboxItem>) {
    const items = p.items.filter((i) => !this.removed.has(i.submission.id));
    return html`${
        items.length === 0
          ? html`<div class="card empty" data-testid="triage-empty">${t('triage.empty')}</div>`
          : html`<ul data-testid="triage-list">
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
        <p class="count" data-testid="triage-count">
          ${left === null ? nothing : t('triage.count', { n: formatNumber(left) })}
        </p>
        <button
          class="btn"
          type="button"
          data-testid="triage-refresh"
          @click=${() => this.reload++}
        >
          ${t('common.refresh')}
        </button>
      </div>
      <div aria-live="polite" data-testid="triage-status">
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
    'hy-triage-queue': HyTriageQueue;
  }
}
