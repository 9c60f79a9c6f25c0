import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { similar } from '../api/duplicates.ts';
import { ApiError } from '../api/request.ts';
import { supportSubmission } from '../api/submissions.ts';
import type { SimilarItem, Submission } from '../api/types.ts';
import { errorMessage, formatNumber, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-same-text-badge.ts';
import './hy-status-badge.ts';

/** Below this many characters nothing is looked up. */
const MIN_CHARS = 8;
const DEBOUNCE_MS = 500;
const MAX_ITEMS = 5;

/**
 * "已有相似建议" under the submission form: while the netizen writes, published submissions like
 * the text (debounced), each with its status, weight and supports, a link and a support button.
 * Near-duplicates are flagged and the hint suggests supporting instead; sending stays allowed.
 * Fires hy-draft-save before a link is followed, so the page can keep the draft.
 */
@customElement('hy-similar-list')
export class HySimilarList extends HyElement {
  @property() slug = '';
  /** Title and body being written. */
  @property() text = '';
  /** Whether the reader is signed in (supporting needs it). */
  @property({ type: Boolean }) signedIn = false;

  @state() private items: SimilarItem[] = [];
  /** Supported here: id → new count. */
  @state() private supported = new Map<string, number>();
  @state() private busy = '';
  @state() private error = '';

  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | undefined;
  private lastText = '';

  static override styles = [
    shared,
    css`
      section {
        border: 1px solid var(--hy-color-border);
        border-left: 4px solid var(--hy-color-info);
        border-radius: var(--hy-radius);
        padding: var(--hy-space-3) var(--hy-space-4);
        background: var(--hy-color-surface-alt);
        margin-bottom: var(--hy-space-4);
      }
      h2 {
        font-size: var(--hy-font-size);
        margin: 0 0 var(--hy-space-1);
      }
      .intro {
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
        margin: 0 0 var(--hy-space-2);
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
      li.near {
        background: var(--hy-color-warning-soft);
        padding: var(--hy-space-2);
        border-radius: var(--hy-radius);
      }
      .title {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .meta {
        grid-column: 1;
        align-items: center;
        gap: var(--hy-space-1) var(--hy-space-3);
      }
      .near-flag {
        color: var(--hy-color-warning);
        font-weight: 700;
      }
      .side {
        grid-column: 2;
        grid-row: 1 / span 2;
      }
      .btn[aria-pressed='true'] {
        background: var(--hy-color-accent-soft);
        color: var(--hy-color-accent-strong);
        border-color: var(--hy-color-accent);
        opacity: 1;
      }
      .notice {
        margin: var(--hy-space-2) 0 0;
      }
      @media (max-width: 640px) {
        section {
          padding: var(--hy-space-3);
        }
        li {
          grid-template-columns: minmax(0, 1fr);
        }
        .side {
          grid-column: 1;
          grid-row: auto;
        }
        .side .btn {
          width: 100%;
        }
      }
    `,
  ];

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('text') || changed.has('slug')) this.schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.abort?.abort();
  }

  private schedule() {
    clearTimeout(this.timer);
    const text = this.text.trim().slice(0, 5000);
    if ([...text].length < MIN_CHARS || !this.slug) {
      this.abort?.abort();
      this.lastText = '';
      if (this.items.length) this.items = [];
      return;
    }
    if (text === this.lastText) return;
    this.timer = setTimeout(() => void this.load(text), DEBOUNCE_MS);
  }

  private async load(text: string) {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    try {
      const items = await similar(this.slug, text, abort.signal);
      if (abort.signal.aborted) return;
      this.lastText = text;
      this.items = items.slice(0, MAX_ITEMS);
    } catch {
      // A hint, not a gate: a failed lookup leaves the list as it was.
    }
  }

  private async support(s: Submission) {
    this.busy = s.id;
    this.error = '';
    try {
      const r = await supportSubmission(s.id);
      this.supported = new Map(this.supported).set(s.id, r.supportCount);
    } catch (e) {
      // Supported before (the list does not always know): show it as supported, no error.
      if (e instanceof ApiError && e.code === 'already_supported') {
        this.supported = new Map(this.supported).set(s.id, s.supportCount);
      } else {
        this.error = errorMessage(e);
      }
    } finally {
      this.busy = '';
    }
  }

  private renderItem(item: SimilarItem) {
    const s = item.submission;
    const done = this.supported.has(s.id);
    const count = this.supported.get(s.id) ?? s.supportCount;
    const byMe = s.supportedByMe || done;
    const isPublic = s.status === 'published' || s.status === 'answered' || s.status === 'closed';
    const canSupport = this.signedIn && !s.mine && isPublic;
    const pct = item.similarity === null ? null : Math.round(item.similarity * 100);
    return html`<li
      class=${item.nearDuplicate ? 'near' : ''}
      data-testid="similar-item"
      data-id=${s.id}
      data-near=${item.nearDuplicate ? 'true' : 'false'}
    >
      <a
        class="title"
        href="/s/${encodeURIComponent(s.id)}"
        data-testid="similar-link"
        @click=${() => this.dispatchEvent(hyEvent('hy-draft-save', undefined))}
        >${s.title}</a
      >
      <div class="meta">
        ${
          item.nearDuplicate && pct !== null
            ? html`<span class="near-flag" data-testid="similar-near"
                >${t('similar.nearDup', { pct })}</span
              >`
            : nothing
        }
        <hy-status-badge status=${s.status}></hy-status-badge>
        <span>${t('similar.supports', { n: formatNumber(count) })}</span>
        <hy-same-text-badge .count=${s.sameText}></hy-same-text-badge>
      </div>
      ${
        canSupport
          ? html`<div class="side">
              <button
                class="btn small ${byMe ? '' : item.nearDuplicate ? 'primary' : ''}"
                type="button"
                data-testid="similar-support"
                aria-pressed=${byMe ? 'true' : 'false'}
                ?disabled=${byMe || this.busy === s.id}
                @click=${() => this.support(s)}
              >
                ${byMe ? t('similar.supported') : t('similar.support')}
              </button>
            </div>`
          : nothing
      }
    </li>`;
  }

  override render() {
    if (this.items.length === 0) return nothing;
    const near = this.items.some((i) => i.nearDuplicate);
    return html`<section aria-labelledby="similar-heading" data-testid="similar-list">
      <h2 id="similar-heading">${t('similar.title')}</h2>
      <p class="intro">${t('similar.intro')}</p>
      ${
        near
          ? html`<div class="notice warning small" data-testid="similar-near-hint">
              ${t('similar.nearHint')}
            </div>`
          : nothing
      }
      <ul>
        ${this.items.map((i) => this.renderItem(i))}
      </ul>
      ${
        this.error
          ? html`<div class="notice error small" role="alert" data-testid="similar-error">
              ${this.error}
            </div>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-similar-list': HySimilarList;
  }
}
