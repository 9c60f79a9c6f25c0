import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { rate } from '../api/handling.ts';
import type { Satisfaction } from '../api/types.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { dueDate } from '../lib/handling-text.ts';
import { HyElement } from '../lib/hy-element.ts';
import { loadOrganisations, unitLabel } from '../lib/orgs.ts';
import { shared } from '../styles/shared.ts';
import { satisfactions } from '../../../schema/states.ts';

const COMMENT_MAX = 1000;

/**
 * The author rates the answer: 满意, 基本满意 or 不满意, with an optional comment. 不满意 opens a
 * second round with the same unit; the message fired afterwards says so.
 */
@customElement('hy-rating-form')
export class HyRatingForm extends HyElement {
  @property() submissionId = '';

  @state() private value: Satisfaction | '' = '';
  @state() private comment = '';
  @state() private errors: { value?: string; comment?: string } = {};
  @state() private error = '';
  @state() private sending = false;

  static override styles = [
    shared,
    css`
      fieldset {
        border: 0;
        padding: 0;
        margin: 0 0 var(--hy-space-4);
        min-width: 0;
      }
      legend {
        font-weight: 600;
        margin-bottom: var(--hy-space-2);
        padding: 0;
      }
      .choices {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr));
        gap: var(--hy-space-2);
      }
      .choice {
        position: relative;
      }
      .choice input {
        position: absolute;
        opacity: 0;
        inset: 0;
        margin: 0;
        cursor: pointer;
      }
      .choice span {
        display: flex;
        align-items: center;
        justify-content: center;
        min-height: var(--hy-tap);
        padding: var(--hy-space-2);
        text-align: center;
        border: 1px solid var(--hy-color-border-strong);
        border-radius: var(--hy-radius);
        background: var(--hy-color-surface);
        font-weight: 600;
        line-height: 1.3;
      }
      .choice input:checked + span {
        border-color: var(--hy-color-accent);
        background: var(--hy-color-accent-soft);
        color: var(--hy-color-accent-strong);
        box-shadow: inset 0 0 0 1px var(--hy-color-accent);
      }
      .choice input:focus-visible + span {
        outline: 3px solid var(--hy-color-focus);
        outline-offset: 2px;
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

  private async send(e: Event) {
    e.preventDefault();
    const comment = this.comment.trim();
    const errors: typeof this.errors = {};
    if (!this.value) errors.value = t('rating.choose');
    if ([...comment].length > COMMENT_MAX)
      errors.comment = t('submit.error.tooLong', { max: COMMENT_MAX });
    this.errors = errors;
    this.error = '';
    if (errors.value || errors.comment || !this.value) return;
    const value = this.value;
    this.sending = true;
    try {
      const after = await rate(this.submissionId, { value, ...(comment ? { comment } : {}) });
      await loadOrganisations().catch(() => undefined);
      const h = after.handling;
      let message = t('rating.closed');
      if (value === 'unsatisfied') {
        message =
          h && h.state === 'routed'
            ? t('rating.reopened', {
                round: h.round,
                unit: unitLabel(h.unit),
                due: dueDate(h.dueAt),
              })
            : t('rating.finalRound');
      }
      this.value = '';
      this.comment = '';
      this.dispatchEvent(hyEvent('hy-handling-changed', { message }));
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  override render() {
    return html`<form novalidate @submit=${this.send} data-testid="rating-form">
      <fieldset aria-describedby="rating-hint ${this.errors.value ? 'rating-error' : ''}">
        <legend>${t('rating.title')}</legend>
        <p class="hint" id="rating-hint">${t('rating.hint')}</p>
        <div class="choices">
          ${satisfactions.map(
            (v) =>
              html`<label class="choice">
                <input
                  type="radio"
                  name="value"
                  value=${v}
                  data-testid="rating-${v}"
                  .checked=${this.value === v}
                  @change=${() => {
                    this.value = v;
                    this.errors = { ...this.errors, value: undefined };
                  }}
                />
                <span>${t(`satisfaction.${v}`)}</span>
              </label>`,
          )}
        </div>
        ${
          this.errors.value
            ? html`<div class="field-error" id="rating-error" role="alert">
                ${this.errors.value}
              </div>`
            : nothing
        }
      </fieldset>
      <div class="field">
        <label for="rating-comment"
          >${t('rating.comment')} <span class="hint">${t('rating.commentHint')}</span></label
        >
        <textarea
          id="rating-comment"
          data-testid="rating-comment"
          maxlength=${COMMENT_MAX}
          .value=${this.comment}
          aria-invalid=${this.errors.comment ? 'true' : 'false'}
          @input=${(e: Event) => {
            this.comment = (e.target as HTMLTextAreaElement).value;
            this.errors = { ...this.errors, comment: undefined };
          }}
        ></textarea>
        ${
          this.errors.comment
            ? html`<div class="field-error" role="alert">${this.errors.comment}</div>`
            : nothing
        }
      </div>
      ${
        this.error
          ? html`<div class="notice error" role="alert" data-testid="rating-failed">
              ${this.error}
            </div>`
          : nothing
      }
      <div class="actions">
        <button
          class="btn primary"
          type="submit"
          data-testid="rating-send"
          ?disabled=${this.sending}
        >
          ${this.sending ? t('common.sending') : t('rating.send')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-rating-form': HyRatingForm;
  }
}
