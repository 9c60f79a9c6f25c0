import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { getCampaign } from '../api/campaigns.ts';
import { triage } from '../api/handling.ts';
import { getSubmission } from '../api/submissions.ts';
import type { InboxItem, Page, RoutingProposal, Topic } from '../api/types.ts';
import { formatDate, formatNumber, localText, t } from '../i18n/index.ts';
import type { HandlingChangedDetail } from '../lib/events.ts';
import { flagReasonText } from '../lib/handling-text.ts';
import { HyElement } from '../lib/hy-element.ts';
import { unread } from '../lib/unread.ts';
import { queueFrame, queueStyles } from '../lib/queue-frame.ts';
import { shared } from '../styles/shared.ts';
import './hy-assign-form.ts';
import './hy-error-box.ts';
import './hy-loading.ts';
import './hy-pagination.ts';
import './hy-routing-proposal.ts';
import './hy-same-text-badge.ts';

/** A page of the queue with, per item, the routing model's proposal and the campaign's topics. */
type TriagePage = {
  page: Page<InboxItem>;
  proposals: Map<string, RoutingProposal>;
  topics: Map<string, Topic[]>;
};

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
    task: async ([page], { signal }): Promise<TriagePage> => {
      const p = await triage(page, signal);
      // The queue lists the handling only: the proposal comes with each submission's view, and
      // the topic titles with its campaign. Neither is needed to act, so failures are ignored.
      const proposals = new Map<string, RoutingProposal>();
      const topics = new Map<string, Topic[]>();
      const slugs = [...new Set(p.items.map((i) => i.submission.campaign.slug))];
      await Promise.all([
        ...p.items.map((i) =>
          getSubmission(i.submission.id, signal)
            .then((d) => {
              if (d.handling.proposal) proposals.set(i.submission.id, d.handling.proposal);
            })
            .catch(() => undefined),
        ),
        ...slugs.map((slug) =>
          getCampaign(slug, signal)
            .then((c) => topics.set(slug, c.topics))
            .catch(() => undefined),
        ),
      ]);
      return { page: p, proposals, topics };
    },
    args: () => [this.page, this.reload] as const,
    onComplete: () => (this.removed = new Set()),
  });

  static override styles = [
    shared,
    queueStyles,
    css`
      li.card {
        min-width: 0;
      }
      li.flagged {
        box-shadow: inset 4px 0 0 var(--hy-color-warning);
      }
      h3 {
        margin: var(--hy-space-2) 0;
        overflow-wrap: anywhere;
      }
      hy-routing-proposal {
        margin-bottom: var(--hy-space-3);
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
    `,
  ];

  private assigned(item: InboxItem, e: CustomEvent<HandlingChangedDetail>) {
    e.stopPropagation();
    this.removed = new Set([...this.removed, item.submission.id]);
    this.status = `${item.submission.ref} · ${e.detail.message}`;
    void unread.refresh();
  }

  private renderItem(item: InboxItem, data: TriagePage) {
    const { submission: s, handling: h } = item;
    const proposal = data.proposals.get(s.id) ?? null;
    const topics = data.topics.get(s.campaign.slug) ?? [];
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
        ${s.sameText > 1 ? html`<hy-same-text-badge .count=${s.sameText}></hy-same-text-badge>` : nothing}
      </div>
      <h3>
        <a href="/s/${encodeURIComponent(s.id)}" data-testid="triage-link">${s.title}</a>
      </h3>
      ${
        proposal
          ? html`<hy-routing-proposal
              .proposal=${proposal}
              .topics=${topics}
            ></hy-routing-proposal>`
          : nothing
      }
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
        .topics=${topics}
        .currentTopic=${s.topic?.key ?? ''}
        .proposedTopic=${proposal?.topic ?? ''}
        @hy-handling-changed=${(e: CustomEvent<HandlingChangedDetail>) => this.assigned(item, e)}
      ></hy-assign-form>
    </li>`;
  }

  private renderQueue(data: TriagePage) {
    const p = data.page;
    const items = p.items.filter((i) => !this.removed.has(i.submission.id));
    return html`${
        items.length === 0
          ? html`<div class="card empty" data-testid="triage-empty">${t('triage.empty')}</div>`
          : html`<ul data-testid="triage-list">
              ${items.map((i) => this.renderItem(i, data))}
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
    const p = this.queue.value?.page;
    const left = p ? Math.max(0, p.total - this.removed.size) : null;
    return queueFrame({
      id: 'triage',
      count: left === null ? null : t('triage.count', { n: formatNumber(left) }),
      status: this.status,
      onRefresh: () => this.reload++,
      task: this.queue,
      body: (page) => this.renderQueue(page),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-triage-queue': HyTriageQueue;
  }
}
