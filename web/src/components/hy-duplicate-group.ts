import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { duplicates, splitDuplicate } from '../api/duplicates.ts';
import type { DuplicateGroup, Submission } from '../api/types.ts';
import { errorMessage, formatDateTime, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-error-box.ts';
import './hy-loading.ts';
import './hy-status-badge.ts';

/**
 * A submission's near-duplicate group for staff (originals): ref, title, status of each member,
 * and 拆分出组 for reviewers, which takes a member out of the group and reloads it.
 */
@customElement('hy-duplicate-group')
export class HyDuplicateGroup extends HyElement {
  @property() submissionId = '';
  /** Reviewers and admins may split members out. */
  @property({ type: Boolean }) canSplit = false;

  @state() private reload = 0;
  @state() private busy = '';
  @state() private status: { tone: 'success' | 'error'; text: string } | null = null;

  private readonly group = new Task(this, {
    task: ([id], { signal }) => duplicates(id, signal),
    args: () => [this.submissionId, this.reload] as const,
  });

  static override styles = [
    shared,
    css`
      .intro {
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: var(--hy-space-1) var(--hy-space-3);
        align-items: center;
        padding: var(--hy-space-2) 0;
        border-top: 1px solid var(--hy-color-border);
      }
      li.self {
        background: var(--hy-color-accent-soft);
        margin: 0 calc(-1 * var(--hy-space-2));
        padding: var(--hy-space-2);
        border-radius: var(--hy-radius);
      }
      .title {
        overflow-wrap: anywhere;
        font-weight: 600;
      }
      .ref {
        font-family: var(--hy-font-mono);
        color: var(--hy-color-text);
      }
      .meta {
        align-items: center;
      }
      .notice {
        margin: 0 0 var(--hy-space-2);
      }
      @media (max-width: 640px) {
        li {
          grid-template-columns: minmax(0, 1fr);
        }
        li .btn {
          width: 100%;
        }
      }
    `,
  ];

  private async split(s: Submission) {
    this.busy = s.id;
    this.status = null;
    try {
      await splitDuplicate(s.id);
      this.status = { tone: 'success', text: t('dup.splitDone', { ref: s.ref }) };
      this.dispatchEvent(hyEvent('hy-duplicate-split', { id: s.id, ref: s.ref }));
      this.reload++;
    } catch (e) {
      this.status = { tone: 'error', text: errorMessage(e) };
    } finally {
      this.busy = '';
    }
  }

  private renderGroup(g: DuplicateGroup) {
    const others = g.members.filter((m) => m.id !== this.submissionId);
    const members = [...g.members].sort((a, b) => a.createdAt - b.createdAt);
    return html`${
      others.length === 0
        ? html`<p class="small muted" data-testid="duplicate-none">${t('dup.none')}</p>`
        : html`<p class="intro">${t('dup.intro')}</p>
            <ul data-testid="duplicate-members">
              ${members.map((m) => {
                const self = m.id === this.submissionId;
                return html`<li
                  class=${self ? 'self' : ''}
                  data-testid="duplicate-member"
                  data-id=${m.id}
                >
                  <div>
                    <div class="meta">
                      <span class="ref">${m.ref}</span>
                      <hy-status-badge status=${m.status}></hy-status-badge>
                      <span>${m.author?.displayName ?? t('common.anonymous')}</span>
                      <span>${formatDateTime(m.createdAt)}</span>
                      ${self ? html`<span class="tag neutral">${t('dup.this')}</span>` : nothing}
                    </div>
                    ${
                      self
                        ? html`<div class="title">${m.title}</div>`
                        : html`<a
                            class="title"
                            href="/s/${encodeURIComponent(m.id)}"
                            data-testid="duplicate-link"
                            >${m.title}</a
                          >`
                    }
                  </div>
                  ${
                    this.canSplit
                      ? html`<button
                          class="btn small"
                          type="button"
                          data-testid="duplicate-split"
                          ?disabled=${this.busy !== ''}
                          @click=${() => this.split(m)}
                        >
                          ${t('dup.split')}
                        </button>`
                      : nothing
                  }
                </li>`;
              })}
            </ul>`
    }`;
  }

  override render() {
    return html`<div aria-live="polite" data-testid="duplicate-status">
        ${
          this.status
            ? html`<div
                class="notice ${this.status.tone} small"
                role=${this.status.tone === 'error' ? 'alert' : 'status'}
              >
                ${this.status.text}
              </div>`
            : nothing
        }
      </div>
      ${this.group.render({
        initial: () => html`<hy-loading></hy-loading>`,
        pending: () =>
          this.group.value ? this.renderGroup(this.group.value) : html`<hy-loading></hy-loading>`,
        complete: (g) => this.renderGroup(g),
        error: (e) =>
          html`<hy-error-box .error=${e} retry @hy-retry=${() => this.group.run()}></hy-error-box>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-duplicate-group': HyDuplicateGroup;
  }
}
