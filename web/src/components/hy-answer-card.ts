import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Answer } from '../api/types.ts';
import { formatDateTime, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { OrganisationsController, unitLabel } from '../lib/orgs.ts';
import { shared } from '../styles/shared.ts';
import './hy-report-panel.ts';

/**
 * An approved answer: who answered (unit, office, phone), when, and the text; 举报 for signed-in
 * readers. A reply withheld after reports shows a notice in place of its text (staff still read it).
 */
@customElement('hy-answer-card')
export class HyAnswerCard extends HyElement {
  @property({ attribute: false }) answer!: Answer;
  /** Show "round n" (when the matter had more than one round). */
  @property({ type: Boolean }) showRound = false;

  private readonly orgs = new OrganisationsController(this);

  static override styles = [
    shared,
    css`
      article {
        border: 1px solid color-mix(in srgb, var(--hy-color-success) 35%, transparent);
        border-left: 4px solid var(--hy-color-success);
        border-radius: var(--hy-radius);
        background: var(--hy-color-surface);
        padding: var(--hy-space-4);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--hy-space-2);
        margin-bottom: var(--hy-space-2);
      }
      h3 {
        margin: 0;
        font-size: var(--hy-font-size);
        overflow-wrap: anywhere;
      }
      .body {
        line-height: 1.9;
        margin: 0 0 var(--hy-space-3);
      }
      .notice {
        margin: 0 0 var(--hy-space-3);
      }
      .notice strong {
        display: block;
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: var(--hy-space-1) var(--hy-space-3);
        margin: 0;
        padding-top: var(--hy-space-3);
        border-top: 1px dashed var(--hy-color-border);
        font-size: var(--hy-font-size-sm);
      }
      dt {
        color: var(--hy-color-text-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  override render() {
    const a = this.answer;
    const unit = a.unit ? unitLabel(a.unit) : '';
    return html`<article data-testid="answer" data-id=${a.id}>
      <header>
        ${
          a.collectiveTitle
            ? html`<span class="tag success">${t('handling.answer.collective')}</span>
                <h3 data-testid="answer-title">${a.collectiveTitle}</h3>`
            : html`<h3>${unit}</h3>`
        }
        ${
          this.showRound
            ? html`<span class="tag neutral">${t('handling.answer.round', { n: a.round })}</span>`
            : nothing
        }
      </header>
      ${this.renderHold(a)}
      ${
        a.masked
          ? html`<p class="notice info small" data-testid="answer-masked">
              ${t('submission.masked')}
            </p>`
          : nothing
      }
      ${
        a.hold && !a.body
          ? nothing
          : html`<div class="body" data-testid="answer-body">
              <span class="user-text">${a.body}</span>
            </div>`
      }
      <dl>
        ${
          unit && a.collectiveTitle
            ? html`<dt>${t('handling.answer.unit')}</dt>
                <dd>${unit}</dd>`
            : nothing
        }
        ${
          a.office
            ? html`<dt>${t('handling.answer.office')}</dt>
                <dd data-testid="answer-office">${a.office}</dd>`
            : nothing
        }
        ${
          a.contactPhone
            ? html`<dt>${t('handling.answer.phone')}</dt>
                <dd>
                  <a href="tel:${a.contactPhone.replace(/[^0-9+]/g, '')}" data-testid="answer-phone"
                    >${a.contactPhone}</a
                  >
                </dd>`
            : nothing
        }
        <dt>${t('handling.answer.date')}</dt>
        <dd>${formatDateTime(a.approvedAt)}</dd>
      </dl>
      <hy-report-panel
        kind="reply"
        .targetId=${a.id}
        .published=${a.collectiveTitle === null}
        .hold=${a.hold}
        noNotice
      ></hy-report-panel>
    </article>`;
  }

  /** 内容待审核 / hidden after review, in place of the text; staff are told they still see it. */
  private renderHold(a: Answer) {
    if (!a.hold) return nothing;
    const state = t(`report.state.${a.hold}`);
    return html`<div class="notice warning" role="note" data-testid="answer-withheld">
      <strong>${t(a.hold === 'hidden' ? 'report.hiddenTitle' : 'report.withheldTitle')}</strong>
      ${
        // The server sends the text only to staff who may still read it.
        a.body
          ? t('report.withheldStaff', { state })
          : t(a.hold === 'hidden' ? 'report.hidden' : 'report.withheld')
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-answer-card': HyAnswerCard;
  }
}
