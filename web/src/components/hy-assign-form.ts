import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { assign } from '../api/handling.ts';
import type { Topic } from '../api/types.ts';
import { errorMessage, localText, t } from '../i18n/index.ts';
import { hyEvent, type UnitEventDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { loadOrganisations, unitLabel } from '../lib/orgs.ts';
import { shared } from '../styles/shared.ts';
import './hy-unit-picker.ts';

const REASON_MAX = 500;

/** A reviewer assigns the handling unit (from triage, a bounce, or to correct a routing). */
@customElement('hy-assign-form')
export class HyAssignForm extends HyElement {
  @property() submissionId = '';
  /** Code of the unit holding it now, if any (not offered). */
  @property() current = '';
  /** Prefix of the data-testids, so several forms on one page stay distinguishable. */
  @property() testid = 'assign';
  /** The campaign's topics: when given, the reviewer may correct the topic too. */
  @property({ attribute: false }) topics: Topic[] = [];
  /** The submission's topic now ('' for none). */
  @property() currentTopic = '';
  /** The routing model's proposed topic, preselected ('' for none). */
  @property() proposedTopic = '';

  /** The topic picked; null while the reviewer has not touched the select. */
  @state() private topicChoice: string | null = null;

  @state() private unit = '';
  @state() private reason = '';
  @state() private errors: { unit?: string; reason?: string } = {};
  @state() private error = '';
  @state() private sending = false;

  static override styles = [
    shared,
    css`
      .field {
        min-width: 0;
      }
      select {
        width: 100%;
        min-width: 0;
        text-overflow: ellipsis;
      }
      .row {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 0 var(--hy-space-4);
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

  private get topic(): string {
    if (this.topicChoice !== null) return this.topicChoice;
    const proposed = this.topics.some((tp) => tp.key === this.proposedTopic);
    return proposed ? this.proposedTopic : this.currentTopic;
  }

  private async send(e: Event) {
    e.preventDefault();
    const reason = this.reason.trim();
    const errors: typeof this.errors = {};
    if (!this.unit) errors.unit = t('assign.chooseUnit');
    if ([...reason].length > REASON_MAX)
      errors.reason = t('submit.error.tooLong', { max: REASON_MAX });
    this.errors = errors;
    this.error = '';
    if (errors.unit || errors.reason) return;
    this.sending = true;
    try {
      // A topic other than the submission's own is a correction: it trains the next model.
      const topic = this.topics.length > 0 ? this.topic : '';
      const after = await assign(this.submissionId, {
        unit: this.unit,
        ...(reason ? { reason } : {}),
        ...(topic && topic !== this.currentTopic ? { topic } : {}),
      });
      await loadOrganisations().catch(() => undefined);
      const message = t('assign.done', { unit: unitLabel(after.handling?.unit ?? null) });
      this.unit = '';
      this.reason = '';
      this.topicChoice = null;
      this.dispatchEvent(hyEvent('hy-handling-changed', { message }));
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  private renderTopic(id: string) {
    if (this.topics.length === 0) return nothing;
    const value = this.topic;
    return html`<div class="field">
      <label for="assign-topic">${t('assign.topic')}</label>
      <select
        id="assign-topic"
        data-testid="${id}-topic"
        aria-describedby="assign-topic-hint"
        @change=${(e: Event) => (this.topicChoice = (e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${value === ''}>${t('assign.topicKeep')}</option>
        ${this.topics.map(
          (tp) =>
            html`<option value=${tp.key} ?selected=${value === tp.key}>
              ${
                tp.key === this.proposedTopic
                  ? t('assign.topicProposed', { topic: localText(tp.title) })
                  : localText(tp.title)
              }
            </option>`,
        )}
      </select>
      <span class="hint" id="assign-topic-hint">${t('assign.topicHint')}</span>
    </div>`;
  }

  override render() {
    const id = this.testid;
    return html`<form novalidate @submit=${this.send} data-testid="${id}-form">
      <div class="row">
        <div class="field">
          <hy-unit-picker
            .label=${t('handling.unit')}
            .value=${this.unit}
            .exclude=${this.current}
            .error=${this.errors.unit ?? ''}
            required
            testid="${id}-unit"
            @hy-unit-change=${(e: CustomEvent<UnitEventDetail>) => {
              this.unit = e.detail.code;
              this.errors = { ...this.errors, unit: undefined };
            }}
          ></hy-unit-picker>
        </div>
        ${this.renderTopic(id)}
        <div class="field">
          <label for="assign-reason">${t('assign.reason')}</label>
          <input
            id="assign-reason"
            type="text"
            data-testid="${id}-reason"
            maxlength=${REASON_MAX}
            .value=${this.reason}
            aria-invalid=${this.errors.reason ? 'true' : 'false'}
            @input=${(e: Event) => {
              this.reason = (e.target as HTMLInputElement).value;
              this.errors = { ...this.errors, reason: undefined };
            }}
          />
          ${
            this.errors.reason
              ? html`<div class="field-error" role="alert">${this.errors.reason}</div>`
              : nothing
          }
        </div>
      </div>
      ${
        this.error
          ? html`<div class="notice error" role="alert" data-testid="${id}-failed">
              ${this.error}
            </div>`
          : nothing
      }
      <div class="actions">
        <button
          class="btn primary"
          type="submit"
          data-testid="${id}-send"
          ?disabled=${this.sending}
        >
          ${this.sending ? t('common.sending') : t('assign.send')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-assign-form': HyAssignForm;
  }
}
