import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CampaignSummary } from '../api/types.ts';
import { formatNumber, localText, orgName, t } from '../i18n/index.ts';
import { deadlineText, phaseText } from '../lib/campaign-text.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

/** One campaign in the home list: title, summary, kind, phase, deadline, counts, owner. */
@customElement('hy-campaign-card')
export class HyCampaignCard extends HyElement {
  @property({ attribute: false }) campaign!: CampaignSummary;

  static override styles = [
    shared,
    css`
      :host {
        height: 100%;
      }
      article {
        height: 100%;
        display: flex;
        flex-direction: column;
        gap: var(--hy-space-3);
        background: var(--hy-color-surface);
        border: 1px solid var(--hy-color-border);
        border-top: 4px solid var(--hy-color-accent);
        border-radius: var(--hy-radius-lg);
        padding: var(--hy-space-5);
        box-shadow: var(--hy-shadow);
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
        align-items: center;
      }
      h2 {
        font-size: var(--hy-font-size-lg);
        margin: 0;
      }
      h2 a {
        color: var(--hy-color-text);
        text-decoration: none;
      }
      h2 a:hover {
        color: var(--hy-color-accent);
        text-decoration: underline;
      }
      .summary {
        color: var(--hy-color-text-muted);
        margin: 0;
        flex: 1;
        overflow-wrap: anywhere;
      }
      .deadline {
        font-weight: 600;
        color: var(--hy-color-accent-strong);
      }
      .deadline.open {
        color: var(--hy-color-success);
      }
      .stats {
        display: flex;
        gap: var(--hy-space-4);
        font-size: var(--hy-font-size-sm);
      }
      .stats strong {
        font-size: var(--hy-font-size-lg);
        margin-right: 2px;
      }
      footer {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: var(--hy-space-3);
        border-top: 1px solid var(--hy-color-border);
        padding-top: var(--hy-space-3);
      }
    `,
  ];

  override render() {
    const c = this.campaign;
    const href = `/c/${encodeURIComponent(c.slug)}`;
    return html`<article data-testid="campaign-card" data-slug=${c.slug}>
      <div class="top">
        <span class="tag" data-testid="campaign-kind">${t(`kind.${c.kind}`)}</span>
        <span class="tag neutral">${phaseText(c)}</span>
      </div>
      <h2><a class="tap" href=${href} data-testid="campaign-link">${localText(c.title)}</a></h2>
      <p class="summary">${localText(c.summary)}</p>
      <div class="meta">
        <span
          class="deadline ${c.currentPhase && !c.closesOn ? 'open' : ''}"
          data-testid="campaign-deadline"
          >${deadlineText(c)}</span
        >
        <span>${t('campaign.owner', { name: orgName(c.owner) })}</span>
      </div>
      <footer>
        <div class="stats" data-testid="campaign-stats">
          <span>${t('campaign.published', { n: formatNumber(c.stats.published) })}</span>
          <span>${t('campaign.supports', { n: formatNumber(c.stats.supports) })}</span>
        </div>
        <a class="btn small" href=${href}>${t('campaign.view')} →</a>
      </footer>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-campaign-card': HyCampaignCard;
  }
}
