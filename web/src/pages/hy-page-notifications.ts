import { Task } from '@lit/task';
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { listNotifications, markRead } from '../api/notifications.ts';
import type { Notification, Page } from '../api/types.ts';
import { errorMessage, formatDateTime, formatNumber, t } from '../i18n/index.ts';
import { notificationText, notificationTypeLabel } from '../lib/handling-text.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { OrganisationsController } from '../lib/orgs.ts';
import { navigate, redirectToLogin } from '../lib/router.ts';
import { SessionController } from '../lib/session.ts';
import { unread } from '../lib/unread.ts';
import { shared } from '../styles/shared.ts';
import '../components/hy-error-box.ts';
import '../components/hy-loading.ts';
import '../components/hy-pagination.ts';

type Loaded = Page<Notification> & { unread: number };

/** The signed-in user's notifications, newest first, each linking to its submission. */
@customElement('hy-page-notifications')
export class HyPageNotifications extends HyElement {
  @property() search = '';

  /** Ids marked read on this page since it was loaded. */
  @state() private readIds = new Set<number>();
  @state() private error = '';

  private readonly session = new SessionController(this);
  private readonly orgs = new OrganisationsController(this);

  private readonly list = new Task(this, {
    task: ([page, onlyUnread, userId], { signal }) =>
      userId ? listNotifications({ page, unread: onlyUnread }, signal) : Promise.resolve(null),
    args: () => [this.page, this.onlyUnread, this.session.user?.id ?? null] as const,
    onComplete: (r) => {
      this.readIds = new Set();
      if (r) unread.set(r.unread);
    },
  });

  static override styles = [
    shared,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2) var(--hy-space-4);
        align-items: center;
        justify-content: space-between;
        margin-bottom: var(--hy-space-4);
      }
      .toolbar .check {
        padding-top: 0;
        align-items: center;
      }
      .count {
        font-weight: 600;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        background: var(--hy-color-surface);
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius-lg);
        overflow: hidden;
      }
      li {
        padding: var(--hy-space-3) var(--hy-space-4);
        border-bottom: 1px solid var(--hy-color-border);
      }
      li:last-child {
        border-bottom: 0;
      }
      li.unread {
        background: var(--hy-color-info-soft);
        box-shadow: inset 4px 0 0 var(--hy-color-accent);
      }
      .text {
        overflow-wrap: anywhere;
      }
      li.unread .text {
        font-weight: 600;
      }
      .text a {
        color: inherit;
        text-decoration: none;
      }
      .text a:hover {
        color: var(--hy-color-accent);
        text-decoration: underline;
      }
      .meta {
        margin-top: var(--hy-space-1);
        align-items: center;
      }
      .meta .btn {
        margin-left: auto;
      }
      .filter {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--hy-space-2) var(--hy-space-5);
      }
      @media (max-width: 640px) {
        li {
          padding: var(--hy-space-3);
        }
      }
    `,
  ];

  private get params() {
    return new URLSearchParams(this.search);
  }
  private get page(): number {
    const n = Number(this.params.get('page'));
    return Number.isInteger(n) && n > 0 ? n : 1;
  }
  private get onlyUnread(): boolean {
    return this.params.get('unread') === '1';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setPageTitle(t('notifications.title'));
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.session.user === null) redirectToLogin();
  }

  private go(page: number, onlyUnread: boolean) {
    const q = new URLSearchParams();
    if (onlyUnread) q.set('unread', '1');
    if (page > 1) q.set('page', String(page));
    const qs = q.toString();
    navigate(`/notifications${qs ? `?${qs}` : ''}`, { soft: true });
  }

  private async read(ids: number[]) {
    this.error = '';
    try {
      unread.set(await markRead({ ids }));
      this.readIds = new Set([...this.readIds, ...ids]);
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private async readAll() {
    this.error = '';
    try {
      unread.set(await markRead({ all: true }));
      void this.list.run();
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private renderItem(n: Notification) {
    const isRead = n.read || this.readIds.has(n.id);
    const text = notificationText(n);
    return html`<li
      class=${isRead ? '' : 'unread'}
      data-testid="notification"
      data-id=${n.id}
      data-type=${n.type}
      data-read=${isRead ? 'true' : 'false'}
    >
      <div>
        <div class="text" data-testid="notification-text">
          ${
            n.submissionId
              ? html`<a
                  class="tap"
                  href="/s/${encodeURIComponent(n.submissionId)}"
                  data-testid="notification-link"
                  @click=${() => {
                    if (!isRead) void this.read([n.id]);
                  }}
                  >${text}</a
                >`
              : text
          }
        </div>
        <div class="meta">
          <span class="tag ${isRead ? 'neutral' : ''}">${notificationTypeLabel(n)}</span>
          <time datetime=${new Date(n.createdAt).toISOString()}
            >${formatDateTime(n.createdAt)}</time
          >
          ${
            isRead
              ? nothing
              : html`<span class="visually-hidden">${t('notifications.unread')}</span>
                  <button
                    class="btn small"
                    type="button"
                    data-testid="notification-read"
                    @click=${() => this.read([n.id])}
                  >
                    ${t('notifications.markRead')}
                  </button>`
          }
        </div>
      </div>
    </li>`;
  }

  private renderList(p: Loaded | null) {
    if (!p) return html`<hy-loading></hy-loading>`;
    const left = unread.count ?? p.unread;
    return html`<div class="toolbar">
        <div class="filter">
          <span class="count" data-testid="notifications-unread"
            >${t('notifications.unreadCount', { n: formatNumber(left) })}</span
          >
          <label class="check">
            <input
              type="checkbox"
              data-testid="notifications-unread-only"
              .checked=${this.onlyUnread}
              @change=${(e: Event) => this.go(1, (e.target as HTMLInputElement).checked)}
            />
            <span>${t('notifications.unreadOnly')}</span>
          </label>
        </div>
        <button
          class="btn small"
          type="button"
          data-testid="notifications-read-all"
          ?disabled=${left === 0}
          @click=${this.readAll}
        >
          ${t('notifications.markAll')}
        </button>
      </div>
      ${
        this.error
          ? html`<div class="notice error" role="alert" data-testid="notifications-error">
              ${this.error}
            </div>`
          : nothing
      }
      ${
        p.items.length === 0
          ? html`<div class="card empty" data-testid="notifications-empty">
              ${this.onlyUnread ? t('notifications.emptyUnread') : t('notifications.empty')}
            </div>`
          : html`<ul data-testid="notifications">
              ${p.items.map((n) => this.renderItem(n))}
            </ul>`
      }
      <hy-pagination
        .page=${p.page}
        .pageSize=${p.pageSize}
        .total=${p.total}
        @hy-page=${(e: CustomEvent<{ page: number }>) => this.go(e.detail.page, this.onlyUnread)}
      ></hy-pagination>`;
  }

  override render() {
    return html`<h1>${t('notifications.title')}</h1>
      ${this.list.render({
        initial: () => html`<hy-loading></hy-loading>`,
        pending: () =>
          this.list.value ? this.renderList(this.list.value) : html`<hy-loading></hy-loading>`,
        complete: (p) => this.renderList(p),
        error: (e) =>
          html`<hy-error-box .error=${e} retry @hy-retry=${() => this.list.run()}></hy-error-box>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-notifications': HyPageNotifications;
  }
}
