import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { unitMonth } from '../api/handling.ts';
import type { UnitMonth } from '../api/types.ts';
import { formatNumber, getLocale, t, type MessageKey } from '../i18n/index.ts';
import type { UnitEventDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { OrganisationsController, unitLabel } from '../lib/orgs.ts';
import { SessionController } from '../lib/session.ts';
import { shared } from '../styles/shared.ts';
import { satisfactions } from '../../../schema/states.ts';
import './hy-error-box.ts';
import './hy-loading.ts';
import './hy-unit-picker.ts';

/** The current month in China, YYYY-MM. */
function thisMonth(): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(Date.now());
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}`;
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(getLocale(), {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(Date.UTC(y, m - 1, 15));
}

/** How far back the month picker goes. */
const MONTHS_BACK = 24;

const percent = (r: number | null) =>
  r === null
    ? t('common.dash')
    : new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(r);

/**
 * 月清月结: a unit's month — assigned, answered, on time, overdue, returned, ratings — with a
 * month picker. A handler sees their own unit; someone without one picks a unit.
 */
@customElement('hy-unit-month')
export class HyUnitMonth extends HyElement {
  @state() private month = thisMonth();
  @state() private unit = '';

  private readonly session = new SessionController(this);
  private readonly orgs = new OrganisationsController(this);

  private get ownUnit(): string {
    return this.session.user?.roles.find((r) => r.role === 'handler' && r.org)?.org?.code ?? '';
  }

  private readonly figures = new Task(this, {
    task: ([unit, month], { signal }) =>
      unit ? unitMonth({ unit, month }, signal) : Promise.resolve(null),
    args: () => [this.unit || this.ownUnit, this.month] as const,
  });

  static override styles = [
    shared,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-3);
        align-items: flex-end;
        margin-bottom: var(--hy-space-4);
      }
      .toolbar .field {
        margin: 0;
      }
      .month {
        display: flex;
        gap: var(--hy-space-2);
        align-items: flex-end;
      }
      .month select {
        width: auto;
        min-width: 9em;
      }
      .picker {
        min-width: min(100%, 320px);
      }
      h2 {
        font-size: var(--hy-font-size-lg);
        overflow-wrap: anywhere;
      }
      .stats {
        display: grid;
        grid-template-columns: repeat(4, minmax(0, 1fr));
        gap: var(--hy-space-3);
        margin: 0 0 var(--hy-space-4);
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
        font-size: var(--hy-font-size-xl);
        font-weight: 700;
      }
      .stat.bad dd {
        color: var(--hy-color-danger);
      }
      .ratings {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
        font-size: var(--hy-font-size-sm);
      }
      @media (max-width: 900px) {
        .stats {
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
      }
    `,
  ];

  private stat(key: MessageKey, value: string, testid: string, bad = false) {
    return html`<div class="stat ${bad ? 'bad' : ''}">
      <dt>${t(key)}</dt>
      <dd data-testid="monthly-${testid}">${value}</dd>
    </div>`;
  }

  private renderFigures(m: UnitMonth | null) {
    if (!m) {
      return html`<div class="card empty" data-testid="monthly-pick">
        ${t('assign.chooseUnit')}
      </div>`;
    }
    return html`<h2 data-testid="monthly-heading">
        ${t('monthly.heading', { unit: unitLabel(m.unit), month: monthLabel(m.month) })}
      </h2>
      <dl class="stats" data-testid="monthly-stats">
        ${this.stat('monthly.assigned', formatNumber(m.assigned), 'assigned')}
        ${this.stat('monthly.replied', formatNumber(m.replied), 'replied')}
        ${this.stat('monthly.onTime', formatNumber(m.onTime), 'on-time')}
        ${this.stat('monthly.onTimeRate', percent(m.onTimeRate), 'on-time-rate')}
        ${this.stat('monthly.overdue', formatNumber(m.overdue), 'overdue', m.overdue > 0)}
        ${this.stat('monthly.returned', formatNumber(m.returned), 'returned')}
        ${this.stat('monthly.returnRate', percent(m.returnRate), 'return-rate')}
        ${this.stat('monthly.open', formatNumber(m.open), 'open')}
        ${this.stat('monthly.satisfactionRate', percent(m.satisfactionRate), 'satisfaction')}
        <div class="stat">
          <dt>${t('monthly.ratings')}</dt>
          <dd class="ratings" data-testid="monthly-ratings">
            ${satisfactions.map(
              (v) =>
                html`<span
                  class="tag ${v === 'unsatisfied' ? 'danger' : v === 'satisfied' ? 'success' : 'info'}"
                  >${t(`satisfaction.${v}`)} ${formatNumber(m.ratings[v])}</span
                >`,
            )}
          </dd>
        </div>
      </dl>
      <p class="hint">${t('monthly.note')}</p>`;
  }

  override render() {
    const max = thisMonth();
    const months = Array.from({ length: MONTHS_BACK }, (_, i) => shiftMonth(max, -i));
    const oldest = months[months.length - 1]!;
    return html`<div class="toolbar">
        ${
          this.ownUnit
            ? nothing
            : html`<div class="field picker">
                <hy-unit-picker
                  .label=${t('monthly.unit')}
                  .value=${this.unit}
                  testid="monthly-unit"
                  @hy-unit-change=${(e: CustomEvent<UnitEventDetail>) => (this.unit = e.detail.code)}
                ></hy-unit-picker>
              </div>`
        }
        <div class="month">
          <button
            class="btn"
            type="button"
            aria-label=${t('common.prev')}
            data-testid="monthly-prev"
            ?disabled=${this.month <= oldest}
            @click=${() => (this.month = shiftMonth(this.month, -1))}
          >
            ←
          </button>
          <div class="field">
            <label for="month">${t('monthly.month')}</label>
            <select
              id="month"
              data-testid="monthly-month"
              @change=${(e: Event) => (this.month = (e.target as HTMLSelectElement).value)}
            >
              ${months.map(
                (m) =>
                  html`<option value=${m} ?selected=${m === this.month}>${monthLabel(m)}</option>`,
              )}
            </select>
          </div>
          <button
            class="btn"
            type="button"
            aria-label=${t('common.next')}
            data-testid="monthly-next"
            ?disabled=${this.month >= max}
            @click=${() => (this.month = shiftMonth(this.month, 1))}
          >
            →
          </button>
        </div>
      </div>
      ${this.figures.render({
        initial: () => html`<hy-loading></hy-loading>`,
        pending: () =>
          this.figures.value !== undefined
            ? this.renderFigures(this.figures.value)
            : html`<hy-loading></hy-loading>`,
        complete: (m) => this.renderFigures(m),
        error: (e) =>
          html`<hy-error-box
            .error=${e}
            retry
            @hy-retry=${() => this.figures.run()}
          ></hy-error-box>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-unit-month': HyUnitMonth;
  }
}
