import { Task } from '@lit/task';
import { css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { alarms, type Alarms } from '../api/scorecards.ts';
import { formatDate, formatDateTime, formatNumber, localText, t } from '../i18n/index.ts';
import { unitName } from '../lib/board-format.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-definition-list.ts';
import './hy-error-box.ts';
import './hy-loading.ts';

/**
 * 预警: what needs a push now — handling units holding board messages past due (oldest first) and
 * leaders' boards silent for two months while someone waits, each leader linking to their board;
 * with the two definitions. Reviewers and admins see all, an owner those of their organisation.
 */
@customElement('hy-board-alarms')
export class HyBoardAlarms extends HyElement {
  private readonly data = new Task(this, {
    task: (_args, { signal }) => alarms(signal),
    args: () => [] as const,
  });

  static override styles = [
    shared,
    css`
      .intro,
      .frame {
        margin: 0 0 var(--hy-space-2);
        color: var(--hy-color-text-muted);
      }
      .frame {
        font-size: var(--hy-font-size-sm);
      }
      section {
        margin-top: var(--hy-space-4);
      }
      section.card {
        padding: var(--hy-space-4) var(--hy-space-5);
      }
      h2 {
        font-size: var(--hy-font-size-lg);
        margin-bottom: var(--hy-space-3);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: baseline;
        gap: var(--hy-space-1) var(--hy-space-4);
        padding: var(--hy-space-2) 0;
        border-bottom: 1px solid var(--hy-color-border);
      }
      li:last-child {
        border-bottom: 0;
      }
      .name {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .name a {
        display: inline-flex;
        align-items: center;
        min-height: var(--hy-tap);
      }
      .facts {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-1) var(--hy-space-3);
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
      }
      @media (max-width: 640px) {
        section.card {
          padding: var(--hy-space-3);
        }
      }
    `,
  ];

  private renderAlarms(a: Alarms) {
    return html`<p class="intro">${t('alarms.intro')}</p>
      <p class="frame" data-testid="alarms-counted-at">
        ${t('alarms.countedAt', { time: formatDateTime(a.countedAt) })}
      </p>
      <hy-definition-list
        .items=${[
          { label: t('scorecard.overdueNow'), definition: a.definitions.overdueNow },
          { label: t('scorecard.silentBoard'), definition: a.definitions.silentBoard },
        ]}
        summary=${t('boards.definitions')}
      ></hy-definition-list>
      <section class="card" data-testid="alarms-overdue">
        <h2>${t('alarms.overdueUnits')}</h2>
        ${
          a.overdueUnits.length === 0
            ? html`<p class="muted" data-testid="alarms-overdue-empty">${t('alarms.noOverdue')}</p>`
            : html`<ul>
                ${a.overdueUnits.map(
                  (u) =>
                    html`<li data-testid="alarm-unit" data-code=${u.unit.code}>
                      <span class="name">${unitName(u.unit)}</span>
                      <span class="facts">
                        <span class="tag danger" data-testid="alarm-unit-overdue"
                          >${t('alarms.overdue', { n: formatNumber(u.overdue) })}</span
                        >
                        <span>${t('alarms.oldestDue', { date: formatDate(u.oldestDue) })}</span>
                      </span>
                    </li>`,
                )}
              </ul>`
        }
      </section>
      <section class="card" data-testid="alarms-silent">
        <h2>${t('alarms.silentBoards')}</h2>
        ${
          a.silentBoards.length === 0
            ? html`<p class="muted" data-testid="alarms-silent-empty">${t('alarms.noSilent')}</p>`
            : html`<ul>
                ${a.silentBoards.map(
                  (b) =>
                    html`<li data-testid="alarm-board" data-key=${b.addressee.key}>
                      <span class="name"
                        ><a href="/boards/a/${encodeURIComponent(b.addressee.key)}"
                          >${localText(b.addressee.title)}</a
                        ></span
                      >
                      <span class="facts">
                        <span
                          >${
                            b.lastAnswerAt === null
                              ? t('alarms.neverAnswered')
                              : t('alarms.lastAnswer', { date: formatDate(b.lastAnswerAt) })
                          }</span
                        >
                        <span
                          >${t('alarms.oldestWaiting', { date: formatDate(b.oldestWaiting) })}</span
                        >
                      </span>
                    </li>`,
                )}
              </ul>`
        }
      </section>`;
  }

  override render() {
    return this.data.render({
      initial: () => html`<hy-loading></hy-loading>`,
      pending: () =>
        this.data.value ? this.renderAlarms(this.data.value) : html`<hy-loading></hy-loading>`,
      complete: (a) => this.renderAlarms(a),
      error: (e) =>
        html`<hy-error-box .error=${e} retry @hy-retry=${() => this.data.run()}></hy-error-box>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-board-alarms': HyBoardAlarms;
  }
}
