import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { addMilestone, withdrawAdoption, type Adoption } from '../api/adoption.ts';
import { t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-error-box.ts';

/** Curator's actions on a confirmed adoption: add a dated milestone, or withdraw the link. */
@customElement('hy-adoption-actions')
export class HyAdoptionActions extends HyElement {
  @property({ attribute: false }) adoption!: Adoption;
  @state() private error: unknown = null;

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
      this.dispatchEvent(new CustomEvent('changed', { bubbles: true, composed: true }));
    } catch (err) {
      this.error = err;
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
    return html`<form @submit=${this.milestone} data-testid="milestone-form">
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
