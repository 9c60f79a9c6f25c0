import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  confirmAdoption,
  getDocument,
  listAdoptions,
  listCandidates,
  rematchDocument,
  type AdoptionStatus,
  type Clause,
  type ConfirmInput,
  type MembersSource,
} from '../api/adoption.ts';
import { formatNumber, t } from '../i18n/index.ts';
import { createCjkIndex } from '../lib/cjk-search.ts';
import { adoptionStatusOptions } from '../lib/adoption-status-options.ts';
import type { AdoptionMembersDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-adoption-card.ts';
import './hy-adoption-actions.ts';
import './hy-adoption-members-dialog.ts';
import './hy-candidate-card.ts';
import './hy-error-box.ts';
import './hy-loading.ts';
import './hy-pagination.ts';

/** One policy document in the console: candidates to decide, a hand-made link, its adoptions. */
@customElement('hy-tracing-document')
export class HyTracingDocument extends HyElement {
  @property() documentId = '';
  @state() private page = 1;
  @state() private version = 0;
  @state() private message = '';
  @state() private clauseQuery = '';
  @state() private picked: Clause | null = null;
  @state() private error: unknown = null;
  /** A hand-made link waiting for the members' choice in the dialog. */
  @state() private pending: { input: ConfirmInput; source: MembersSource } | null = null;
  @state() private busy = false;

  private clauseIndex = createCjkIndex<Clause>(['text', 'label']);
  private clausesById = new Map<string, Clause>();

  private readonly data = new Task(this, {
    task: async ([id, page], { signal }) => {
      const [doc, candidates, adoptions] = await Promise.all([
        getDocument(id, signal),
        listCandidates(id, page, signal),
        listAdoptions(undefined, signal),
      ]);
      this.clauseIndex.removeAll();
      this.clauseIndex.addAll(doc.clauses.filter((c) => c.leaf));
      this.clausesById = new Map(doc.clauses.map((c) => [c.id, c]));
      return {
        ...doc,
        candidates,
        adoptions: adoptions.items.filter((a) => a.document.id === id),
      };
    },
    args: () => [this.documentId, this.page, this.version] as const,
  });

  static override styles = [
    shared,
    css`
      h2 {
        font-size: var(--hy-font-size-xl);
      }
      h3 {
        font-size: var(--hy-font-size-lg);
        margin-top: var(--hy-space-6);
      }
      ol {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: var(--hy-space-4);
      }
      .clauses li {
        border-bottom: 1px solid var(--hy-color-border);
        padding: var(--hy-space-2) 0;
        overflow-wrap: anywhere;
      }
      .clauses {
        gap: 0;
        max-height: 24em;
        overflow-y: auto;
      }
      .manual {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(12em, 1fr));
        gap: 0 var(--hy-space-3);
      }
      input,
      select,
      textarea {
        width: 100%;
      }
    `,
  ];

  private decided(e: CustomEvent<string>) {
    this.message = e.detail;
    this.version++;
  }

  private async rematch() {
    await rematchDocument(this.documentId);
    this.message = t('tracing.rematchQueued');
  }

  private linkByHand(e: SubmitEvent) {
    e.preventDefault();
    if (!this.picked) return;
    const data = new FormData(e.target as HTMLFormElement);
    const target = {
      kind: String(data.get('kind')) as 'cluster' | 'submission',
      id: String(data.get('targetId') ?? '').trim(),
    };
    this.error = null;
    this.pending = {
      input: {
        clauseId: this.picked.id,
        target,
        status: String(data.get('status')) as AdoptionStatus,
        quotedSpan: String(data.get('quotedSpan') ?? ''),
        note: String(data.get('note') ?? '') || null,
      },
      source: { kind: 'target', documentId: this.documentId, target },
    };
  }

  private async chosen(e: CustomEvent<AdoptionMembersDetail>) {
    if (!this.pending) return;
    this.busy = true;
    this.error = null;
    try {
      const { notified } = await confirmAdoption({
        ...this.pending.input,
        note: e.detail.note || null,
        memberIds: e.detail.memberIds,
        ...(e.detail.acknowledgeDate ? { acknowledgeDate: true } : {}),
      });
      this.message = t('tracing.confirmed', { count: formatNumber(notified) });
      this.pending = null;
      this.picked = null;
      this.version++;
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  }

  private renderManual() {
    const q = this.clauseQuery.trim();
    const found = q
      ? this.clauseIndex
          .search(q)
          .slice(0, 8)
          .map((r) => this.clausesById.get(r.id as string)!)
      : [];
    return html`<h3>${t('tracing.manual')}</h3>
      <label class="field"
        ><span class="label">${t('tracing.findClause')}</span
        ><input
          type="search"
          data-testid="clause-search"
          .value=${this.clauseQuery}
          @input=${(e: Event) => (this.clauseQuery = (e.target as HTMLInputElement).value)}
      /></label>
      ${
        found.length
          ? html`<ol class="clauses" data-testid="clause-results">
              ${found.map(
                (c) =>
                  html`<li>
                    <span class="muted small">${c.label}</span> ${c.text}
                    <button class="btn small" @click=${() => (this.picked = c)}>
                      ${t('tracing.pickClause')}
                    </button>
                  </li>`,
              )}
            </ol>`
          : nothing
      }
      ${
        this.picked
          ? html`<form @submit=${this.linkByHand} data-testid="manual-form">
              <p class="notice info">${t('tracing.picked', { label: this.picked.label })}</p>
              <div class="manual">
                <label class="field"
                  ><span class="label">${t('tracing.targetKind')}</span>
                  <select name="kind">
                    <option value="submission">${t('tracing.targetSubmission')}</option>
                    <option value="cluster">${t('tracing.targetCluster')}</option>
                  </select></label
                >
                <label class="field"
                  ><span class="label">${t('tracing.targetId')}</span
                  ><input name="targetId" required maxlength="64"
                /></label>
                <label class="field"
                  ><span class="label">${t('tracing.status')}</span>
                  <select name="status">
                    ${adoptionStatusOptions()}
                  </select></label
                >
              </div>
              <label class="field"
                ><span class="label">${t('tracing.quotedSpan')}</span
                ><textarea
                  name="quotedSpan"
                  rows="2"
                  required
                  .value=${this.picked.text}
                ></textarea>
              </label>
              <label class="field"
                ><span class="label">${t('tracing.note')}</span><input name="note" maxlength="2000"
              /></label>
              ${
                this.error && !this.pending
                  ? html`<hy-error-box .error=${this.error}></hy-error-box>`
                  : nothing
              }
              <div class="actions">
                <button class="btn primary">${t('tracing.confirm')}</button>
              </div>
            </form>`
          : nothing
      }
      ${
        this.pending
          ? html`<hy-adoption-members-dialog
              .open=${this.pending !== null}
              .source=${this.pending?.source ?? null}
              .quote=${this.pending?.input.quotedSpan ?? ''}
              .note=${this.pending?.input.note ?? ''}
              .busy=${this.busy}
              .error=${this.pending ? this.error : null}
              @hy-adoption-members=${this.chosen}
              @hy-dialog-cancel=${() => (this.pending = null)}
            ></hy-adoption-members-dialog>`
          : nothing
      }`;
  }

  override render() {
    return this.data.render({
      pending: () => html`<hy-loading></hy-loading>`,
      error: (e) => html`<hy-error-box .error=${e}></hy-error-box>`,
      complete: ({ document: d, candidates, adoptions }) =>
        html`<h2>《${d.title}》</h2>
          <p class="meta muted small">
            <span>${d.issuer} · ${d.issuedOn}</span>
            <span>${t('tracing.revision', { revision: d.revision })}</span>
            <span>${t('tracing.clauses', { count: formatNumber(d.clauses) })}</span>
          </p>
          ${
            this.message
              ? html`<p class="notice success" role="status" data-testid="tracing-message">
                  ${this.message}
                </p>`
              : nothing
          }
          <h3>
            ${t('tracing.candidates')} (${formatNumber(candidates.total)})
            <button class="btn small" @click=${this.rematch}>${t('tracing.rematch')}</button>
          </h3>
          ${
            candidates.items.length
              ? html`<ol @decided=${this.decided}>
                    ${candidates.items.map(
                      (c) => html`<li><hy-candidate-card .candidate=${c}></hy-candidate-card></li>`,
                    )}
                  </ol>
                  <hy-pagination
                    .page=${this.page}
                    .pageSize=${20}
                    .total=${candidates.total}
                    @hy-page=${(e: CustomEvent<{ page: number }>) => (this.page = e.detail.page)}
                  ></hy-pagination>`
              : html`<p class="empty">${t('tracing.noCandidates')}</p>`
          }
          ${this.renderManual()}
          <h3>${t('tracing.linked')} (${formatNumber(adoptions.length)})</h3>
          <ol>
            ${adoptions.map(
              (a) =>
                html`<li>
                  <hy-adoption-card .adoption=${a}></hy-adoption-card>
                  <hy-adoption-actions
                    .adoption=${a}
                    @changed=${(e: CustomEvent<string | null>) => {
                      if (e.detail) this.message = e.detail;
                      this.version++;
                    }}
                  ></hy-adoption-actions>
                </li>`,
            )}
          </ol>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-tracing-document': HyTracingDocument;
  }
}
