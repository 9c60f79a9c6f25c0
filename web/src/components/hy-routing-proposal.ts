import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RoutingProposal, Topic } from '../api/types.ts';
import { localText, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

const MAX_EVIDENCE = 6;

/**
 * The routing model's proposal for reviewers: "模型建议：劳动和社会保障（置信度 86%），依据：工资
 * 拖欠 …", and whether the matter was routed on it automatically.
 */
@customElement('hy-routing-proposal')
export class HyRoutingProposal extends HyElement {
  @property({ attribute: false }) proposal: RoutingProposal | null = null;
  /** The campaign's topics, for the proposed topic's title (the key is shown without them). */
  @property({ attribute: false }) topics: Topic[] = [];
  /** Whether the matter went to a unit without a reviewer (rules matched the applied topic). */
  @property({ type: Boolean }) routed = false;

  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      .box {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: var(--hy-space-1) var(--hy-space-3);
        padding: var(--hy-space-2) var(--hy-space-3);
        border: 1px dashed var(--hy-color-info);
        border-radius: var(--hy-radius);
        background: var(--hy-color-info-soft);
        font-size: var(--hy-font-size-sm);
      }
      .line {
        font-weight: 600;
        color: var(--hy-color-info);
      }
      .words {
        display: inline-flex;
        flex-wrap: wrap;
        gap: 4px;
        align-items: baseline;
      }
      .word {
        padding: 0 6px;
        border-radius: 4px;
        background: var(--hy-color-surface);
        border: 1px solid var(--hy-color-border);
      }
      .tag {
        font-size: var(--hy-font-size-xs);
      }
    `,
  ];

  override render() {
    const p = this.proposal;
    if (!p) return nothing;
    const topic = this.topics.find((tp) => tp.key === p.topic);
    const pct = Math.round(Math.min(1, Math.max(0, p.confidence)) * 100);
    const evidence = [...p.evidence].sort((a, b) => b.weight - a.weight).slice(0, MAX_EVIDENCE);
    return html`<div
      class="box"
      data-testid="routing-proposal"
      data-topic=${p.topic}
      data-decision=${p.decision ?? 'none'}
    >
      <span class="line"
        >${t('proposal.line', { topic: topic ? localText(topic.title) : p.topic, pct })}</span
      >
      ${
        evidence.length > 0
          ? html`<span class="words"
              >${t('proposal.evidence')}
              ${evidence.map((e) => html`<span class="word">${e.word}</span>`)}</span
            >`
          : nothing
      }
      ${
        p.decision === 'auto'
          ? html`<span class="tag success" data-testid="routing-auto"
              >${this.routed ? t('proposal.auto') : t('proposal.autoTopic')}</span
            >`
          : p.decision === 'triage'
            ? html`<span class="tag warning">${t('proposal.triage')}</span>`
            : html`<span class="tag neutral">${t('proposal.reference')}</span>`
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-routing-proposal': HyRoutingProposal;
  }
}
