import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { instruct, instructionPriorities, type InstructionPriority } from '../api/offices.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

const NOTE_MIN = 2;
const NOTE_MAX = 1000;

/**
 * A leader's office instructs on a message to its leader (批示): a note for the handling unit and
 * 急办 (the matter becomes urgent, its due date shortens) or 一般 (priority unchanged).
 */
@customElement('hy-instruction-form')
export class HyInstructionForm extends HyElement {
  @property() submissionId = '';

  @state() private note = '';
  @state() private priority: InstructionPriority = 'normal';
  @state() private noteError = '';
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
        font-size: var(--hy-font-size-sm);
        margin-bottom: var(--hy-space-2);
        padding: 0;
      }
      .choices {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
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
        flex-direction: column;
        justify-content: center;
        min-height: var(--hy-tap);
        height: 100%;
        padding: var(--hy-space-2) var(--hy-space-3);
        border: 1px solid var(--hy-color-border-strong);
        border-radius: var(--hy-radius);
        background: var(--hy-color-surface);
        line-height: 1.35;
      }
      .choice strong {
        font-size: var(--hy-font-size);
      }
      .choice small {
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-text-muted);
      }
      .choice input:checked + span {
        border-color: var(--hy-color-accent);
        background: var(--hy-color-accent-soft);
        box-shadow: inset 0 0 0 1px var(--hy-color-accent);
      }
      .choice.urgent input:checked + span {
        border-color: var(--hy-color-danger);
        background: color-mix(in srgb, var(--hy-color-danger) 8%, var(--hy-color-surface));
        box-shadow: inset 0 0 0 1px var(--hy-color-danger);
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
    const note = this.note.trim();
    const n = [...note].length;
    this.noteError =
      n < NOTE_MIN
        ? t('submit.error.tooShort', { min: NOTE_MIN })
        : n > NOTE_MAX
          ? t('submit.error.tooLong', { max: NOTE_MAX })
          : '';
    this.error = '';
    if (this.noteError) {
      this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus();
      return;
    }
    this.sending = true;
    try {
      await instruct(this.submissionId, { note, priority: this.priority });
      this.note = '';
      this.priority = 'normal';
      this.dispatchEvent(hyEvent('hy-handling-changed', { message: t('instruction.done') }));
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  override render() {
    return html`<form novalidate @submit=${this.send} data-testid="instruction-form">
      <fieldset>
        <legend>${t('instruction.priority')}</legend>
        <div class="choices">
          ${instructionPriorities.map(
            (p) =>
              html`<label class="choice ${p}">
                <input
                  type="radio"
                  name="priority"
                  value=${p}
                  data-testid="instruction-${p}"
                  .checked=${this.priority === p}
                  @change=${() => (this.priority = p)}
                />
                <span
                  ><strong>${t(`instruction.priority.${p}`)}</strong
                  ><small>${t(`instruction.priority.${p}Hint`)}</small></span
                >
              </label>`,
          )}
        </div>
      </fieldset>
      <div class="field">
        <label for="instruction-note"
          >${t('instruction.note')}<span class="req" aria-hidden="true">*</span></label
        >
        <textarea
          id="instruction-note"
          rows="4"
          maxlength=${NOTE_MAX}
          data-testid="instruction-note"
          placeholder=${t('instruction.notePlaceholder')}
          aria-invalid=${this.noteError ? 'true' : 'false'}
          aria-describedby=${this.noteError ? 'instruction-note-error' : nothing}
          .value=${this.note}
          @input=${(e: Event) => {
            this.note = (e.target as HTMLTextAreaElement).value;
            this.noteError = '';
          }}
        ></textarea>
        ${
          this.noteError
            ? html`<div class="field-error" id="instruction-note-error" role="alert">
                ${this.noteError}
              </div>`
            : nothing
        }
      </div>
      ${
        this.error
          ? html`<div class="notice error" role="alert" data-testid="instruction-failed">
              ${this.error}
            </div>`
          : nothing
      }
      <div class="actions">
        <button
          class="btn primary"
          type="submit"
          data-testid="instruction-send"
          ?disabled=${this.sending}
        >
          ${this.sending ? t('common.sending') : t('instruction.send')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-instruction-form': HyInstructionForm;
  }
}
