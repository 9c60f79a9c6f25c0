import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RankedRegion } from '../api/boards.ts';
import { t } from '../i18n/index.ts';
import { formatFigure, type BoardFigureKey } from '../lib/board-format.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

/**
 * Places ranked (the 回复榜 of provinces, a region's parts): rank, name linking to the place's
 * board, then the figure it is ranked by and the others. A list, not a table, so a phone shows
 * each row on two lines instead of scrolling sideways.
 */
@customElement('hy-board-ranking')
export class HyBoardRanking extends HyElement {
  @property({ attribute: false }) items: RankedRegion[] = [];
  /** The figure the list is ranked by: shown first and stressed. */
  @property() by: BoardFigureKey = 'replyRate';
  @property() empty = '';

  static override styles = [
    shared,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: grid;
        grid-template-columns: 2rem minmax(0, 1fr) repeat(3, 6.5rem);
        align-items: center;
        gap: var(--hy-space-1) var(--hy-space-3);
        padding: var(--hy-space-1) 0;
        border-bottom: 1px solid var(--hy-color-border);
      }
      .n {
        font-weight: 700;
        color: var(--hy-color-text-muted);
        text-align: center;
        font-variant-numeric: tabular-nums;
      }
      li:nth-child(-n + 3) .n {
        color: var(--hy-color-accent);
      }
      a.tap {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .stat {
        text-align: right;
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-text-muted);
        white-space: nowrap;
      }
      .stat strong {
        display: block;
        font-size: var(--hy-font-size);
        color: var(--hy-color-text);
        font-variant-numeric: tabular-nums;
      }
      .stat.lead strong {
        color: var(--hy-color-accent);
      }
      @media (max-width: 640px) {
        li {
          grid-template-columns: 2rem repeat(3, minmax(0, 1fr));
          padding: var(--hy-space-2) 0;
        }
        a.tap {
          grid-column: 2 / -1;
        }
        .stat {
          grid-row: 2;
          text-align: left;
        }
        /* Children: rank, name, then the three figures under the name. */
        .stat:nth-child(3) {
          grid-column: 2;
        }
        .stat:nth-child(4) {
          grid-column: 3;
        }
        .stat:nth-child(5) {
          grid-column: 4;
        }
      }
    `,
  ];

  override render() {
    if (this.items.length === 0)
      return this.empty
        ? html`<p class="empty" data-testid="ranking-empty">${this.empty}</p>`
        : nothing;
    const keys: BoardFigureKey[] = [
      this.by,
      ...(['published', 'replied', 'replyRate'] as const).filter((k) => k !== this.by),
    ].slice(0, 3);
    return html`<ol>
      ${this.items.map(
        (r, i) =>
          html`<li data-testid="ranking-row" data-code=${r.code}>
            <span class="n" aria-label=${t('boards.rank')}>${i + 1}</span>
            <a
              class="tap"
              href="/boards/r/${encodeURIComponent(r.code)}"
              data-testid="ranking-link"
              aria-label=${t('boards.openBoard', { name: r.name })}
              >${r.name}</a
            >
            ${keys.map(
              (k, j) =>
                html`<span class="stat ${j === 0 ? 'lead' : ''}" data-testid="ranking-${k}"
                  ><strong>${formatFigure(r.figures, k)}</strong>${t(`board.${k}`)}</span
                >`,
            )}
          </li>`,
      )}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-board-ranking': HyBoardRanking;
  }
}
