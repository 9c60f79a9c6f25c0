import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Adoption } from '../api/adoption.ts';
import { formatDate, formatNumber, localText, t } from '../i18n/index.ts';
import { adoptionStatusLabel } from '../lib/handling-text.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-highlight.ts';

const EXCERPT = 140;

/** Where the quoted words sit in the clause, for highlighting (whitespace may differ). */
export function quoteMarks(clause: string, quote: string): [number, number][] {
  const at = clause.indexOf(quote);
  return at >= 0 ? [[at, at + quote.length]] : [];
}

/**
 * One adoption: the citizens' suggestion beside the clause that took it up, with the document,
 * the status, the number of people behind it and the measure's progress.
 */
@customElement('hy-adoption-card')
export class HyAdoptionCard extends HyElement {
  @property({ attribute: false }) adoption!: Adoption;

  static override styles = [
    shared,
    css`
      article {
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius-lg);
        background: var(--hy-color-surface);
        overflow: hidden;
      }
      .pair {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      }
      .side {
        padding: var(--hy-space-4);
        min-width: 0;
      }
      .side + .side {
        border-left: 1px solid var(--hy-color-border);
        background: var(--hy-color-surface-alt);
      }
      .kicker {
        font-size: var(--hy-font-size-xs);
        font-weight: 700;
        color: var(--hy-color-text-muted);
        letter-spacing: 0.04em;
        margin: 0 0 var(--hy-space-2);
      }
      h3 {
        font-size: var(--hy-font-size-lg);
        margin: 0 0 var(--hy-space-2);
        overflow-wrap: anywhere;
      }
      p {
        margin: 0 0 var(--hy-space-2);
        overflow-wrap: anywhere;
      }
      .doc {
        font-weight: 700;
      }
      blockquote {
        margin: 0 0 var(--hy-space-2);
        padding-left: var(--hy-space-3);
        border-left: 3px solid var(--hy-color-accent);
        overflow-wrap: anywhere;
      }
      .status {
        display: inline-block;
        padding: 0 10px;
        border-radius: 999px;
        font-size: var(--hy-font-size-xs);
        line-height: 24px;
        font-weight: 700;
        color: var(--hy-color-success);
        background: var(--hy-color-success-soft);
        border: 1px solid currentColor;
      }
      .status.under_consideration {
        color: var(--hy-color-info);
        background: var(--hy-color-info-soft);
      }
      .progress {
        padding: var(--hy-space-3) var(--hy-space-4);
        border-top: 1px solid var(--hy-color-border);
      }
      progress {
        display: block;
        width: 100%;
        height: 8px;
        margin: var(--hy-space-1) 0 var(--hy-space-2);
        accent-color: var(--hy-color-success);
      }
      ol {
        margin: 0;
        padding-left: 1.2em;
        font-size: var(--hy-font-size-sm);
      }
      @media (max-width: 640px) {
        .pair {
          grid-template-columns: minmax(0, 1fr);
        }
        .side + .side {
          border-left: 0;
          border-top: 1px solid var(--hy-color-border);
        }
      }
    `,
  ];

  private renderSuggestion() {
    const target = this.adoption.target;
    const body = target.text.slice(target.title.length + 1);
    const excerpt = body.length > EXCERPT ? `${body.slice(0, EXCERPT)}…` : body;
    return html`<div class="side" data-testid="adoption-suggestion">
      <p class="kicker">
        ${target.kind === 'cluster' ? t('adopted.cluster') : t('adopted.suggestion')}
      </p>
      <h3>
        ${
          target.kind === 'submission'
            ? html`<a href="/s/${encodeURIComponent(target.id)}"
                >${target.withheld ? t('report.withheldTitle') : target.title}</a
              >`
            : target.title
        }
      </h3>
      ${excerpt ? html`<p class="user-text">${excerpt}</p>` : nothing}
      <div class="meta">
        <span class="tag" data-testid="adoption-people"
          >${t('adopted.people', { count: formatNumber(target.people) })}</span
        >
        ${target.topic ? html`<span class="tag">${localText(target.topic.title)}</span>` : nothing}
        ${target.ref ? html`<span class="muted small">${target.ref}</span>` : nothing}
      </div>
    </div>`;
  }

  private renderClause() {
    const a = this.adoption;
    return html`<div class="side" data-testid="adoption-clause">
      <p class="kicker">${t('adopted.clause')}</p>
      <p class="doc">
        ${
          a.document.sourceUrl
            ? html`<a href=${a.document.sourceUrl} rel="noopener noreferrer" target="_blank"
                >《${a.document.title}》</a
              >`
            : html`《${a.document.title}》`
        }
        <span class="muted small">${a.document.issuer} · ${a.document.issuedOn}</span>
      </p>
      <p class="muted small">${a.clause.label}</p>
      <blockquote>
        <hy-highlight
          .value=${{ text: a.clause.text, marks: quoteMarks(a.clause.text, a.quotedSpan) }}
        ></hy-highlight>
      </blockquote>
      ${a.clause.retired ? html`<p class="notice small">${t('adopted.retired')}</p>` : nothing}
      ${a.note ? html`<p class="small">${a.note}</p>` : nothing}
      <div class="meta">
        <span class="status ${a.status}" data-testid="adoption-status"
          >${adoptionStatusLabel(a.status)}</span
        >
        <span class="muted small"
          >${t('adopted.confirmedOn', { date: formatDate(a.confirmedAt) })}</span
        >
        ${
          a.evidenceUrl
            ? html`<a class="small" href=${a.evidenceUrl} rel="noopener noreferrer" target="_blank"
                >${t('adopted.evidence')}</a
              >`
            : nothing
        }
      </div>
    </div>`;
  }

  private renderProgress() {
    const a = this.adoption;
    if (!a.milestones.length) return nothing;
    return html`<div class="progress" data-testid="adoption-progress">
      <span class="small">${t('adopted.progress', { percent: a.progress })}</span>
      <progress max="100" .value=${a.progress} aria-label=${t('adopted.milestones')}></progress>
      <ol>
        ${a.milestones.map(
          (m) =>
            html`<li>
              <time datetime=${m.occurredOn}>${m.occurredOn}</time> ${m.title}
              <span class="muted">(${m.percent}%)</span>${m.note ? html` — ${m.note}` : nothing}
            </li>`,
        )}
      </ol>
    </div>`;
  }

  override render() {
    return html`<article data-testid="adoption-card" data-adoption=${this.adoption.id}>
      <div class="pair">${this.renderSuggestion()} ${this.renderClause()}</div>
      ${this.renderProgress()}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-adoption-card': HyAdoptionCard;
  }
}
