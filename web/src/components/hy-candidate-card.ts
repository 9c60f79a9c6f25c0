import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  confirmAdoption,
  rejectCandidate,
  type AdoptionStatus,
  type Candidate,
  type ConfirmInput,
  type MembersSource,
} from '../api/adoption.ts';
import { formatNumber, t } from '../i18n/index.ts';
import { adoptionStatusOptions } from '../lib/adoption-status-options.ts';
import type { AdoptionMembersDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-adoption-members-dialog.ts';
import './hy-error-box.ts';
import './hy-highlight.ts';

/**
 * One proposed link: the clause and the suggestion side by side with their shared key phrases
 * highlighted on both sides; the editor gives a status and evidence, then ticks in the members
 * dialog which suggestions behind it the clause adopts (only they are told), or rejects it.
 * Fires `decided` when done.
 */
@customElement('hy-candidate-card')
export class HyCandidateCard extends HyElement {
  @property({ attribute: false }) candidate!: Candidate;
  @state() private error: unknown = null;
  @state() private busy = false;
  /** The evidence typed in the form, waiting for the members' choice in the dialog. */
  @state() private pending: ConfirmInput | null = null;
  @state() private dialogError: unknown = null;
  /** Kept while the candidate stays the same, so the dialog loads its members once per opening. */
  private source: Extract<MembersSource, { kind: 'candidate' }> | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('candidate') && this.source?.id !== this.candidate.id)
      this.source = { kind: 'candidate', id: this.candidate.id };
  }

  static override styles = [
    shared,
    css`
      article {
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius-lg);
        background: var(--hy-color-surface);
        padding: var(--hy-space-4);
      }
      .pair {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: var(--hy-space-4);
        margin-bottom: var(--hy-space-3);
      }
      .pair > div {
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .kicker {
        font-size: var(--hy-font-size-xs);
        font-weight: 700;
        color: var(--hy-color-text-muted);
        margin: 0 0 var(--hy-space-1);
      }
      .form {
        display: grid;
        grid-template-columns: minmax(10em, 14em) minmax(0, 1fr);
        gap: 0 var(--hy-space-3);
      }
      .form .wide {
        grid-column: 1 / -1;
      }
      input,
      select,
      textarea {
        width: 100%;
      }
      @media (max-width: 640px) {
        .pair,
        .form {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  private confirm(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.error = null;
    this.dialogError = null;
    this.pending = {
      candidateId: this.candidate.id,
      status: String(data.get('status')) as AdoptionStatus,
      quotedSpan: String(data.get('quotedSpan') ?? ''),
      note: String(data.get('note') ?? '') || null,
      evidenceUrl: String(data.get('evidenceUrl') ?? '') || null,
    };
  }

  private async chosen(e: CustomEvent<AdoptionMembersDetail>) {
    const pending = this.pending;
    if (!pending) return;
    this.busy = true;
    this.dialogError = null;
    try {
      const { notified } = await confirmAdoption({
        ...pending,
        note: e.detail.note || null,
        memberIds: e.detail.memberIds,
        ...(e.detail.acknowledgeDate ? { acknowledgeDate: true } : {}),
      });
      this.pending = null;
      this.dispatchEvent(
        new CustomEvent('decided', {
          detail: t('tracing.confirmed', { count: formatNumber(notified) }),
          bubbles: true,
          composed: true,
        }),
      );
    } catch (err) {
      this.dialogError = err;
    } finally {
      this.busy = false;
    }
  }

  private async reject() {
    await this.act(async () => {
      await rejectCandidate(this.candidate.id);
      return t('tracing.rejected');
    });
  }

  private async act(run: () => Promise<string>) {
    this.busy = true;
    this.error = null;
    try {
      const message = await run();
      this.dispatchEvent(
        new CustomEvent('decided', { detail: message, bubbles: true, composed: true }),
      );
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const c = this.candidate;
    const clauseMarks = c.phrases.flatMap((p) => p.inClause);
    const targetMarks = c.phrases.flatMap((p) => p.inTarget);
    return html`<article data-testid="candidate" data-candidate=${c.id} data-kind=${c.target.kind}>
      <div class="pair">
        <div>
          <p class="kicker">${t('adopted.clause')} · ${c.clause.label}</p>
          <hy-highlight .value=${{ text: c.clause.text, marks: clauseMarks }}></hy-highlight>
        </div>
        <div>
          <p class="kicker">
            ${c.target.kind === 'cluster' ? t('adopted.cluster') : t('adopted.suggestion')} ·
            <span data-testid="candidate-target">${c.target.title}</span> ·
            ${t('adopted.people', { count: formatNumber(c.target.people) })}
          </p>
          <hy-highlight
            class="user-text"
            .value=${{ text: c.target.text, marks: targetMarks }}
          ></hy-highlight>
        </div>
      </div>
      <p class="meta small muted">
        <span>${t('tracing.score', { score: c.score.toFixed(3) })}</span>
        <span
          >${t('tracing.shared')}:
          ${c.phrases.map((p) => (p.via ? `${p.phrase}←${p.via}` : p.phrase)).join('、')}</span
        >
      </p>
      <form class="form" @submit=${this.confirm}>
        <label class="field"
          ><span class="label">${t('tracing.status')}</span>
          <select name="status" data-testid="candidate-status">
            ${adoptionStatusOptions()}
          </select></label
        >
        <label class="field"
          ><span class="label">${t('tracing.quotedSpan')}</span
          ><textarea
            name="quotedSpan"
            rows="2"
            required
            data-testid="candidate-span"
            .value=${c.clause.text}
          ></textarea>
        </label>
        <label class="field"
          ><span class="label">${t('tracing.note')}</span><input name="note" maxlength="2000"
        /></label>
        <label class="field"
          ><span class="label">${t('tracing.evidenceUrl')}</span
          ><input name="evidenceUrl" type="url" maxlength="500"
        /></label>
        <div class="actions wide">
          <button class="btn primary" ?disabled=${this.busy} data-testid="candidate-confirm">
            ${t('tracing.confirm')}
          </button>
          <button
            class="btn"
            type="button"
            ?disabled=${this.busy}
            data-testid="candidate-reject"
            @click=${this.reject}
          >
            ${t('tracing.reject')}
          </button>
        </div>
        ${
          this.error
            ? html`<div class="wide"><hy-error-box .error=${this.error}></hy-error-box></div>`
            : nothing
        }
      </form>
      ${
        this.pending
          ? html`<hy-adoption-members-dialog
              .open=${this.pending !== null}
              .source=${this.source}
              .quote=${this.pending?.quotedSpan ?? ''}
              .note=${this.pending?.note ?? ''}
              .busy=${this.busy}
              .error=${this.dialogError}
              @hy-adoption-members=${this.chosen}
              @hy-dialog-cancel=${() => (this.pending = null)}
            ></hy-adoption-members-dialog>`
          : nothing
      }
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-candidate-card': HyCandidateCard;
  }
}
