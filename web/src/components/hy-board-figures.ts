import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { BoardFrame } from '../api/boards.ts';
import type { FigureValues } from '../api/figures.ts';
import { formatDateTime, getLocale, t } from '../i18n/index.ts';
import { boardFigureKeys, formatFigure } from '../lib/board-format.ts';
import './hy-definition-list.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

/**
 * A board's figures: published, answered, reply rate, on-time rate, satisfaction and the median
 * time to reply, each with its definition (a tooltip, and the 口径说明 list below), under the
 * period they cover and the time they were counted. Without `figures` (the overview) only the
 * period, the time and the definitions.
 */
@customElement('hy-board-figures')
export class HyBoardFigures extends HyElement {
  @property({ attribute: false }) frame: BoardFrame | null = null;
  @property({ attribute: false }) figures: FigureValues | null = null;

  static override styles = [
    shared,
    css`
      .frame {
        margin: 0 0 var(--hy-space-3);
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
      }
      .frame span + span::before {
        content: ' · ';
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
        gap: var(--hy-space-2);
      }
      li {
        padding: var(--hy-space-3);
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius);
        background: var(--hy-color-surface);
        min-width: 0;
      }
      .value {
        display: block;
        font-size: var(--hy-font-size-xl);
        font-weight: 700;
        color: var(--hy-color-accent);
        font-variant-numeric: tabular-nums;
        line-height: 1.3;
      }
      .label {
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
        cursor: help;
        text-decoration: underline dotted;
        text-underline-offset: 3px;
      }
      hy-definition-list {
        display: block;
        margin-top: var(--hy-space-3);
      }
      @media (max-width: 640px) {
        ul {
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
      }
    `,
  ];

  private definition(key: string): string {
    const d = this.frame?.definitions[key as keyof BoardFrame['definitions']];
    if (!d) return '';
    return getLocale() === 'en' ? d.en : d.zh;
  }

  override render() {
    const { frame, figures } = this;
    if (!frame) return nothing;
    return html`<p class="frame" data-testid="board-frame">
        <span data-testid="board-period"
          >${t('boards.period', { from: frame.period.from, to: frame.period.to })}</span
        ><span data-testid="board-taken-at"
          >${
            frame.takenAt === null
              ? t('boards.noSnapshot')
              : t('boards.takenAt', { time: formatDateTime(frame.takenAt) })
          }</span
        >
      </p>
      ${
        figures
          ? html`<ul data-testid="board-figures">
              ${boardFigureKeys.map(
                (k) =>
                  html`<li data-testid="board-figure-${k}">
                    <span class="value">${formatFigure(figures, k)}</span>
                    <span class="label" title=${this.definition(k)}>${t(`board.${k}`)}</span>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      <hy-definition-list
        data-testid="board-definitions"
        summary=${t('boards.definitions')}
        .items=${(['period', ...boardFigureKeys] as const).map((k) => ({
          label: t(`board.${k}`),
          definition: frame.definitions[k as keyof BoardFrame['definitions']],
        }))}
      ></hy-definition-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-board-figures': HyBoardFigures;
  }
}
