import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HandlingView } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-draft-list.ts';
import './hy-extension-form.ts';
import './hy-reply-form.ts';
import './hy-transfer-form.ts';

/**
 * What the holding unit can do on a submission: see its drafts (a returned one with the
 * reviewer's reason), write the reply, transfer it (转办), ask for more time.
 */
@customElement('hy-unit-actions')
export class HyUnitActions extends HyElement {
  @property() submissionId = '';
  @property({ attribute: false }) view!: HandlingView;

  static override styles = [
    shared,
    css`
      h2 {
        font-size: var(--hy-font-size-lg);
      }
      h3 {
        font-size: var(--hy-font-size);
        margin-top: var(--hy-space-4);
      }
      .more + .more {
        margin-top: var(--hy-space-3);
      }
      hy-reply-form {
        margin-bottom: var(--hy-space-4);
      }
      hy-draft-list {
        margin-bottom: var(--hy-space-4);
      }
      @media (max-width: 640px) {
        section.card {
          padding: var(--hy-space-4);
        }
      }
    `,
  ];

  override render() {
    const { handling: h, drafts, actions } = this.view;
    const returned = h?.state === 'returned';
    return html`<section class="card" aria-labelledby="unit-heading" data-testid="unit-actions">
      <h2 id="unit-heading">${t('unit.title')}</h2>
      ${
        returned
          ? html`<div class="notice warning" role="status" data-testid="unit-returned">
              ${t('unit.returnedNotice')}
            </div>`
          : nothing
      }
      ${
        drafts.length > 0
          ? html`<h3>${t('drafts.title')}</h3>
              <hy-draft-list .drafts=${drafts}></hy-draft-list>`
          : nothing
      }
      ${
        actions.reply
          ? html`<h3>${t('reply.title')}</h3>
              <hy-reply-form .submissionId=${this.submissionId} .drafts=${drafts}></hy-reply-form>`
          : nothing
      }
      ${
        actions.transfer
          ? html`<details class="more" data-testid="transfer-toggle">
              <summary>${t('transfer.title')}</summary>
              <div class="inner">
                <hy-transfer-form
                  .submissionId=${this.submissionId}
                  .current=${h?.unit?.code ?? ''}
                ></hy-transfer-form>
              </div>
            </details>`
          : nothing
      }
      ${
        actions.requestExtension
          ? html`<details class="more" data-testid="extension-toggle">
              <summary>${t('extension.title')}</summary>
              <div class="inner">
                <hy-extension-form .submissionId=${this.submissionId}></hy-extension-form>
              </div>
            </details>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-unit-actions': HyUnitActions;
  }
}
