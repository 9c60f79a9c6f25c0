import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  scorecardFigureKeys,
  type Definition,
  type ScorecardFigureKey,
  type ScorecardFigures,
} from '../api/scorecards.ts';
import { formatNumber, getLocale, t } from '../i18n/index.ts';
import { formatRate } from '../lib/board-format.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

/** One row of a scorecard table: whose figures (a name, and a link when there is a board). */
export type ScorecardRow = ScorecardFigures & { key: string; name: string; href?: string };

const rates = new Set<ScorecardFigureKey>(['answerRate', 'onTimeRate', 'satisfactionRate']);

function formatScore(row: ScorecardFigures, key: ScorecardFigureKey): string {
  const v = row[key];
  return rates.has(key) ? formatRate(v) : formatNumber(v ?? 0);
}

/**
 * A month's scorecards as a table: a row per unit or leader, a column per figure, each column's
 * definition on its heading (a tooltip). Below 640px each row becomes a card of label and value
 * pairs, so a phone reads it without sideways scrolling.
 */
@customElement('hy-scorecard-table')
export class HyScorecardTable extends HyElement {
  @property({ attribute: false }) rows: ScorecardRow[] = [];
  @property({ attribute: false }) definitions: Partial<Record<string, Definition>> = {};
  /** The first column's heading: 单位 or 领导. */
  @property() nameLabel = '';
  @property() empty = '';

  static override styles = [
    shared,
    css`
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: var(--hy-font-size-sm);
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        border-bottom: 1px solid var(--hy-color-border);
        padding: var(--hy-space-2);
        text-align: right;
        vertical-align: middle;
      }
      tr > :first-child {
        text-align: left;
        overflow-wrap: anywhere;
      }
      tbody th {
        font-weight: 600;
      }
      thead th {
        font-weight: 600;
        color: var(--hy-color-text-muted);
        white-space: nowrap;
      }
      thead th abbr {
        text-decoration: underline dotted;
        text-underline-offset: 3px;
        cursor: help;
      }
      td.alarm {
        color: var(--hy-color-danger);
        font-weight: 700;
      }
      tbody th a {
        display: inline-flex;
        align-items: center;
        min-height: var(--hy-tap);
      }
      @media (max-width: 640px) {
        thead {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip: rect(0 0 0 0);
        }
        table,
        tbody {
          display: block;
        }
        tr {
          display: grid;
          grid-template-columns: repeat(2, minmax(0, 1fr));
          gap: 0 var(--hy-space-3);
          padding: var(--hy-space-3) 0;
          border-bottom: 1px solid var(--hy-color-border);
        }
        td {
          display: flex;
          justify-content: space-between;
          gap: var(--hy-space-2);
          border-bottom: 0;
          padding: 2px 0;
        }
        tbody th {
          display: block;
          border-bottom: 0;
          padding: 0 0 var(--hy-space-1);
          grid-column: 1 / -1;
          font-size: var(--hy-font-size);
        }
        td[data-label]::before {
          content: attr(data-label);
          color: var(--hy-color-text-muted);
          text-align: left;
        }
      }
    `,
  ];

  private definition(key: string): string {
    const d = this.definitions[key];
    if (!d) return '';
    return getLocale() === 'en' ? d.en : d.zh;
  }

  override render() {
    if (this.rows.length === 0)
      return html`<p class="muted" data-testid="scorecard-empty">${this.empty}</p>`;
    return html`<table data-testid="scorecard-table">
      <thead>
        <tr>
          <th scope="col">${this.nameLabel}</th>
          ${scorecardFigureKeys.map(
            (k) =>
              html`<th scope="col">
                <abbr title=${this.definition(k) || nothing}>${t(`scorecard.${k}`)}</abbr>
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${this.rows.map(
          (r) =>
            html`<tr data-testid="scorecard-row" data-key=${r.key}>
              <th scope="row" data-testid="scorecard-name">
                ${r.href ? html`<a href=${r.href}>${r.name}</a>` : r.name}
              </th>
              ${scorecardFigureKeys.map(
                (k) =>
                  html`<td
                    data-label=${t(`scorecard.${k}`)}
                    data-testid="scorecard-${k}"
                    class=${k === 'overdueNow' && r.overdueNow > 0 ? 'alarm' : ''}
                  >
                    ${formatScore(r, k)}
                  </td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-scorecard-table': HyScorecardTable;
  }
}
