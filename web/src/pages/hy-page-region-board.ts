import { Task } from '@lit/task';
import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { regionBoard, type RegionBoard } from '../api/boards.ts';
import { t } from '../i18n/index.ts';
import { boardPeriod } from '../lib/board-period.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { boardPageStyles } from '../styles/board-page.ts';
import { shared } from '../styles/shared.ts';
import '../components/hy-board-figures.ts';
import '../components/hy-board-messages.ts';
import '../components/hy-board-ranking.ts';
import '../components/hy-error-box.ts';
import '../components/hy-leader-card.ts';
import '../components/hy-loading.ts';

/**
 * /boards/r/:code: a region's board: its figures, its leaders with theirs, its parts ranked, the
 * latest answers and all its messages.
 */
@customElement('hy-page-region-board')
export class HyPageRegionBoard extends HyElement {
  @property() code = '';
  @property() search = '';

  private readonly data = new Task(this, {
    task: async ([code, period], { signal }) => {
      const b = await regionBoard(code, period, signal);
      setPageTitle(t('boards.regionTitle', { name: b.region.fullName }));
      return b;
    },
    args: () => [this.code, boardPeriod(this.search)] as const,
    argsEqual: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });

  static override styles = [shared, boardPageStyles];

  private renderBoard(b: RegionBoard) {
    const scope = { region: b.region.code };
    return html`<nav class="crumb" aria-label=${t('boards.crumb')}>
        <a class="tap" href="/boards" data-testid="crumb-boards">${t('boards.crumb')}</a>
        ${
          b.region.parent
            ? html`<span aria-hidden="true">›</span>
                <a
                  class="tap"
                  href="/boards/r/${encodeURIComponent(b.region.parent.code)}"
                  data-testid="crumb-parent"
                  >${b.region.parent.name}</a
                >`
            : nothing
        }
      </nav>
      <h1 data-testid="region-board-title">
        ${t('boards.regionTitle', { name: b.region.fullName })}
      </h1>
      <hy-board-figures .frame=${b} .figures=${b.figures}></hy-board-figures>
      ${
        // The big-data report is made per province.
        b.region.code.length === 2
          ? html`<p class="more">
              <a
                class="tap"
                href=${`/api/reports/annual?region=${b.region.code}&from=${b.period.from}&to=${b.period.to}`}
                target="_blank"
                data-testid="region-report"
                >${t('boards.reportOf', { name: b.region.name })} →</a
              >
            </p>`
          : nothing
      }

      <section data-testid="region-leaders">
        <h2>${t('boards.leaders', { name: b.region.name })}</h2>
        ${
          b.addressees.length === 0
            ? html`<p class="empty">${t('boards.noLeaders')}</p>`
            : html`<ul class="leaders">
                ${b.addressees.map(
                  (a) => html`<li><hy-leader-card .addressee=${a}></hy-leader-card></li>`,
                )}
              </ul>`
        }
      </section>

      ${
        b.region.code.length < 6
          ? html`<section class="card" data-testid="region-parts">
              <h2>${t('boards.parts')}</h2>
              <hy-board-ranking
                .items=${b.children}
                by="published"
                empty=${t('boards.noParts')}
              ></hy-board-ranking>
            </section>`
          : nothing
      }

      <section data-testid="region-answered">
        <h2>${t('boards.latestAnswered')}</h2>
        <hy-board-messages
          .campaign=${b.campaign}
          .scope=${scope}
          answered
          pageSize="5"
          empty=${t('boards.noAnswered')}
        ></hy-board-messages>
      </section>

      <section data-testid="region-messages">
        <h2>${t('boards.messages')}</h2>
        <hy-board-messages
          .campaign=${b.campaign}
          .scope=${scope}
          paginate
          pageSize="10"
          empty=${t('boards.noMessages')}
        ></hy-board-messages>
      </section>`;
  }

  override render() {
    return this.data.render({
      initial: () => html`<hy-loading></hy-loading>`,
      pending: () =>
        this.data.value?.region.code === this.code
          ? this.renderBoard(this.data.value)
          : html`<hy-loading></hy-loading>`,
      complete: (b) => this.renderBoard(b),
      error: (e) =>
        html`<hy-error-box .error=${e} retry @hy-retry=${() => this.data.run()}></hy-error-box>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-region-board': HyPageRegionBoard;
  }
}
