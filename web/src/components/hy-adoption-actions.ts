import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  addMilestone,
  changeMembers,
  withdrawAdoption,
  type Adoption,
  type MembersSource,
} from '../api/adoption.ts';
import { formatNumber, t } from '../i18n/index.ts';
import type { AdoptionMembersDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-adoption-members-dialog.ts';
import './hy-error-box.ts';

/**
 * Curator's actions on a confirmed adoption: change which suggestions it holds (each added author
 * is told as at a confirmation, each removed one that it was withdrawn), add a dated milestone, or
 * withdraw the link. Fires `changed` (with a message, when there is one) after each.
 */
@customElement('hy-adoption-actions')
export class HyAdoptionActions extends HyElement {
  @property({ attribute: false }) adoption!: Adoption;
  @state() private error: unknown = null;
  @state() private managing = false;
  @state() private busy = false;
  @state() private dialogError: unknown = null;
  private source: Extract<MembersSource, { kind: 'adoption' }> | null = null;

  protected override willUpdate(): void {
    if (this.source?.id !== this.adoption.id)
      this.source = { kind: 'adoption', id: this.adoption.id };
  }

  static override styles = [
    shared,
    css`
      form {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(9em, 1fr) minmax(6em, 0.6fr) auto;
        gap: 0 var(--hy-space-2);
        align-items: end;
        margin-top: var(--hy-space-2);
      }
      input {
        width: 100%;
      }
      .manage {
        margin-top: var(--hy-space-2);
      }
      @media (max-width: 640px) {
        form {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        }
      }
    `,
  ];

  private async run(action: () => Promise<unknown>) {
    this.error = null;
    try {
      await action();
      this.changed(null);
    } catch (err) {
      this.error = err;
    }
  }

  private changed(message: string | null) {
    this.dispatchEvent(
      new CustomEvent('changed', { detail: message, bubbles: true, composed: true }),
    );
  }

  private async chosen(e: CustomEvent<AdoptionMembersDetail>) {
    const d = e.detail;
    this.busy = true;
    this.dialogError = null;
    try {
      const result = await changeMembers(this.adoption.id, {
        ...(d.add.length ? { add: d.add } : {}),
        ...(d.remove.length ? { remove: d.remove, reason: d.reason } : {}),
        ...(d.acknowledgeDate ? { acknowledgeDate: true, note: d.note } : {}),
      });
      this.managing = false;
      this.changed(
        t('members.changed', {
          added: formatNumber(result.added),
          removed: formatNumber(result.removed),
          notified: formatNumber(result.notified),
        }),
      );
    } catch (err) {
      this.dialogError = err;
    } finally {
      this.busy = false;
    }
  }

  private milestone(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    void this.run(() =>
      addMilestone(this.adoption.id, {
        title: String(data.get('title') ?? ''),
        occurredOn: String(data.get('occurredOn') ?? ''),
        percent: Number(data.get('percent') ?? 0),
        note: null,
      }),
    );
  }

  private withdraw(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    void this.run(() => withdrawAdoption(this.adoption.id, String(data.get('reason') ?? '')));
  }

  override render() {
    return html`<div class="actions manage">
        <button
          class="btn small"
          type="button"
          data-testid="adoption-manage"
          @click=${() => {
            this.dialogError = null;
            this.managing = true;
          }}
        >
          ${t('members.manage')}
        </button>
      </div>
      ${
        this.managing
          ? html`<hy-adoption-members-dialog
              .open=${this.managing}
              .source=${this.source}
              .busy=${this.busy}
              .error=${this.dialogError}
              @hy-adoption-members=${this.chosen}
              @hy-dialog-cancel=${() => (this.managing = false)}
            ></hy-adoption-members-dialog>`
          : nothing
      }
      <form @submit=${this.milestone} data-testid="milestone-form">
        <label class="field"
          ><span class="label">${t('tracing.milestoneTitle')}</span
          ><input name="title" required maxlength="120"
        /></label>
        <label class="field"
          ><span class="label">${t('tracing.milestoneDate')}</span
          ><input name="occurredOn" type="date" required
        /></label>
        <label class="field"
          ><span class="label">${t('tracing.milestonePercent')}</span
          ><input name="percent" type="number" min="0" max="100" required
        /></label>
        <button class="btn">${t('tracing.addMilestone')}</button>
      </form>
      <form @submit=${this.withdraw}>
        <label class="field"
          ><span class="label">${t('tracing.withdrawReason')}</span
          ><input name="reason" required minlength="2" maxlength="500"
        /></label>
        <span></span><span></span>
        <button class="btn danger">${t('tracing.withdraw')}</button>
      </form>
      ${this.error ? html`<hy-error-box .error=${this.error}></hy-error-box>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-adoption-actions': HyAdoptionActions;
  }
}
