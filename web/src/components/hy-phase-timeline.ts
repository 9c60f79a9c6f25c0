import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Phase } from '../api/types.ts';
import { formatDay, localText, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

/** A campaign's phases in date order, the current one highlighted. */
@customElement('hy-phase-timeline')
export class HyPhaseTimeline extends HyElement {
  @property({ attribute: false }) phases: Phase[] = [];
  /** Key of the phase covering today, if any. */
  @property() current: string | null = null;

  static override styles = [
    shared,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        position: relative;
        padding: 0 0 var(--hy-space-4) var(--hy-space-6);
      }
      li::before {
        content: '';
        position: absolute;
        left: 9px;
        top: 22px;
        bottom: 0;
        width: 2px;
        background: var(--hy-color-border);
      }
      li:last-child::before {
        display: none;
      }
      .dot {
        position: absolute;
        left: 2px;
        top: 6px;
        width: 16px;
        height: 16px;
        border-radius: 50%;
        border: 2px solid var(--hy-color-border-strong);
        background: var(--hy-color-surface);
      }
      li.past .dot {
        background: var(--hy-color-border-strong);
      }
      li.current .dot {
        border-color: var(--hy-color-accent);
        background: var(--hy-color-accent);
        box-shadow: 0 0 0 4px var(--hy-color-accent-soft);
      }
      .name {
        font-weight: 600;
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
        align-items: center;
      }
      li.current .name {
        color: var(--hy-color-accent-strong);
      }
      li.past {
        color: var(--hy-color-text-muted);
      }
      .dates {
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
      }
      .allows {
        display: flex;
        gap: var(--hy-space-2);
        margin-top: var(--hy-space-1);
      }
    `,
  ];

  override render() {
    const sorted = [...this.phases].sort((a, b) => a.starts.localeCompare(b.starts));
    const currentIndex = sorted.findIndex((p) => p.key === this.current);
    return html`<ol data-testid="phase-timeline">
      ${sorted.map((p, i) => {
        const state =
          p.key === this.current
            ? 'current'
            : currentIndex >= 0
              ? i < currentIndex
                ? 'past'
                : 'future'
              : '';
        return html`<li
          class=${state}
          aria-current=${state === 'current' ? 'step' : nothing}
          data-testid="phase"
          data-phase=${p.key}
        >
          <span class="dot" aria-hidden="true"></span>
          <div class="name">
            ${localText(p.title)}
            ${state === 'current' ? html`<span class="tag">${t('campaign.phaseCurrent')}</span>` : nothing}
          </div>
          <div class="dates">
            ${
              p.ends
                ? `${formatDay(p.starts)} — ${formatDay(p.ends)}`
                : `${t('campaign.phaseFrom', { starts: formatDay(p.starts) })} · ${t('campaign.alwaysOpen')}`
            }
          </div>
          ${
            p.allows.length
              ? html`<div class="allows">
                  ${p.allows.map((a) => html`<span class="tag neutral">${t(`campaign.allows.${a}`)}</span>`)}
                </div>`
              : nothing
          }
        </li>`;
      })}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-phase-timeline': HyPhaseTimeline;
  }
}
