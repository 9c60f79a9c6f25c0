import { Task } from '@lit/task';
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mySubmissions } from '../api/submissions.ts';
import type { Page, Submission } from '../api/types.ts';
import { formatDate, localText, t } from '../i18n/index.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { navigate, redirectToLogin } from '../lib/router.ts';
import { isStaff, SessionController } from '../lib/session.ts';
import { renderTask } from '../lib/queue-frame.ts';
import { shared } from '../styles/shared.ts';
import '../components/hy-error-box.ts';
import '../components/hy-loading.ts';
import '../components/hy-pagination.ts';
import '../components/hy-status-badge.ts';

/** The signed-in netizen's own submissions, every status, newest first. */
@customElement('hy-page-me')
export class HyPageMe extends HyElement {
  @property() search = '';

  private readonly session = new SessionController(this);

  private readonly list = new Task(this, {
    task: ([page, userId], { signal }) =>
      userId ? mySubmissions(page, signal) : Promise.resolve(null),
    args: () => [this.page, this.session.user?.id ?? null] as const,
  });

  static override styles = [
    shared,
    css`
      table {
        width: 100%;
        border-collapse: collapse;
        background: var(--hy-color-surface);
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius-lg);
        overflow: hidden;
      }
      th,
      td {
        text-align: left;
        padding: var(--hy-space-3) var(--hy-space-4);
        border-bottom: 1px solid var(--hy-color-border);
        vertical-align: top;
      }
      th {
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
        font-weight: 600;
        background: var(--hy-color-surface-alt);
      }
      tr:last-child td {
        border-bottom: 0;
      }
      td.ref {
        font-family: var(--hy-font-mono);
        font-size: var(--hy-font-size-sm);
        white-space: nowrap;
      }
      td.title a {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      td.date {
        white-space: nowrap;
        font-size: var(--hy-font-size-sm);
      }
      @media (max-width: 720px) {
        table,
        tbody,
        tr,
        td {
          display: block;
        }
        table {
          border: 0;
          background: none;
        }
        thead {
          display: none;
        }
        tr {
          background: var(--hy-color-surface);
          border: 1px solid var(--hy-color-border);
          border-radius: var(--hy-radius-lg);
          padding: var(--hy-space-3) var(--hy-space-4);
          margin-bottom: var(--hy-space-3);
          display: grid;
          grid-template-columns: 1fr auto;
          gap: var(--hy-space-1) var(--hy-space-3);
        }
        td {
          padding: 0;
          border: 0;
        }
        td.title {
          grid-column: 1 / -1;
        }
        td.campaign {
          grid-column: 1 / -1;
          font-size: var(--hy-font-size-sm);
          color: var(--hy-color-text-muted);
        }
        td.title {
          grid-row: 1;
        }
        td.ref {
          grid-column: 1;
          grid-row: 2;
          align-self: center;
        }
        td.status {
          grid-column: 2;
          grid-row: 2;
          text-align: right;
        }
        td.date {
          grid-column: 1 / -1;
        }
      }
    `,
  ];

  private get page(): number {
    const n = Number(new URLSearchParams(this.search).get('page'));
    return Number.isInteger(n) && n > 0 ? n : 1;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setPageTitle(t('me.title'));
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.session.user === null) {
      redirectToLogin();
    }
  }

  private renderPage(p: Page<Submission> | null) {
    if (!p) return html`<hy-loading></hy-loading>`;
    if (p.items.length === 0) {
      return html`<div class="card empty" data-testid="me-empty">
        <p>${t('me.empty')}</p>
        <a class="btn primary" href="/">${t('me.browse')}</a>
      </div>`;
    }
    return html`<table data-testid="me-list">
        <thead>
          <tr>
            <th scope="col">${t('me.col.ref')}</th>
            <th scope="col">${t('me.col.title')}</th>
            <th scope="col">${t('me.col.campaign')}</th>
            <th scope="col">${t('me.col.status')}</th>
            <th scope="col">${t('me.col.date')}</th>
          </tr>
        </thead>
        <tbody>
          ${p.items.map(
            (s) =>
              html`<tr data-testid="me-item" data-id=${s.id}>
                <td class="ref">${s.ref}</td>
                <td class="title">
                  <a class="tap" href="/s/${encodeURIComponent(s.id)}">${s.title}</a>
                </td>
                <td class="campaign">${localText(s.campaign.title)}</td>
                <td class="status"><hy-status-badge status=${s.status}></hy-status-badge></td>
                <td class="date muted">${formatDate(s.createdAt)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <hy-pagination
        .page=${p.page}
        .pageSize=${p.pageSize}
        .total=${p.total}
        @hy-page=${(e: CustomEvent<{ page: number }>) => navigate(`/me?page=${e.detail.page}`)}
      ></hy-pagination>`;
  }

  override render() {
    return html`<h1>${t('me.title')}</h1>
      ${
        isStaff(this.session.user)
          ? html`<p>
              <a class="tap" href="/me/security" data-testid="to-security">${t('tfa.link')}</a>
            </p>`
          : nothing
      }
      ${renderTask(this.list, (p) => this.renderPage(p))}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-me': HyPageMe;
  }
}
