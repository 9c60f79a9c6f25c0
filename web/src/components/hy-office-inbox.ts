import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { officeMessages, officeViews, type OfficePage, type OfficeView } from '../api/offices.ts';
import type { HandlingState, InboxItem } from '../api/types.ts';
import { formatDate, formatNumber, localText, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { OrganisationsController, unitLabel } from '../lib/orgs.ts';
import { shared } from '../styles/shared.ts';
import './hy-error-box.ts';
import './hy-loading.ts';
import './hy-pagination.ts';

const stateTone: Record<HandlingState, string> = {
  unrouted: 'warning',
  routed: 'info',
  returned: 'warning',
  replied: 'neutral',
  approved: 'success',
  rated: 'success',
};

/**
 * 领导留言: a leader's office follows the messages written to its leader — open, answered or
 * all, soonest due first — each with the unit holding it, its due date and state, linking to
 * the message (where the office instructs).
 */
@customElement('hy-office-inbox')
export class HyOfficeInbox extends HyElement {
  @state() private view: OfficeView = 'open';
  /** One of the leaders the office serves (key), or '' for all of them. */
  @state() private addressee = '';
  @state() private page = 1;
  @state() private reload = 0;

  private readonly orgs = new OrganisationsController(this);

  private readonly list = new Task(this, {
    task: ([view, addressee, page], { signal }) =>
      officeMessages({ view, page, ...(addressee ? { addressee } : {}) }, signal),
    args: () => [this.view, this.addressee, this.page, this.reload] as const,
  });

  static override styles = [
    shared,
    css`
      .intro {
        margin: 0 0 var(--hy-space-3);
        color: var(--hy-color-text-muted);
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-3);
        align-items: end;
        margin-bottom: var(--hy-space-4);
      }
      .filters .field {
        margin: 0;
        min-width: 12rem;
      }
      .views {
        display: flex;
        gap: var(--hy-space-1);
        flex-wrap: wrap;
      }
      .views button[aria-pressed='true'] {
        background: var(--hy-color-accent-soft);
        border-color: var(--hy-color-accent);
        color: var(--hy-color-accent-strong);
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
        grid-template-columns: 10em minmax(0, 1fr) auto;
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
      @media (max-width: 640px) {
        .filters .field {
          min-width: 0;
          flex: 1 1 100%;
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

  private renderItem({ submission: s, handling: h }: InboxItem) {
    const answered = h.state === 'approved' || h.state === 'rated';
    return html`<li
      class="card ${h.overdue ? 'is-overdue' : ''}"
      data-testid="office-item"
      data-id=${s.id}
      data-overdue=${h.overdue ? 'true' : 'false'}
    >
      <div class="due" data-testid="office-due">
        ${
          h.dueAt && !answered
            ? html`<time
                class=${h.overdue ? 'overdue' : ''}
                datetime=${new Date(h.dueAt).toISOString()}
                >${t('office.due', { date: formatDate(h.dueAt) })}</time
              >`
            : html`<span class="muted"
                >${answered ? t('office.answeredState') : t('inbox.noDue')}</span
              >`
        }
        ${h.overdue ? html`<span class="tag danger">${t('handling.overdue')}</span>` : nothing}
      </div>
      <div>
        <h3>
          <a href="/s/${encodeURIComponent(s.id)}" data-testid="office-link">${s.title}</a>
        </h3>
        <div class="meta">
          <span class="ref">${s.ref}</span>
          <span data-testid="office-unit"
            >${h.unit ? t('office.unit', { unit: unitLabel(h.unit) }) : t('handling.noUnit')}</span
          >
          ${s.region ? html`<span>${s.region.name}</span>` : nothing}
          ${
            s.addressee && this.servesSeveral
              ? html`<span>${localText(s.addressee.title)}</span>`
              : nothing
          }
        </div>
      </div>
      <div class="tags">
        <span class="tag ${stateTone[h.state]}" data-testid="office-state"
          >${t(`handling.state.${h.state}`)}</span
        >
        ${
          h.urgency === 'urgent'
            ? html`<span class="tag danger" data-testid="office-urgent"
                >${t('urgency.urgent')}</span
              >`
            : nothing
        }
      </div>
    </li>`;
  }

  private get servesSeveral(): boolean {
    return (this.list.value?.addressees.length ?? 0) > 1;
  }

  private renderList(p: OfficePage) {
    const leaders = p.addressees.map((a) => localText(a.title)).join('、');
    return html`${
        leaders
          ? html`<p class="intro" data-testid="office-intro">
              ${t('office.intro', { leader: leaders })}
            </p>`
          : nothing
      }
      ${this.renderFilters(p)}
      <p class="count" data-testid="office-count">
        ${t('office.count', { n: formatNumber(p.total) })}
      </p>
      ${
        p.items.length === 0
          ? html`<div class="card empty" data-testid="office-empty">
              ${t(`office.empty.${this.view}`)}
            </div>`
          : html`<ul data-testid="office-list">
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

  private renderFilters(p: OfficePage) {
    return html`<div class="filters">
      <div class="views" role="group" aria-label=${t('office.view')}>
        ${officeViews.map(
          (v) =>
            html`<button
              class="btn"
              type="button"
              aria-pressed=${this.view === v ? 'true' : 'false'}
              data-testid="office-view-${v}"
              @click=${() => {
                this.view = v;
                this.page = 1;
              }}
            >
              ${t(`office.view.${v}`)}
            </button>`,
        )}
      </div>
      ${
        p.addressees.length > 1
          ? html`<div class="field">
              <label for="office-leader">${t('office.leader')}</label>
              <select
                id="office-leader"
                data-testid="office-leader"
                @change=${(e: Event) => {
                  this.addressee = (e.target as HTMLSelectElement).value;
                  this.page = 1;
                }}
              >
                <option value="" ?selected=${this.addressee === ''}>
                  ${t('office.allLeaders')}
                </option>
                ${p.addressees.map(
                  (a) =>
                    html`<option value=${a.key} ?selected=${this.addressee === a.key}>
                      ${localText(a.title)}
                    </option>`,
                )}
              </select>
            </div>`
          : nothing
      }
      <button
        class="btn ghost"
        type="button"
        data-testid="office-refresh"
        @click=${() => this.reload++}
      >
        ${t('common.refresh')}
      </button>
    </div>`;
  }

  override render() {
    return this.list.render({
      initial: () => html`<hy-loading></hy-loading>`,
      pending: () =>
        this.list.value ? this.renderList(this.list.value) : html`<hy-loading></hy-loading>`,
      complete: (p) => this.renderList(p),
      error: (e) =>
        html`<hy-error-box .error=${e} retry @hy-retry=${() => this.list.run()}></hy-error-box>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-office-inbox': HyOfficeInbox;
  }
}
