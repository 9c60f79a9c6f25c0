import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HandlingSummary, HandlingView, Rating } from '../api/types.ts';
import { formatDate, formatDateTime, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { OrganisationsController, unitLabel } from '../lib/orgs.ts';
import { shared } from '../styles/shared.ts';
import './hy-answer-card.ts';
import './hy-handling-stepper.ts';

/**
 * 办理进度, for everyone: which unit holds the matter, how urgent, by when (已超期 once past), the
 * steps of the handling, the approved answers and the author's ratings.
 */
@customElement('hy-handling-progress')
export class HyHandlingProgress extends HyElement {
  @property({ attribute: false }) view!: HandlingView;

  private readonly orgs = new OrganisationsController(this);

  static override styles = [
    shared,
    css`
      dl.facts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
        gap: var(--hy-space-3) var(--hy-space-4);
        margin: 0 0 var(--hy-space-5);
      }
      dl.facts div {
        min-width: 0;
      }
      dt {
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-text-muted);
      }
      dd {
        margin: 0;
        font-weight: 600;
        overflow-wrap: anywhere;
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-1) var(--hy-space-2);
        align-items: center;
      }
      hy-handling-stepper {
        margin-bottom: var(--hy-space-5);
      }
      h3 {
        font-size: var(--hy-font-size);
        margin: var(--hy-space-4) 0 var(--hy-space-3);
      }
      .answers {
        display: grid;
        gap: var(--hy-space-3);
      }
      ul.ratings {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--hy-space-2);
      }
      ul.ratings li {
        padding: var(--hy-space-2) var(--hy-space-3);
        background: var(--hy-color-surface-alt);
        border-radius: var(--hy-radius);
        font-size: var(--hy-font-size-sm);
      }
      .rating-head {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
        align-items: center;
      }
      .waiting {
        margin: 0;
      }
    `,
  ];

  private renderFacts(h: HandlingSummary) {
    const ext = h.extension;
    return html`<dl class="facts">
      <div>
        <dt>${t('handling.unit')}</dt>
        <dd data-testid="handling-unit">${h.unit ? unitLabel(h.unit) : t('handling.noUnit')}</dd>
      </div>
      <div>
        <dt>${t('handling.urgency')}</dt>
        <dd data-testid="handling-urgency" data-urgency=${h.urgency}>
          <span class="tag ${h.urgency === 'urgent' ? 'danger' : 'neutral'}"
            >${t(`urgency.${h.urgency}`)}</span
          >
        </dd>
      </div>
      ${
        h.dueAt
          ? html`<div>
              <dt>${t('handling.due')}</dt>
              <dd data-testid="handling-due">
                <time
                  class=${h.overdue ? 'overdue' : ''}
                  datetime=${new Date(h.dueAt).toISOString()}
                  >${formatDate(h.dueAt)}</time
                >
                ${
                  h.overdue
                    ? html`<span class="tag danger" data-testid="handling-overdue"
                        >${t('handling.overdue')}</span
                      >`
                    : nothing
                }
                ${
                  h.escalated && h.overdue
                    ? html`<span class="tag warning">${t('handling.escalated')}</span>`
                    : nothing
                }
              </dd>
            </div>`
          : nothing
      }
      ${
        h.round > 1
          ? html`<div>
              <dt>${t('handling.roundLabel')}</dt>
              <dd data-testid="handling-round">${t('handling.round', { n: h.round })}</dd>
            </div>`
          : nothing
      }
      ${
        h.transferCount > 0
          ? html`<div>
              <dt>${t('transfer.title')}</dt>
              <dd>${t('handling.transfers', { n: h.transferCount })}</dd>
            </div>`
          : nothing
      }
      ${
        ext.state !== 'none'
          ? html`<div>
              <dt>${t('handling.extension')}</dt>
              <dd data-testid="handling-extension">
                ${t(`handling.extension.${ext.state}`, { days: ext.days ?? '' })}
              </dd>
            </div>`
          : nothing
      }
    </dl>`;
  }

  private renderRatings(ratings: Rating[], rounds: boolean) {
    return html`<h3>${t('handling.ratings')}</h3>
      <ul class="ratings" data-testid="ratings">
        ${ratings.map(
          (r) =>
            html`<li data-testid="rating" data-value=${r.value}>
              <div class="rating-head">
                <span
                  class="tag ${
                    r.value === 'unsatisfied'
                      ? 'danger'
                      : r.value === 'satisfied'
                        ? 'success'
                        : 'info'
                  }"
                  >${t(`satisfaction.${r.value}`)}</span
                >
                ${
                  rounds
                    ? html`<span class="muted">${t('handling.ratingRound', { n: r.round })}</span>`
                    : nothing
                }
                <time class="muted" datetime=${new Date(r.at).toISOString()}
                  >${formatDateTime(r.at)}</time
                >
              </div>
              ${r.comment ? html`<div><span class="user-text">${r.comment}</span></div>` : nothing}
            </li>`,
        )}
      </ul>`;
  }

  override render() {
    const { handling: h, answers, ratings } = this.view;
    const rounds =
      (h?.round ?? 1) > 1 || answers.some((a) => a.round > 1) || ratings.some((r) => r.round > 1);
    let waiting: string | null = null;
    if (answers.length === 0 || (h && (h.state === 'routed' || h.state === 'returned'))) {
      if (!h) waiting = t('handling.collectiveMode');
      else if (h.state === 'unrouted') waiting = t('handling.awaitingUnit');
      else if (h.state === 'replied') waiting = t('handling.inReview');
      else if (h.state !== 'approved' && h.state !== 'rated') waiting = t('handling.noAnswer');
    }
    return html`${h ? this.renderFacts(h) : nothing}
    ${h ? html`<hy-handling-stepper .state=${h.state}></hy-handling-stepper>` : nothing}
    ${
      waiting
        ? html`<p class="muted waiting" data-testid="handling-waiting">${waiting}</p>`
        : nothing
    }
    ${
      answers.length > 0
        ? html`<h3>${t('handling.answers')}</h3>
            <div class="answers" data-testid="answers">
              ${answers.map(
                (a) => html`<hy-answer-card .answer=${a} ?showRound=${rounds}></hy-answer-card>`,
              )}
            </div>`
        : nothing
    }
    ${ratings.length > 0 ? this.renderRatings(ratings, rounds) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-handling-progress': HyHandlingProgress;
  }
}
