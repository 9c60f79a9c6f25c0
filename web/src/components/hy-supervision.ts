import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { supervision } from '../api/handling.ts';
import type { Supervision } from '../api/types.ts';
import { formatDate, formatNumber, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { OrganisationsController, unitLabel } from '../lib/orgs.ts';
import { hasRole, SessionController } from '../lib/session.ts';
import { shared } from '../styles/shared.ts';
import './hy-error-box.ts';
import './hy-loading.ts';

/** 督办: matters past due without an answer, by unit; bounced and unassigned matters waiting. */
@customElement('hy-supervision')
export class HySupervision extends HyElement {
  private readonly session = new SessionController(this);
  private readonly orgs = new OrganisationsController(this);

  private readonly data = new Task(this, {
    task: (_args, { signal }) => supervision(signal),
    args: () => [] as const,
  });

  static override styles = [
    shared,
    css`
      .toolbar {
        display: flex;
        justify-content: flex-end;
        margin-bottom: var(--hy-space-3);
      }
      .stats {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr));
        gap: var(--hy-space-3);
        margin: 0 0 var(--hy-space-5);
      }
      .stat {
        background: var(--hy-color-surface);
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius-lg);
        padding: var(--hy-space-3) var(--hy-space-4);
      }
      .stat dt {
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
      }
      .stat dd {
        margin: 0;
        font-size: var(--hy-font-size-xxl);
        font-weight: 700;
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: var(--hy-space-3);
      }
      .stat.bad dd {
        color: var(--hy-color-danger);
      }
      .stat dd a {
        font-size: var(--hy-font-size-sm);
        font-weight: 500;
      }
      h2 {
        font-size: var(--hy-font-size-lg);
      }
      table {
        width: 100%;
        border-collapse: collapse;
        background: var(--hy-color-surface);
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius-lg);
        overflow: hidden;
      }
      th,
      td {
        text-align: left;
        padding: var(--hy-space-3) var(--hy-space-4);
        border-bottom: 1px solid var(--hy-color-border);
      }
      th {
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
        background: var(--hy-color-surface-alt);
        font-weight: 600;
      }
      tr:last-child td {
        border-bottom: 0;
      }
      td.num {
        font-weight: 700;
        color: var(--hy-color-danger);
        white-space: nowrap;
      }
      td.date {
        white-space: nowrap;
      }
      td.unit {
        overflow-wrap: anywhere;
      }
      @media (max-width: 640px) {
        .stats {
          gap: var(--hy-space-2);
        }
        .stat {
          padding: var(--hy-space-2) var(--hy-space-3);
        }
        .stat dt {
          font-size: var(--hy-font-size-xs);
          line-height: 1.4;
        }
        .stat dd {
          font-size: var(--hy-font-size-xl);
          gap: 0 var(--hy-space-2);
        }
        th,
        td {
          padding: var(--hy-space-2) var(--hy-space-3);
          font-size: var(--hy-font-size-sm);
        }
      }
    `,
  ];

  private renderData(d: Supervision) {
    const total = d.units.reduce((n, u) => n + u.overdue, 0);
    const canTriage = hasRole(this.session.user, 'reviewer', 'admin');
    const toTriage = canTriage
      ? html`<a class="tap" href="/console/triage" data-testid="supervision-to-triage"
          >${t('supervision.toTriage')}</a
        >`
      : nothing;
    return html`<dl class="stats">
        <div class="stat ${total > 0 ? 'bad' : ''}">
          <dt>${t('supervision.total')}</dt>
          <dd data-testid="supervision-overdue">${formatNumber(total)}</dd>
        </div>
        <div class="stat">
          <dt>${t('supervision.flagged')}</dt>
          <dd data-testid="supervision-flagged">
            ${formatNumber(d.flagged)} ${d.flagged > 0 ? toTriage : nothing}
          </dd>
        </div>
        <div class="stat">
          <dt>${t('supervision.triage')}</dt>
          <dd data-testid="supervision-triage">
            ${formatNumber(d.triage)} ${d.triage > 0 ? toTriage : nothing}
          </dd>
        </div>
      </dl>
      <h2>${t('supervision.overdueByUnit')}</h2>
      ${
        d.units.length === 0
          ? html`<div class="card empty" data-testid="supervision-empty">
              ${t('supervision.none')}
            </div>`
          : html`<table data-testid="supervision-units">
              <thead>
                <tr>
                  <th scope="col">${t('supervision.unit')}</th>
                  <th scope="col">${t('supervision.overdue')}</th>
                  <th scope="col">${t('supervision.oldestDue')}</th>
                </tr>
              </thead>
              <tbody>
                ${d.units.map(
                  (u) =>
                    html`<tr data-testid="supervision-unit" data-unit=${u.unit.code}>
                      <td class="unit">${unitLabel(u.unit)}</td>
                      <td class="num">${formatNumber(u.overdue)}</td>
                      <td class="date">${formatDate(u.oldestDue)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }`;
  }

  override render() {
    return html`<div class="toolbar">
        <button
          class="btn"
          type="button"
          data-testid="supervision-refresh"
          @click=${() => this.data.run()}
        >
          ${t('common.refresh')}
        </button>
      </div>
      ${this.data.render({
        initial: () => html`<hy-loading></hy-loading>`,
        pending: () =>
          this.data.value ? this.renderData(this.data.value) : html`<hy-loading></hy-loading>`,
        complete: (d) => this.renderData(d),
        error: (e) =>
          html`<hy-error-box .error=${e} retry @hy-retry=${() => this.data.run()}></hy-error-box>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-supervision': HySupervision;
  }
}
