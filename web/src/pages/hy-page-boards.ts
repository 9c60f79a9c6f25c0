import { Task } from '@lit/task';
import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { boardsOverview, type BoardsOverview } from '../api/boards.ts';
import { formatNumber, t } from '../i18n/index.ts';
import { boardPeriod } from '../lib/board-period.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { boardPageStyles } from '../styles/board-page.ts';
import { shared } from '../styles/shared.ts';
import '../components/hy-board-figures.ts';
import '../components/hy-board-ranking.ts';
import '../components/hy-error-box.ts';
import '../components/hy-loading.ts';

/** /boards: the national overview (回复榜): provinces ranked by reply rate and by volume. */
@customElement('hy-page-boards')
export class HyPageBoards extends HyElement {
  @property() search = '';

  private readonly data = new Task(this, {
    task: ([period], { signal }) => {
      setPageTitle(t('boards.title'));
      return boardsOverview(period, signal);
    },
    args: () => [boardPeriod(this.search)] as const,
    argsEqual: ([a], [b]) => JSON.stringify(a) === JSON.stringify(b),
  });

  static override styles = [
    shared,
    boardPageStyles,
    css`
      .intro {
        color: var(--hy-color-text-muted);
        max-width: 48em;
      }
      .more {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0 var(--hy-space-3);
        margin: 0 0 var(--hy-space-3);
      }
      .total {
        font-weight: 600;
      }
    `,
  ];

  private renderOverview(o: BoardsOverview) {
    return html`<hy-board-figures .frame=${o}></hy-board-figures>
      <p class="total" data-testid="boards-total">
        ${t('boards.total', {
          published: formatNumber(o.total.published),
          replied: formatNumber(o.total.replied),
        })}
      </p>
      <div class="two">
        <section class="card" data-testid="boards-by-reply-rate">
          <h2>${t('boards.byReplyRate')}</h2>
          <hy-board-ranking
            .items=${o.byReplyRate}
            by="replyRate"
            empty=${t('boards.noActivity')}
          ></hy-board-ranking>
        </section>
        <section class="card" data-testid="boards-by-volume">
          <h2>${t('boards.byVolume')}</h2>
          <hy-board-ranking
            .items=${o.byVolume}
            by="published"
            empty=${t('boards.noActivity')}
          ></hy-board-ranking>
        </section>
      </div>`;
  }

  override render() {
    return html`<h1>${t('boards.title')}</h1>
      <p class="intro">${t('boards.intro')}</p>
      <p class="more">
        <a class="tap" href="/data/scorecards" data-testid="boards-scorecards"
          >${t('scorecards.link')} →</a
        >
        <span class="muted small">${t('scorecards.linkNote')}</span>
      </p>
      <p class="more">
        <a class="tap" href="/api/reports/annual" target="_blank" data-testid="boards-report"
          >${t('boards.report')} →</a
        >
        <a class="tap" href="/api/reports/annual?format=pdf" data-testid="boards-report-pdf">PDF</a>
        <span class="muted small">${t('boards.reportNote')}</span>
      </p>
      ${this.data.render({
        initial: () => html`<hy-loading></hy-loading>`,
        pending: () =>
          this.data.value ? this.renderOverview(this.data.value) : html`<hy-loading></hy-loading>`,
        complete: (o) => this.renderOverview(o),
        error: (e) =>
          html`<hy-error-box .error=${e} retry @hy-retry=${() => this.data.run()}></hy-error-box>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-boards': HyPageBoards;
  }
}
