import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { addresseeBoard, type AddresseeBoard } from '../api/boards.ts';
import { localText, t } from '../i18n/index.ts';
import { addresseeUnit } from '../lib/addressee-text.ts';
import { boardPeriod } from '../lib/board-period.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { boardPageStyles } from '../styles/board-page.ts';
import { shared } from '../styles/shared.ts';
import '../components/hy-board-figures.ts';
import '../components/hy-board-messages.ts';
import '../components/hy-error-box.ts';
import '../components/hy-loading.ts';

/**
 * /boards/a/:key: a leader's board: office, place, handling unit, figures, the latest answers
 * and all messages, and 给TA留言 (none for a retired office).
 */
@customElement('hy-page-addressee-board')
export class HyPageAddresseeBoard extends HyElement {
  @property() key = '';
  @property() search = '';

  private readonly data = new Task(this, {
    task: async ([key, period], { signal }) => {
      const b = await addresseeBoard(key, period, signal);
      setPageTitle(localText(b.addressee.title));
      return b;
    },
    args: () => [this.key, boardPeriod(this.search)] as const,
    argsEqual: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });

  static override styles = [
    shared,
    boardPageStyles,
    css`
      .who {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        align-items: center;
        gap: var(--hy-space-3) var(--hy-space-5);
        padding: var(--hy-space-4) var(--hy-space-5);
      }
      .who h1 {
        margin: 0;
      }
      .kind {
        margin: 0;
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-accent);
        font-weight: 600;
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: var(--hy-space-1) var(--hy-space-3);
        margin: var(--hy-space-2) 0 0;
        font-size: var(--hy-font-size-sm);
      }
      dt {
        color: var(--hy-color-text-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .write {
        font-size: var(--hy-font-size-lg);
        padding: 0 var(--hy-space-6);
        min-height: 52px;
      }
      .retired {
        grid-column: 1 / -1;
        margin: 0;
      }
      @media (max-width: 640px) {
        .who {
          grid-template-columns: 1fr;
          padding: var(--hy-space-4);
        }
        .write {
          width: 100%;
        }
      }
    `,
  ];

  private renderBoard(b: AddresseeBoard) {
    const a = b.addressee;
    const unit = addresseeUnit(a);
    const scope = { addressee: a.key };
    return html`<nav class="crumb" aria-label=${t('boards.crumb')}>
        <a class="tap" href="/boards" data-testid="crumb-boards">${t('boards.crumb')}</a>
        ${
          a.region
            ? html`<span aria-hidden="true">›</span>
                <a
                  class="tap"
                  href="/boards/r/${encodeURIComponent(a.region.code)}"
                  data-testid="crumb-region"
                  >${a.region.name}</a
                >`
            : nothing
        }
      </nav>
      <div class="card who">
        <div>
          <p class="kind">${t('boards.leaderBoard')}</p>
          <h1 data-testid="leader-title">${localText(a.title)}</h1>
          <dl>
            ${
              a.holder
                ? html`<dt>${t('boards.holderLabel')}</dt>
                    <dd>${localText(a.holder)}</dd>`
                : nothing
            }
            ${
              a.region
                ? html`<dt>${t('boards.region')}</dt>
                    <dd data-testid="leader-region">${a.region.name}</dd>`
                : nothing
            }
            ${
              unit
                ? html`<dt>${t('boards.unit')}</dt>
                    <dd data-testid="leader-unit">${unit}</dd>`
                : nothing
            }
          </dl>
        </div>
        ${
          a.retired
            ? html`<p class="notice warning retired" data-testid="leader-retired">
                ${t('boards.retired')}
              </p>`
            : b.campaign
              ? html`<a
                  class="btn primary write"
                  href="/c/${encodeURIComponent(b.campaign)}/submit?to=${encodeURIComponent(a.key)}"
                  data-testid="board-write"
                  >${t('boards.write')}</a
                >`
              : nothing
        }
      </div>
      <section>
        <h2>${t('boards.figures')}</h2>
        <hy-board-figures .frame=${b} .figures=${b.figures}></hy-board-figures>
      </section>
      <section data-testid="leader-answered">
        <h2>${t('boards.latestAnswered')}</h2>
        <hy-board-messages
          .campaign=${b.campaign}
          .scope=${scope}
          answered
          pageSize="5"
          empty=${t('boards.noAnswered')}
        ></hy-board-messages>
      </section>
      <section data-testid="leader-messages">
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
        this.data.value?.addressee.key === this.key
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
    'hy-page-addressee-board': HyPageAddresseeBoard;
  }
}
