import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { listCampaigns } from '../api/campaigns.ts';
import { moderationQueue, publishSubmission, rejectSubmission } from '../api/moderation.ts';
import type { Page, Submission } from '../api/types.ts';
import { errorMessage, formatDateTime, formatNumber, localText, t } from '../i18n/index.ts';
import type { DuplicateSplitDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { hasRole, SessionController } from '../lib/session.ts';
import { renderTask } from '../lib/queue-frame.ts';
import { shared } from '../styles/shared.ts';
import './hy-duplicate-group.ts';
import './hy-error-box.ts';
import './hy-loading.ts';
import './hy-pagination.ts';
import './hy-reject-dialog.ts';
import './hy-same-text-badge.ts';

/**
 * The reviewers' queue of received submissions, oldest first, with the ORIGINAL text. Publish
 * and reject remove the item at once (optimistically) and put it back if the server refuses.
 */
@customElement('hy-moderation-queue')
export class HyModerationQueue extends HyElement {
  @state() private campaign = '';
  @state() private page = 1;
  /** Bumped to reload the queue. */
  @state() private reload = 0;
  /** Ids removed optimistically from the current page. */
  @state() private removed = new Set<string>();
  @state() private rejecting: Submission | null = null;
  @state() private status: { kind: 'success' | 'error'; text: string } | null = null;
  /** Items whose near-duplicate group is open (loaded on demand). */
  @state() private groupsOpen = new Set<string>();

  private readonly session = new SessionController(this);

  private readonly campaigns = new Task(this, {
    task: (_args, { signal }) => listCampaigns('all', signal),
    args: () => [] as const,
  });

  private readonly queue = new Task(this, {
    task: ([campaign, page], { signal }) =>
      moderationQueue({ campaign: campaign || undefined, page }, signal),
    args: () => [this.campaign, this.page, this.reload] as const,
    onComplete: () => (this.removed = new Set()),
  });

  static override styles = [
    shared,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-3);
        align-items: flex-end;
        justify-content: space-between;
        margin-bottom: var(--hy-space-4);
      }
      .toolbar .field {
        margin: 0;
        min-width: min(100%, 280px);
      }
      .count {
        font-weight: 600;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--hy-space-4);
      }
      li.card {
        padding: var(--hy-space-4) var(--hy-space-5);
      }
      .meta .ref {
        font-family: var(--hy-font-mono);
        color: var(--hy-color-text);
      }
      h3 {
        margin: var(--hy-space-2) 0;
        overflow-wrap: anywhere;
      }
      .original {
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-warning);
        margin-bottom: var(--hy-space-1);
      }
      .body {
        background: var(--hy-color-surface-alt);
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius);
        padding: var(--hy-space-3);
        max-height: 18em;
        overflow: auto;
      }
      .actions {
        margin-top: var(--hy-space-3);
        justify-content: flex-end;
      }
      details.group {
        margin-top: var(--hy-space-3);
      }
      @media (max-width: 640px) {
        li.card {
          padding: var(--hy-space-4);
        }
        .actions .btn {
          flex: 1;
        }
      }
    `,
  ];

  private async publish(s: Submission) {
    this.removeLocally(s.id);
    try {
      await publishSubmission(s.id);
      this.status = { kind: 'success', text: t('moderation.published', { ref: s.ref }) };
    } catch (e) {
      this.restore(s, e);
    }
  }

  private async reject(s: Submission, reason: string) {
    this.rejecting = null;
    this.removeLocally(s.id);
    try {
      await rejectSubmission(s.id, reason);
      this.status = { kind: 'success', text: t('moderation.rejected', { ref: s.ref }) };
    } catch (e) {
      this.restore(s, e);
    }
  }

  private removeLocally(id: string) {
    this.removed = new Set([...this.removed, id]);
  }

  private restore(s: Submission, e: unknown) {
    const removed = new Set(this.removed);
    removed.delete(s.id);
    this.removed = removed;
    this.status = {
      kind: 'error',
      text: t('moderation.failed', { ref: s.ref, message: errorMessage(e) }),
    };
  }

  private renderGroup(s: Submission) {
    const open = this.groupsOpen.has(s.id);
    return html`<details
      class="more group"
      data-testid="moderation-duplicates"
      @toggle=${(e: Event) => {
        const next = new Set(this.groupsOpen);
        if ((e.target as HTMLDetailsElement).open) next.add(s.id);
        else next.delete(s.id);
        this.groupsOpen = next;
      }}
    >
      <summary>${t('dup.show', { n: formatNumber(s.sameText) })}</summary>
      <div class="inner">
        ${
          open
            ? html`<hy-duplicate-group
                .submissionId=${s.id}
                ?canSplit=${hasRole(this.session.user, 'reviewer', 'admin')}
                @hy-duplicate-split=${(e: CustomEvent<DuplicateSplitDetail>) => {
                  this.status = {
                    kind: 'success',
                    text: t('dup.splitDone', { ref: e.detail.ref }),
                  };
                  this.reload++;
                }}
              ></hy-duplicate-group>`
            : nothing
        }
      </div>
    </details>`;
  }

  private renderItem(s: Submission) {
    return html`<li class="card" data-testid="moderation-item" data-id=${s.id}>
      <div class="meta">
        <span class="ref">${s.ref}</span>
        <span>${localText(s.campaign.title)}</span>
        <span>${formatDateTime(s.createdAt)}</span>
        <span
          >${t('moderation.submittedBy', { name: s.author?.displayName ?? t('common.anonymous') })}</span
        >
        ${s.region ? html`<span>${s.region.name}</span>` : nothing}
        ${s.topic ? html`<span>${localText(s.topic.title)}</span>` : nothing}
        ${s.sameText > 1 ? html`<hy-same-text-badge .count=${s.sameText}></hy-same-text-badge>` : nothing}
      </div>
      <h3 data-testid="moderation-title">${s.title}</h3>
      <div class="original">${t('moderation.original')}</div>
      <div class="body" data-testid="moderation-body"><span class="user-text">${s.body}</span></div>
      ${s.sameText > 1 ? this.renderGroup(s) : nothing}
      <div class="actions">
        <button
          class="btn danger"
          type="button"
          data-testid="moderation-reject"
          @click=${() => (this.rejecting = s)}
        >
          ${t('moderation.reject')}
        </button>
        <button
          class="btn primary"
          type="button"
          data-testid="moderation-publish"
          @click=${() => this.publish(s)}
        >
          ${t('moderation.publish')}
        </button>
      </div>
    </li>`;
  }

  private renderQueue(p: Page<Submission>) {
    const items = p.items.filter((s) => !this.removed.has(s.id));
    const left = Math.max(0, p.total - this.removed.size);
    return html`<p class="count" data-testid="moderation-count">
        ${t('moderation.count', { n: formatNumber(left) })}
      </p>
      ${
        items.length === 0
          ? html`<div class="card empty" data-testid="moderation-empty">
              <p>${t('moderation.empty')}</p>
              ${
                left > 0
                  ? html`<button class="btn" type="button" @click=${() => this.reload++}>
                      ${t('moderation.refresh')}
                    </button>`
                  : nothing
              }
            </div>`
          : html`<ul data-testid="moderation-list">
              ${items.map((s) => this.renderItem(s))}
            </ul>`
      }
      <hy-pagination
        .page=${p.page}
        .pageSize=${p.pageSize}
        .total=${p.total}
        @hy-page=${(e: CustomEvent<{ page: number }>) => (this.page = e.detail.page)}
      ></hy-pagination>`;
  }

  override render() {
    return html`<div class="toolbar">
        <div class="field">
          <label for="campaign">${t('moderation.campaign')}</label>
          <select
            id="campaign"
            data-testid="moderation-campaign"
            @change=${(e: Event) => {
              this.campaign = (e.target as HTMLSelectElement).value;
              this.page = 1;
            }}
          >
            <option value="" ?selected=${this.campaign === ''}>
              ${t('moderation.allCampaigns')}
            </option>
            ${(this.campaigns.value ?? []).map(
              (c) =>
                html`<option value=${c.slug} ?selected=${this.campaign === c.slug}>
                  ${localText(c.title)}
                </option>`,
            )}
          </select>
        </div>
        <button
          class="btn"
          type="button"
          data-testid="moderation-refresh"
          @click=${() => this.reload++}
        >
          ${t('moderation.refresh')}
        </button>
      </div>
      <div aria-live="polite" data-testid="moderation-status">
        ${
          this.status
            ? html`<div
                class="notice ${this.status.kind}"
                role=${this.status.kind === 'error' ? 'alert' : 'status'}
              >
                ${this.status.text}
              </div>`
            : nothing
        }
      </div>
      ${renderTask(this.queue, (p) => this.renderQueue(p))}
      <hy-reject-dialog
        .open=${this.rejecting !== null}
        .ref=${this.rejecting?.ref ?? ''}
        @hy-dialog-cancel=${() => (this.rejecting = null)}
        @hy-reject-confirm=${(e: CustomEvent<{ reason: string }>) => {
          if (this.rejecting) void this.reject(this.rejecting, e.detail.reason);
        }}
      ></hy-reject-dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-moderation-queue': HyModerationQueue;
  }
}
