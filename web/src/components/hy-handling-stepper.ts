import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HandlingState } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

/** The steps shown; `returned` is the handling step again (the unit must reply anew). */
const steps = ['unrouted', 'routed', 'replied', 'approved', 'rated'] as const;
type Step = (typeof steps)[number];

/** The handling lifecycle as a row of steps: done, current, to come. */
@customElement('hy-handling-stepper')
export class HyHandlingStepper extends HyElement {
  @property() state: HandlingState = 'unrouted';

  static override styles = [
    shared,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(5, minmax(0, 1fr));
        counter-reset: step;
      }
      li {
        position: relative;
        text-align: center;
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
        padding: 0 2px;
        overflow-wrap: anywhere;
      }
      /* The line joining a step to the previous one. */
      li + li::before {
        content: '';
        position: absolute;
        top: 13px;
        right: 50%;
        width: 100%;
        height: 2px;
        background: var(--hy-color-border);
      }
      li.done + li::before,
      li.done + li.current::before {
        background: var(--hy-color-success);
      }
      .dot {
        position: relative;
        z-index: 1;
        display: grid;
        place-items: center;
        width: 28px;
        height: 28px;
        margin: 0 auto var(--hy-space-1);
        border-radius: 50%;
        border: 2px solid var(--hy-color-border-strong);
        background: var(--hy-color-surface);
        font-size: var(--hy-font-size-xs);
        font-weight: 700;
        line-height: 1;
      }
      li.done .dot {
        border-color: var(--hy-color-success);
        background: var(--hy-color-success);
        color: #fff;
      }
      li.current {
        color: var(--hy-color-text);
        font-weight: 600;
      }
      li.current .dot {
        border-color: var(--hy-color-accent);
        background: var(--hy-color-accent);
        color: var(--hy-color-on-accent);
        box-shadow: 0 0 0 4px var(--hy-color-accent-soft);
      }
      li.current.returned .dot {
        border-color: var(--hy-color-warning);
        background: var(--hy-color-warning);
        box-shadow: 0 0 0 4px var(--hy-color-warning-soft);
      }
      .sub {
        display: block;
        font-size: var(--hy-font-size-xs);
        font-weight: 400;
        color: var(--hy-color-warning);
      }
      @media (max-width: 400px) {
        li {
          font-size: var(--hy-font-size-xs);
        }
      }
    `,
  ];

  override render() {
    const current: Step = this.state === 'returned' ? 'routed' : this.state;
    const at = steps.indexOf(current);
    return html`<ol aria-label=${t('handling.steps')} data-testid="handling-stepper">
      ${steps.map((step, i) => {
        const done = i < at || (this.state === 'rated' && i === at);
        const isCurrent = i === at && !done;
        const returned = isCurrent && this.state === 'returned';
        return html`<li
          class="${done ? 'done' : ''} ${isCurrent ? 'current' : ''} ${returned ? 'returned' : ''}"
          data-step=${step}
          aria-current=${isCurrent ? 'step' : nothing}
        >
          <span class="dot" aria-hidden="true">${done ? '✓' : i + 1}</span>
          ${t(`handling.step.${step}`)}
          ${returned ? html`<span class="sub">${t('handling.stepReturned')}</span>` : nothing}
          <span class="visually-hidden"
            >${done ? t('handling.stepDone') : isCurrent ? t('handling.stepCurrent') : ''}</span
          >
        </li>`;
      })}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-handling-stepper': HyHandlingStepper;
  }
}
