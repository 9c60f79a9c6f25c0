import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Addressee } from '../api/boards.ts';
import type { FigureValues } from '../api/figures.ts';
import { localText, t } from '../i18n/index.ts';
import { addresseeUnit } from '../lib/addressee-text.ts';
import { formatFigure } from '../lib/board-format.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

/** A leader on a region's board: office, holder, handling unit and key figures, linking to theirs. */
@customElement('hy-leader-card')
export class HyLeaderCard extends HyElement {
  @property({ attribute: false }) addressee!: Addressee & { figures: FigureValues };

  static override styles = [
    shared,
    css`
      article {
        height: 100%;
        padding: var(--hy-space-3) var(--hy-space-4);
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius);
        background: var(--hy-color-surface);
        display: flex;
        flex-direction: column;
        gap: var(--hy-space-2);
      }
      h3 {
        margin: 0;
        font-size: var(--hy-font-size-lg);
        overflow-wrap: anywhere;
      }
      .sub {
        margin: 0;
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
        overflow-wrap: anywhere;
      }
      dl {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr));
        gap: var(--hy-space-2);
        margin: 0;
      }
      dl div {
        display: flex;
        flex-direction: column-reverse;
      }
      dt {
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-text-muted);
      }
      dd {
        margin: 0;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .rate dd {
        color: var(--hy-color-accent);
      }
    `,
  ];

  override render() {
    const a = this.addressee;
    const unit = addresseeUnit(a);
    return html`<article data-testid="leader-card" data-key=${a.key}>
      <h3>
        <a class="tap" href="/boards/a/${encodeURIComponent(a.key)}" data-testid="leader-link"
          >${localText(a.title)}</a
        >
      </h3>
      ${a.holder ? html`<p class="sub">${t('boards.holder', { name: localText(a.holder) })}</p>` : nothing}
      ${unit ? html`<p class="sub">${t('addressee.unit', { unit })}</p>` : nothing}
      ${a.retired ? html`<p class="sub">${t('boards.retired')}</p>` : nothing}
      <dl>
        <div>
          <dt>${t('board.published')}</dt>
          <dd>${formatFigure(a.figures, 'published')}</dd>
        </div>
        <div>
          <dt>${t('board.replied')}</dt>
          <dd>${formatFigure(a.figures, 'replied')}</dd>
        </div>
        <div class="rate">
          <dt>${t('board.replyRate')}</dt>
          <dd data-testid="leader-reply-rate">${formatFigure(a.figures, 'replyRate')}</dd>
        </div>
      </dl>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-leader-card': HyLeaderCard;
  }
}
