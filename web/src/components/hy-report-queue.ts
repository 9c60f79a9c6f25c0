import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { decide, reportQueue, type ModerationAction, type ReportGroup } from '../api/trust.ts';
import { errorMessage, formatDateTime, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-loading.ts';

/** Reviewers' queue of reported items: read the text and the reasons, then decide. */
@customElement('hy-report-queue')
export class HyReportQueue extends HyElement {
  @state() private reasons: Record<string, string> = {};
  @state() private message = '';
  @state() private error = '';

  private readonly queue = new Task(this, {
    task: (_args, { signal }) => reportQueue(signal),
    args: () => [],
  });

  static override styles = [
    shared,
    css`
      ul.items {
        list-style: none;
        padding: 0;
        display: grid;
        gap: var(--hy-space-4);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
        align-items: center;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
        align-items: end;
        margin-top: var(--hy-space-3);
      }
      .actions .field {
        flex: 1 1 220px;
        margin: 0;
      }
      .text {
        margin: var(--hy-space-2) 0;
      }
    `,
  ];

  private async act(item: ReportGroup, action: ModerationAction) {
    this.error = '';
    try {
      await decide(item.kind, item.id, action, this.reasons[item.id] || undefined);
      this.message = t('reports.done');
      void this.queue.run();
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  override render() {
    return html`<h2>${t('reports.title')}</h2>
      <div aria-live="polite">
        ${this.message ? html`<div class="notice success">${this.message}</div>` : nothing}
        ${this.error ? html`<div class="notice error" data-testid="reports-error">${this.error}</div>` : nothing}
      </div>
      ${this.queue.render({
        pending: () => html`<hy-loading></hy-loading>`,
        error: (e) => html`<div class="notice error">${errorMessage(e)}</div>`,
        complete: (items) =>
          items.length === 0
            ? html`<p class="muted" data-testid="reports-empty">${t('reports.empty')}</p>`
            : html`<ul class="items">
                ${items.map((item) => this.renderItem(item))}
              </ul>`,
      })}`;
  }

  private renderItem(item: ReportGroup) {
    return html`<li class="card" data-testid="report-item">
      <div class="head">
        <span class="tag neutral">${t(`reports.target.${item.kind}`)}</span>
        <a class="tap" href="/s/${encodeURIComponent(item.submissionId)}">${item.ref}</a>
        <strong data-testid="report-count">${t('reports.count', { n: item.reports })}</strong>
        <span class="tag ${item.hold ? 'warning' : ''}">
          ${t('reports.status', {
            state: item.hold ? t(`report.state.${item.hold}`) : t('reports.visible'),
          })}
        </span>
        <span class="muted small">${formatDateTime(item.lastAt)}</span>
      </div>
      ${item.title ? html`<h3 class="text"><span class="user-text">${item.title}</span></h3>` : nothing}
      <p class="text"><span class="user-text">${item.body}</span></p>
      <p class="small">
        ${t('reports.reasons')}:
        ${Object.entries(item.reasons)
          .map(([r, n]) => `${t(`report.reason.${r}` as 'report.reason.spam')} × ${n}`)
          .join('，')}
      </p>
      ${
        item.notes.length
          ? html`<p class="small">
              ${t('reports.notes')}:
              ${item.notes.map((n) => html`<span class="user-text">「${n}」</span> `)}
            </p>`
          : nothing
      }
      <div class="actions">
        <div class="field">
          <label for="why-${item.id}">${t('report.note')}</label>
          <input
            id="why-${item.id}"
            data-testid="report-decision-reason"
            .value=${this.reasons[item.id] ?? ''}
            @input=${(e: Event) =>
              (this.reasons = { ...this.reasons, [item.id]: (e.target as HTMLInputElement).value })}
          />
        </div>
        <button class="btn" data-testid="report-dismiss" @click=${() => this.act(item, 'dismiss')}>
          ${t('reports.dismiss')}
        </button>
        <button class="btn" data-testid="report-hide" @click=${() => this.act(item, 'hide')}>
          ${t('reports.hide')}
        </button>
        ${
          item.kind === 'submission'
            ? html`<button
                class="btn danger"
                data-testid="report-reject"
                @click=${() => this.act(item, 'reject')}
              >
                ${t('reports.reject')}
              </button>`
            : nothing
        }
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-report-queue': HyReportQueue;
  }
}
