import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { getCampaign, listCampaigns } from '../api/campaigns.ts';
import { inbox, inboxViews, type InboxView } from '../api/handling.ts';
import type { HandlingState, InboxItem, Page, Topic, Urgency } from '../api/types.ts';
import { formatDate, formatNumber, localText, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { OrganisationsController, unitLabel } from '../lib/orgs.ts';
import { shared } from '../styles/shared.ts';
import { urgencies } from '../../../schema/states.ts';
import './hy-error-box.ts';
import './hy-loading.ts';
import './hy-pagination.ts';

const stateTone: Record<HandlingState, string> = {
  unrouted: 'neutral',
  routed: 'info',
  returned: 'warning',
  replied: 'neutral',
  approved: 'success',
  rated: 'success',
};

/** Topics of every campaign, by key (the inbox filter takes a topic key). */
async function allTopics(signal: AbortSignal): Promise<Topic[]> {
  const campaigns = await listCampaigns('all', signal);
  const details = await Promise.all(campaigns.map((c) => getCampaign(c.slug, signal)));
  const byKey = new Map<string, Topic>();
  for (const c of details)
    for (const topic of c.topics) if (!byKey.has(topic.key)) byKey.set(topic.key, topic);
  return [...byKey.values()];
}

/**
 * 待办: the handler's inbox — matters routed to their unit, soonest due first, overdue ones in
 * red — with filters by view, topic, urgency and overdue. Each row opens the submission.
 */
@customElement('hy-handling-inbox')
export class HyHandlingInbox extends HyElement {
  @state() private view: InboxView = 'open';
  @state() private topic = '';
  @state() private urgency: Urgency | '' = '';
  @state() private overdue = false;
  @state() private page = 1;
  @state() private reload = 0;

  private readonly orgs = new OrganisationsController(this);

  private readonly topics = new Task(this, {
    task: (_args, { signal }) => allTopics(signal),
    args: () => [] as const,
  });

  private readonly list = new Task(this, {
    task: ([view, topic, urgency, overdue, page], { signal }) =>
      inbox(
        { view, page, overdue, ...(topic ? { topic } : {}), ...(urgency ? { urgency } : {}) },
        signal,
      ),
    args: () =>
      [this.view, this.topic, this.urgency, this.overdue, this.page, this.reload] as const,
  });

  static override styles = [
    shared,
    css`
      .filters {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr)) auto auto;
        gap: var(--hy-space-3);
        align-items: end;
        margin-bottom: var(--hy-space-4);
      }
      .filters .field {
        margin: 0;
      }
      .filters .check {
        padding-top: 0;
        align-items: center;
        min-height: var(--hy-tap);
        white-space: nowrap;
      }
      .count {
        font-weight: 600;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--hy-space-3);
      }
      li.card {
        display: grid;
        grid-template-columns: 9.5em minmax(0, 1fr) auto;
        gap: var(--hy-space-2) var(--hy-space-4);
        align-items: start;
        padding: var(--hy-space-3) var(--hy-space-4);
      }
      li.card.is-overdue {
        border-color: color-mix(in srgb, var(--hy-color-danger) 45%, transparent);
        box-shadow: inset 4px 0 0 var(--hy-color-danger);
      }
      .due {
        font-size: var(--hy-font-size-sm);
        display: flex;
        flex-direction: column;
        gap: 2px;
        align-items: flex-start;
      }
      .due time {
        font-weight: 600;
      }
      h3 {
        font-size: var(--hy-font-size);
        margin: 0 0 var(--hy-space-1);
        overflow-wrap: anywhere;
      }
      h3 a {
        color: var(--hy-color-text);
        text-decoration: none;
      }
      h3 a:hover {
        color: var(--hy-color-accent);
        text-decoration: underline;
      }
      .ref {
        font-family: var(--hy-font-mono);
        color: var(--hy-color-text);
      }
      .tags {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-1);
        justify-content: flex-end;
      }
      @media (max-width: 900px) {
        .filters {
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
      }
      @media (max-width: 640px) {
        .filters {
          gap: var(--hy-space-2) var(--hy-space-3);
        }
        .filters .btn {
          justify-self: end;
        }
        li.card {
          grid-template-columns: minmax(0, 1fr);
          gap: var(--hy-space-1);
        }
        .due {
          flex-direction: row;
          flex-wrap: wrap;
          align-items: center;
          gap: var(--hy-space-2);
        }
        .tags {
          justify-content: flex-start;
          grid-row: 1;
        }
      }
    `,
  ];

  /** A filter changed: back to the first page. */
  private filter(change: () => void) {
    change();
    this.page = 1;
  }

  private renderItem({ submission: s, handling: h }: InboxItem) {
    const tags = [];
    tags.push(
      html`<span class="tag ${stateTone[h.state]}" data-testid="inbox-state"
        >${t(`handling.state.${h.state}`)}</span
      >`,
    );
    if (h.urgency === 'urgent')
      tags.push(html`<span class="tag danger">${t('urgency.urgent')}</span>`);
    if (h.escalated && h.overdue)
      tags.push(html`<span class="tag warning">${t('handling.escalated')}</span>`);
    if (h.round > 1)
      tags.push(html`<span class="tag neutral">${t('handling.round', { n: h.round })}</span>`);
    if (h.extension.state !== 'none')
      tags.push(
        html`<span class="tag neutral"
          >${t(`handling.extension.${h.extension.state}`, { days: h.extension.days ?? '' })}</span
        >`,
      );
    return html`<li
      class="card ${h.overdue ? 'is-overdue' : ''}"
      data-testid="inbox-item"
      data-id=${s.id}
      data-overdue=${h.overdue ? 'true' : 'false'}
    >
      <div class="due" data-testid="inbox-due">
        ${
          h.dueAt
            ? html`<time
                class=${h.overdue ? 'overdue' : ''}
                datetime=${new Date(h.dueAt).toISOString()}
                >${t('inbox.due', { date: formatDate(h.dueAt) })}</time
              >`
            : html`<span class="muted">${t('inbox.noDue')}</span>`
        }
        ${h.overdue ? html`<span class="tag danger">${t('handling.overdue')}</span>` : nothing}
      </div>
      <div>
        <h3>
          <a href="/s/${encodeURIComponent(s.id)}" data-testid="inbox-link">${s.title}</a>
        </h3>
        <div class="meta">
          <span class="ref">${s.ref}</span>
          ${s.topic ? html`<span>${localText(s.topic.title)}</span>` : nothing}
          ${s.region ? html`<span>${s.region.name}</span>` : nothing}
          ${
            this.view === 'escalated' && h.unit
              ? html`<span data-testid="inbox-unit">${unitLabel(h.unit)}</span>`
              : nothing
          }
          ${
            h.transferCount > 0
              ? html`<span>${t('handling.transfers', { n: h.transferCount })}</span>`
              : nothing
          }
        </div>
      </div>
      <div class="tags">${tags}</div>
    </li>`;
  }

  private renderList(p: Page<InboxItem>) {
    return html`<p class="count" data-testid="inbox-count">
        ${t('inbox.count', { n: formatNumber(p.total) })}
      </p>
      ${
        p.items.length === 0
          ? html`<div class="card empty" data-testid="inbox-empty">${t('inbox.empty')}</div>`
          : html`<ul data-testid="inbox-list">
              ${p.items.map((i) => this.renderItem(i))}
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
    return html`<div class="filters">
        <div class="field">
          <label for="view">${t('inbox.view')}</label>
          <select
            id="view"
            data-testid="inbox-view"
            @change=${(e: Event) =>
              this.filter(() => (this.view = (e.target as HTMLSelectElement).value as InboxView))}
          >
            ${inboxViews.map(
              (v) =>
                html`<option value=${v} ?selected=${this.view === v}>
                  ${t(`inbox.view.${v}`)}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="topic">${t('inbox.topic')}</label>
          <select
            id="topic"
            data-testid="inbox-topic"
            @change=${(e: Event) =>
              this.filter(() => (this.topic = (e.target as HTMLSelectElement).value))}
          >
            <option value="" ?selected=${this.topic === ''}>${t('inbox.allTopics')}</option>
            ${(this.topics.value ?? []).map(
              (tp) =>
                html`<option value=${tp.key} ?selected=${this.topic === tp.key}>
                  ${localText(tp.title)}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="urgency">${t('inbox.urgency')}</label>
          <select
            id="urgency"
            data-testid="inbox-urgency"
            @change=${(e: Event) =>
              this.filter(
                () => (this.urgency = (e.target as HTMLSelectElement).value as Urgency | ''),
              )}
          >
            <option value="" ?selected=${this.urgency === ''}>${t('inbox.allUrgencies')}</option>
            ${urgencies.map(
              (u) =>
                html`<option value=${u} ?selected=${this.urgency === u}>
                  ${t(`urgency.${u}`)}
                </option>`,
            )}
          </select>
        </div>
        <label class="check">
          <input
            type="checkbox"
            data-testid="inbox-overdue"
            .checked=${this.overdue}
            @change=${(e: Event) =>
              this.filter(() => (this.overdue = (e.target as HTMLInputElement).checked))}
          />
          <span>${t('inbox.overdueOnly')}</span>
        </label>
        <button class="btn" type="button" data-testid="inbox-refresh" @click=${() => this.reload++}>
          ${t('common.refresh')}
        </button>
      </div>
      ${this.list.render({
        initial: () => html`<hy-loading></hy-loading>`,
        pending: () =>
          this.list.value ? this.renderList(this.list.value) : html`<hy-loading></hy-loading>`,
        complete: (p) => this.renderList(p),
        error: (e) =>
          html`<hy-error-box .error=${e} retry @hy-retry=${() => this.list.run()}></hy-error-box>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-handling-inbox': HyHandlingInbox;
  }
}
