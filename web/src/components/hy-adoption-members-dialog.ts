import { Task } from '@lit/task';
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import {
  listMembers,
  type MemberGroup,
  type Members,
  type MembersSource,
} from '../api/adoption.ts';
import { formatDate, formatDay, formatNumber, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-error-box.ts';
import './hy-loading.ts';
import './hy-same-text-badge.ts';

/**
 * Up to this many groups start ticked: the editor sees them all at once, with the number of people
 * who will be told, and unticks what the clause did not adopt. A longer list starts unticked, so
 * nobody is told of an adoption on a row the editor never looked at.
 */
export const TICKED_BY_DEFAULT_MAX = 10;

const key = (g: MemberGroup) => g.ids[0]!;
const union = (groups: MemberGroup[]) => new Set(groups.flatMap((g) => g.authors)).size;

/**
 * Modal listing everyone behind a candidate, a target named by hand or a confirmed adoption,
 * folded into form-letter groups ("N 人提交了相同内容"), each with its date and whether it was
 * written after the document: the editor ticks the suggestions the clause adopts and sees how many
 * authors will be told before confirming. A document older than a ticked suggestion needs an
 * acknowledgement and a reason. Fires hy-adoption-members with the choice, or hy-dialog-cancel;
 * the opener sends it and sets `busy` / `error`.
 */
@customElement('hy-adoption-members-dialog')
export class HyAdoptionMembersDialog extends HyElement {
  @property({ type: Boolean }) open = false;
  @property({ attribute: false }) source: MembersSource | null = null;
  /** The quoted words being confirmed, for context. */
  @property() quote = '';
  /** The note typed with the evidence: the date explanation starts from it. */
  @property() note = '';
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: unknown = null;

  @state() private ticked = new Set<string>();
  @state() private startedUnticked = false;
  @state() private ack = false;
  @state() private noteText = '';
  @state() private reason = '';
  @state() private problem = '';

  @query('dialog') private dialog!: HTMLDialogElement;

  private readonly members = new Task(this, {
    task: async ([source, open], { signal }) => {
      if (!open || !source) return null;
      const members = await listMembers(source, signal);
      this.startTicks(members);
      return members;
    },
    args: () => [this.source, this.open] as const,
  });

  static override styles = [
    shared,
    css`
      dialog {
        width: min(720px, calc(100vw - 24px));
        max-height: calc(100dvh - 24px);
        border: 0;
        border-radius: var(--hy-radius-lg);
        padding: var(--hy-space-5);
        box-shadow: var(--hy-shadow-lg);
        color: var(--hy-color-text);
      }
      dialog::backdrop {
        background: rgb(15 20 25 / 45%);
      }
      h2 {
        font-size: var(--hy-font-size-lg);
        margin: 0 0 var(--hy-space-2);
      }
      p {
        margin: 0 0 var(--hy-space-2);
        overflow-wrap: anywhere;
      }
      .quote {
        border-left: 3px solid var(--hy-color-accent);
        padding-left: var(--hy-space-3);
        font-size: var(--hy-font-size-sm);
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
        align-items: center;
        justify-content: space-between;
        margin: var(--hy-space-3) 0 var(--hy-space-2);
      }
      ul {
        list-style: none;
        margin: 0 0 var(--hy-space-3);
        padding: 0;
        max-height: min(46dvh, 30em);
        overflow-y: auto;
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius);
      }
      li + li {
        border-top: 1px solid var(--hy-color-border);
      }
      li .check {
        padding: var(--hy-space-2) var(--hy-space-3);
        min-height: 44px;
      }
      li.on {
        background: var(--hy-color-accent-soft);
      }
      .body {
        display: grid;
        gap: 2px;
        min-width: 0;
      }
      .title {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .meta {
        gap: var(--hy-space-1) var(--hy-space-3);
        align-items: center;
      }
      /* The count and the buttons stay in view while the list scrolls. */
      .footer {
        position: sticky;
        bottom: calc(-1 * var(--hy-space-5));
        margin: 0 calc(-1 * var(--hy-space-5)) calc(-1 * var(--hy-space-5));
        padding: var(--hy-space-3) var(--hy-space-5) var(--hy-space-5);
        background: var(--hy-color-surface);
        border-top: 1px solid var(--hy-color-border);
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2) var(--hy-space-4);
        align-items: center;
        justify-content: space-between;
      }
      .notify {
        font-weight: 700;
        font-size: var(--hy-font-size-lg);
        margin: 0;
      }
      textarea {
        min-height: 4em;
      }
      .actions {
        justify-content: flex-end;
      }
      @media (max-width: 640px) {
        dialog {
          padding: var(--hy-space-4);
        }
        .footer {
          bottom: calc(-1 * var(--hy-space-4));
          margin: 0 calc(-1 * var(--hy-space-4)) calc(-1 * var(--hy-space-4));
          padding: var(--hy-space-3) var(--hy-space-4) var(--hy-space-4);
        }
        .footer .actions {
          flex: 1 1 100%;
        }
        .actions .btn {
          flex: 1;
        }
      }
    `,
  ];

  private get manage() {
    return this.source?.kind === 'adoption';
  }

  private startTicks(m: Members) {
    if (this.manage) {
      this.startedUnticked = false;
      this.ticked = new Set(m.groups.filter((g) => g.adoptedIds.length).map(key));
    } else {
      this.startedUnticked = m.groups.length > TICKED_BY_DEFAULT_MAX;
      this.ticked = new Set(this.startedUnticked ? [] : m.groups.map(key));
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (!changed.has('open')) return;
    if (this.open && !this.dialog.open) {
      this.ack = false;
      this.reason = '';
      this.problem = '';
      this.noteText = this.note;
      this.dialog.showModal();
    } else if (!this.open && this.dialog.open) {
      this.dialog.close();
    }
  }

  /** What confirming would do now: who is adopted, who is taken out, who is told. */
  private plan(m: Members) {
    const on = m.groups.filter((g) => this.ticked.has(key(g)));
    if (!this.manage) {
      return {
        add: on.flatMap((g) => g.ids),
        remove: [] as string[],
        told: union(on),
        toldRemoved: 0,
        later: on.reduce((n, g) => n + g.afterDocument, 0),
      };
    }
    const adding = on.filter((g) => g.adoptedIds.length < g.ids.length);
    const removing = m.groups.filter((g) => !this.ticked.has(key(g)) && g.adoptedIds.length);
    return {
      add: adding.flatMap((g) => g.ids.filter((id) => !g.adoptedIds.includes(id))),
      remove: removing.flatMap((g) => g.adoptedIds),
      told: union(adding),
      toldRemoved: union(removing),
      later: adding.reduce((n, g) => n + g.afterDocument, 0),
    };
  }

  private toggle(g: MemberGroup, on: boolean) {
    const next = new Set(this.ticked);
    if (on) next.add(key(g));
    else next.delete(key(g));
    this.ticked = next;
    this.problem = '';
  }

  private cancel() {
    this.dispatchEvent(hyEvent('hy-dialog-cancel', undefined));
  }

  private submit(e: Event) {
    e.preventDefault();
    const m = this.members.value;
    if (!m || this.busy) return;
    const p = this.plan(m);
    const reason = this.reason.trim();
    if (!this.manage && !p.add.length) this.problem = t('members.noneTicked');
    else if (this.manage && !p.add.length && !p.remove.length) this.problem = t('members.noChange');
    else if (p.later && (!this.ack || !this.noteText.trim()))
      this.problem = t('members.dateAckRequired');
    else if (p.remove.length && reason.length < 2) this.problem = t('members.reasonRequired');
    else this.problem = '';
    if (this.problem) return;
    this.dispatchEvent(
      hyEvent('hy-adoption-members', {
        memberIds: p.add,
        add: p.add,
        remove: p.remove,
        acknowledgeDate: p.later > 0 && this.ack,
        note: this.noteText.trim(),
        reason,
      }),
    );
  }

  private renderGroup(g: MemberGroup) {
    const on = this.ticked.has(key(g));
    const written =
      formatDate(g.firstAt) === formatDate(g.lastAt)
        ? t('members.writtenOn', { date: formatDate(g.firstAt) })
        : t('members.writtenRange', { from: formatDate(g.firstAt), to: formatDate(g.lastAt) });
    return html`<li
      class=${on ? 'on' : ''}
      data-testid="member"
      data-ref=${g.ref}
      data-count=${g.count}
    >
      <label class="check">
        <input
          type="checkbox"
          data-testid="member-tick"
          .checked=${on}
          @change=${(e: Event) => this.toggle(g, (e.target as HTMLInputElement).checked)}
        />
        <span class="body">
          <span class="title" data-testid="member-title">${g.title}</span>
          <span class="meta">
            <span>${g.ref}</span>
            <span>${written}</span>
            ${g.count > 1 ? html`<hy-same-text-badge .count=${g.count}></hy-same-text-badge>` : nothing}
            ${
              g.afterDocument
                ? html`<span class="tag warning" data-testid="member-after"
                    >${t('members.afterDocument')}</span
                  >`
                : nothing
            }
            ${
              this.manage && g.adoptedIds.length
                ? html`<span class="tag success">${t('members.adopted')}</span>`
                : nothing
            }
            ${
              g.withheld
                ? html`<span class="tag neutral">${t('report.withheldTitle')}</span>`
                : nothing
            }
          </span>
        </span>
      </label>
    </li>`;
  }

  private renderBody(m: Members) {
    const p = this.plan(m);
    const all = () => (this.ticked = new Set(m.groups.map(key)));
    const none = () => (this.ticked = new Set());
    return html`<p>
        ${
          this.manage
            ? t('members.leadManage')
            : t('members.lead', {
                groups: formatNumber(m.groups.length),
                count: formatNumber(m.submissions),
              })
        }
      </p>
      ${this.startedUnticked ? html`<p class="notice info">${t('members.leadLong')}</p>` : nothing}
      <div class="toolbar">
        <span class="label" id="members-list">${t('members.list')}</span>
        <span class="actions">
          <button class="btn small" type="button" data-testid="members-all" @click=${all}>
            ${t('members.selectAll')}
          </button>
          <button class="btn small" type="button" data-testid="members-none" @click=${none}>
            ${t('members.selectNone')}
          </button>
        </span>
      </div>
      <ul aria-labelledby="members-list">
        ${m.groups.map((g) => this.renderGroup(g))}
      </ul>
      ${
        p.later
          ? html`<div class="notice warning" role="alert" data-testid="members-date-warning">
              <p>
                ${t('members.dateWarning', {
                  document: m.document.title,
                  date: formatDay(m.document.issuedOn),
                  count: formatNumber(p.later),
                })}
              </p>
              <label class="check">
                <input
                  type="checkbox"
                  data-testid="members-date-ack"
                  .checked=${this.ack}
                  @change=${(e: Event) => {
                    this.ack = (e.target as HTMLInputElement).checked;
                    this.problem = '';
                  }}
                />
                <span>${t('members.dateAck')}</span>
              </label>
              <label class="field"
                ><span class="label">${t('members.dateNote')}</span
                ><textarea
                  data-testid="members-date-note"
                  maxlength="2000"
                  .value=${this.noteText}
                  @input=${(e: Event) => {
                    this.noteText = (e.target as HTMLTextAreaElement).value;
                    this.problem = '';
                  }}
                ></textarea>
              </label>
            </div>`
          : nothing
      }
      ${
        p.remove.length
          ? html`<label class="field"
              ><span class="label">${t('members.reason')}</span
              ><textarea
                data-testid="members-reason"
                maxlength="500"
                .value=${this.reason}
                @input=${(e: Event) => {
                  this.reason = (e.target as HTMLTextAreaElement).value;
                  this.problem = '';
                }}
              ></textarea>
            </label>`
          : nothing
      }
      ${
        this.problem
          ? html`<p class="field-error" role="alert" data-testid="members-problem">
              ${this.problem}
            </p>`
          : nothing
      }
      ${this.error ? html`<hy-error-box .error=${this.error}></hy-error-box>` : nothing}`;
  }

  /** How many authors confirming would tell: beside the button, always in view. */
  private renderNotify(m: Members) {
    const p = this.plan(m);
    return html`<p class="notify" data-testid="members-notify" aria-live="polite">
      ${
        this.manage
          ? t('members.notifyChange', {
              added: formatNumber(p.told),
              removed: formatNumber(p.toldRemoved),
            })
          : t('members.notify', { count: formatNumber(p.told) })
      }
    </p>`;
  }

  override render() {
    return html`<dialog
      aria-labelledby="members-title"
      data-testid="members-dialog"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.cancel();
      }}
    >
      <form novalidate @submit=${this.submit}>
        <h2 id="members-title">${this.manage ? t('members.titleManage') : t('members.title')}</h2>
        ${this.quote ? html`<p class="quote">${t('members.quote', { quote: this.quote })}</p>` : nothing}
        ${this.members.render({
          pending: () => html`<hy-loading></hy-loading>`,
          error: (e) => html`<hy-error-box .error=${e}></hy-error-box>`,
          complete: (m) => (m ? this.renderBody(m) : nothing),
        })}
        <div class="footer">
          ${this.members.value ? this.renderNotify(this.members.value) : nothing}
          <div class="actions">
            <button class="btn" type="button" data-testid="members-cancel" @click=${this.cancel}>
              ${t('common.cancel')}
            </button>
            <button
              class="btn primary"
              type="submit"
              data-testid="members-confirm"
              ?disabled=${this.busy || !this.members.value}
            >
              ${this.manage ? t('members.save') : t('members.confirm')}
            </button>
          </div>
        </div>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-adoption-members-dialog': HyAdoptionMembersDialog;
  }
}
