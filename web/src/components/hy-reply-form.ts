import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitReply } from '../api/handling.ts';
import { ApiError } from '../api/request.ts';
import type { ReplyDraft } from '../api/types.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

const BODY_MIN = 10;
const BODY_MAX = 5000;
const OFFICE_MAX = 100;
/** As the server checks it (server/handling/submit-reply.ts). */
const PHONE = /^[0-9+\-\s()]{5,30}$/;

type Field = 'body' | 'office' | 'contactPhone';

/**
 * The holding unit's reply: text with a counter, the answering office and a contact phone. It
 * goes to a reviewer, not straight to the public. Office and phone are carried over from the
 * unit's last draft; the last draft's text can be taken up to fix a returned reply.
 */
@customElement('hy-reply-form')
export class HyReplyForm extends HyElement {
  @property() submissionId = '';
  @property({ attribute: false }) drafts: ReplyDraft[] = [];

  @state() private body = '';
  @state() private office = '';
  @state() private phone = '';
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private error = '';
  @state() private sending = false;
  private prefilled = false;

  static override styles = [
    shared,
    css`
      .row {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
        gap: 0 var(--hy-space-4);
      }
      textarea {
        min-height: 12em;
      }
      .actions {
        justify-content: space-between;
      }
      @media (max-width: 640px) {
        .row {
          grid-template-columns: minmax(0, 1fr);
        }
        .actions .btn {
          flex: 1;
        }
      }
    `,
  ];

  private get lastDraft(): ReplyDraft | undefined {
    return [...this.drafts].sort((a, b) => b.round - a.round || b.version - a.version)[0];
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('drafts') && !this.prefilled) {
      const last = this.lastDraft;
      if (last) {
        this.office ||= last.office ?? '';
        this.phone ||= last.contactPhone ?? '';
        this.prefilled = true;
      }
    }
  }

  private validate(): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    const n = [...this.body.trim()].length;
    if (n === 0) errors.body = t('submit.error.required');
    else if (n < BODY_MIN) errors.body = t('submit.error.tooShort', { min: BODY_MIN });
    else if (n > BODY_MAX) errors.body = t('submit.error.tooLong', { max: BODY_MAX });
    if ([...this.office.trim()].length > OFFICE_MAX)
      errors.office = t('submit.error.tooLong', { max: OFFICE_MAX });
    if (this.phone.trim() && !PHONE.test(this.phone.trim()))
      errors.contactPhone = t('reply.phoneInvalid');
    return errors;
  }

  private async send(e: Event) {
    e.preventDefault();
    this.errors = this.validate();
    this.error = '';
    const first = (['body', 'office', 'contactPhone'] as const).find((f) => this.errors[f]);
    if (first) {
      this.renderRoot.querySelector<HTMLElement>(`#reply-${first}`)?.focus();
      return;
    }
    this.sending = true;
    try {
      await submitReply(this.submissionId, {
        body: this.body.trim(),
        ...(this.office.trim() ? { office: this.office.trim() } : {}),
        ...(this.phone.trim() ? { contactPhone: this.phone.trim() } : {}),
      });
      this.body = '';
      this.dispatchEvent(hyEvent('hy-handling-changed', { message: t('reply.sent') }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'validation_failed') {
        const fields = err.fields;
        this.errors = {
          ...(fields.body ? { body: t('error.validation_failed') } : {}),
          ...(fields.office ? { office: t('error.validation_failed') } : {}),
          ...(fields.contactPhone ? { contactPhone: t('reply.phoneInvalid') } : {}),
        };
      }
      this.error = errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  private fieldError(f: Field) {
    const msg = this.errors[f];
    return msg
      ? html`<div
          class="field-error"
          id="reply-${f}-error"
          role="alert"
          data-testid="reply-error-${f}"
        >
          ${msg}
        </div>`
      : nothing;
  }

  override render() {
    const n = [...this.body.trim()].length;
    const last = this.lastDraft;
    return html`<form novalidate @submit=${this.send} data-testid="reply-form">
      <div class="field">
        <label for="reply-body"
          >${t('reply.body')}<span class="req" aria-hidden="true">*</span></label
        >
        <textarea
          id="reply-body"
          data-testid="reply-body"
          maxlength=${BODY_MAX + 200}
          .value=${this.body}
          aria-invalid=${this.errors.body ? 'true' : 'false'}
          aria-describedby="reply-body-hint ${this.errors.body ? 'reply-body-error' : ''}"
          @input=${(e: Event) => {
            this.body = (e.target as HTMLTextAreaElement).value;
            this.errors = { ...this.errors, body: undefined };
          }}
        ></textarea>
        <div class="counter">
          <span class="hint" id="reply-body-hint">${t('reply.bodyHint')}</span>
          ·
          <span class=${n > BODY_MAX ? 'field-error' : ''} data-testid="reply-counter"
            >${t('submit.counter', { n, max: BODY_MAX })}</span
          >
        </div>
        ${this.fieldError('body')}
      </div>
      <div class="row">
        <div class="field">
          <label for="reply-office"
            >${t('reply.office')} <span class="hint">${t('common.optional')}</span></label
          >
          <input
            id="reply-office"
            type="text"
            data-testid="reply-office"
            maxlength=${OFFICE_MAX}
            .value=${this.office}
            aria-invalid=${this.errors.office ? 'true' : 'false'}
            @input=${(e: Event) => {
              this.office = (e.target as HTMLInputElement).value;
              this.errors = { ...this.errors, office: undefined };
            }}
          />
          ${this.fieldError('office')}
        </div>
        <div class="field">
          <label for="reply-contactPhone"
            >${t('reply.phone')} <span class="hint">${t('common.optional')}</span></label
          >
          <input
            id="reply-contactPhone"
            type="tel"
            inputmode="tel"
            autocomplete="off"
            data-testid="reply-phone"
            maxlength="30"
            .value=${this.phone}
            aria-invalid=${this.errors.contactPhone ? 'true' : 'false'}
            @input=${(e: Event) => {
              this.phone = (e.target as HTMLInputElement).value;
              this.errors = { ...this.errors, contactPhone: undefined };
            }}
          />
          ${this.fieldError('contactPhone')}
        </div>
      </div>
      ${
        this.error
          ? html`<div class="notice error" role="alert" data-testid="reply-failed">
              ${this.error}
            </div>`
          : nothing
      }
      <div class="actions">
        ${
          last
            ? html`<button
                class="btn small ghost"
                type="button"
                data-testid="reply-use-draft"
                @click=${() => {
                  this.body = last.body;
                  this.office = last.office ?? this.office;
                  this.phone = last.contactPhone ?? this.phone;
                  this.errors = {};
                }}
              >
                ${t('reply.useDraft')}
              </button>`
            : html`<span></span>`
        }
        <button
          class="btn primary"
          type="submit"
          data-testid="reply-send"
          ?disabled=${this.sending}
        >
          ${this.sending ? t('common.sending') : t('reply.send')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-reply-form': HyReplyForm;
  }
}
