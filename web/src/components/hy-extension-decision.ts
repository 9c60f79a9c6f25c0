import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { decideExtension } from '../api/handling.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

const NOTE_MAX = 1000;

/** A reviewer grants (the due date moves) or refuses a unit's extension request. */
@customElement('hy-extension-decision')
export class HyExtensionDecision extends HyElement {
  @property() submissionId = '';
  @property({ type: Number }) days = 0;
  /** The unit's reason for asking. */
  @property() reason = '';

  @state() private note = '';
  @state() private error = '';
  @state() private sending = false;

  static override styles = [
    shared,
    css`
      .asked {
        padding: var(--hy-space-3);
        background: var(--hy-color-surface-alt);
        border-radius: var(--hy-radius);
        margin-bottom: var(--hy-space-3);
      }
      .asked strong {
        display: block;
      }
      .actions {
        justify-content: flex-end;
      }
      @media (max-width: 640px) {
        .actions .btn {
          flex: 1;
        }
      }
    `,
  ];

  private async decide(grant: boolean) {
    const note = this.note.trim();
    if ([...note].length > NOTE_MAX) {
      this.error = t('submit.error.tooLong', { max: NOTE_MAX });
      return;
    }
    this.error = '';
    this.sending = true;
    try {
      await decideExtension(this.submissionId, { grant, ...(note ? { note } : {}) });
      this.note = '';
      this.dispatchEvent(
        hyEvent('hy-handling-changed', {
          message: grant ? t('extDecision.granted') : t('extDecision.refused'),
        }),
      );
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  override render() {
    return html`<div data-testid="extension-decision">
      <div class="asked">
        <strong>${t('extDecision.asked', { days: this.days })}</strong>
        ${this.reason ? html`<span class="user-text">${this.reason}</span>` : nothing}
      </div>
      <div class="field">
        <label for="ext-note">${t('extDecision.note')}</label>
        <input
          id="ext-note"
          type="text"
          data-testid="extension-note"
          maxlength=${NOTE_MAX}
          .value=${this.note}
          @input=${(e: Event) => (this.note = (e.target as HTMLInputElement).value)}
        />
      </div>
      ${
        this.error
          ? html`<div class="notice error" role="alert" data-testid="extension-decision-failed">
              ${this.error}
            </div>`
          : nothing
      }
      <div class="actions">
        <button
          class="btn danger"
          type="button"
          data-testid="extension-refuse"
          ?disabled=${this.sending}
          @click=${() => this.decide(false)}
        >
          ${t('extDecision.refuse')}
        </button>
        <button
          class="btn primary"
          type="button"
          data-testid="extension-grant"
          ?disabled=${this.sending}
          @click=${() => this.decide(true)}
        >
          ${t('extDecision.grant')}
        </button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-extension-decision': HyExtensionDecision;
  }
}
