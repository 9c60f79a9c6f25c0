import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ReplyDraft } from '../api/types.ts';
import { formatDateTime, t } from '../i18n/index.ts';
import { returnReasonLabel } from '../lib/handling-text.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

/**
 * The versions of a unit's reply, newest first: state, who and when, the text, and for returned
 * ones the reviewer's reason and note (so the unit knows what to fix).
 */
@customElement('hy-draft-list')
export class HyDraftList extends HyElement {
  @property({ attribute: false }) drafts: ReplyDraft[] = [];
  /** A draft shown elsewhere (the one under review), left out here. */
  @property() exclude = '';

  static override styles = [
    shared,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--hy-space-3);
      }
      li {
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius);
        padding: var(--hy-space-3);
        background: var(--hy-color-surface);
      }
      li.returned {
        border-left: 4px solid var(--hy-color-warning);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-1) var(--hy-space-3);
        align-items: center;
        font-size: var(--hy-font-size-sm);
        margin-bottom: var(--hy-space-2);
      }
      .head strong {
        font-weight: 600;
      }
      .body {
        font-size: var(--hy-font-size-sm);
        max-height: 14em;
        overflow: auto;
      }
      .contact {
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-text-muted);
        margin-top: var(--hy-space-1);
      }
      .why {
        margin-top: var(--hy-space-2);
        padding: var(--hy-space-2) var(--hy-space-3);
        background: var(--hy-color-warning-soft);
        color: var(--hy-color-warning);
        border-radius: var(--hy-radius);
        font-size: var(--hy-font-size-sm);
      }
      .why strong {
        display: block;
      }
    `,
  ];

  override render() {
    const drafts = this.drafts
      .filter((d) => d.id !== this.exclude)
      .sort((a, b) => b.round - a.round || b.version - a.version);
    if (drafts.length === 0) return nothing;
    return html`<ol data-testid="drafts">
      ${drafts.map(
        (d) =>
          html`<li class=${d.state} data-testid="draft" data-state=${d.state} data-id=${d.id}>
            <div class="head">
              <strong>${t('drafts.version', { round: d.round, version: d.version })}</strong>
              <span
                class="tag ${
                  d.state === 'returned' ? 'warning' : d.state === 'approved' ? 'success' : 'info'
                }"
                >${t(`draft.state.${d.state}`)}</span
              >
              <span class="muted"
                >${t('drafts.by', { name: d.author, date: formatDateTime(d.submittedAt) })}</span
              >
            </div>
            <div class="body"><span class="user-text">${d.body}</span></div>
            ${
              d.office || d.contactPhone
                ? html`<div class="contact">
                    ${[d.office, d.contactPhone].filter(Boolean).join(' · ')}
                  </div>`
                : nothing
            }
            ${
              d.state === 'returned'
                ? html`<div class="why" data-testid="draft-return-reason">
                    <strong
                      >${t('drafts.returnReason', {
                        reason: returnReasonLabel(d.returnReason),
                      })}</strong
                    >
                    ${d.returnNote ? html`<span class="user-text">${d.returnNote}</span>` : nothing}
                  </div>`
                : nothing
            }
          </li>`,
      )}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-draft-list': HyDraftList;
  }
}
