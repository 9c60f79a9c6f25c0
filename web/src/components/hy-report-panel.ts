import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/request.ts';
import { decide, report, type ModerationAction } from '../api/trust.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { hasRole, isStaff, SessionController } from '../lib/session.ts';
import { shared } from '../styles/shared.ts';
import {
  reportReasons,
  type HoldState,
  type ReportReason,
  type ReportTarget,
} from '../../../schema/states.ts';

/**
 * Trust controls for one published text: the hold notice everyone sees, the 举报 form for
 * signed-in readers (once per account), and hide / show-again for reviewers.
 */
@customElement('hy-report-panel')
export class HyReportPanel extends HyElement {
  @property() kind: ReportTarget = 'submission';
  @property() targetId = '';
  @property({ type: Boolean }) mine = false;
  @property({ type: Boolean }) published = false;
  @property() hold: HoldState | null = null;
  /** The host shows the hold notice itself (e.g. an answer card, in place of its text). */
  @property({ type: Boolean }) noNotice = false;

  @state() private open = false;
  @state() private reason: ReportReason = 'spam';
  @state() private note = '';
  @state() private sent = false;
  @state() private error = '';

  private readonly session = new SessionController(this);

  static override styles = [
    shared,
    css`
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
        align-items: center;
        margin-top: var(--hy-space-3);
      }
      form {
        margin-top: var(--hy-space-3);
      }
    `,
  ];

  private async send(e: Event) {
    e.preventDefault();
    this.error = '';
    try {
      await report(this.kind, this.targetId, {
        reason: this.reason,
        ...(this.note.trim() ? { note: this.note.trim() } : {}),
      });
      this.sent = true;
      this.open = false;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'already_reported') this.sent = true;
      this.error = errorMessage(err);
    }
  }

  private async moderate(action: ModerationAction) {
    this.error = '';
    try {
      await decide(this.kind, this.targetId, action);
      this.dispatchEvent(hyEvent('hy-handling-changed', { message: t('reports.done') }));
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  override render() {
    const user = this.session.user;
    const staff = isStaff(user);
    const reviewer = hasRole(user, 'reviewer', 'admin');
    const notice =
      this.hold && !this.noNotice
        ? html`<div class="notice warning" data-testid="hold-notice">
            ${
              staff || this.mine
                ? t('report.withheldStaff', { state: t(`report.state.${this.hold}`) })
                : this.hold === 'hidden'
                  ? t('report.hidden')
                  : t('report.withheld')
            }
          </div>`
        : nothing;
    if (!this.published) return notice;
    return html`${notice}
      <div aria-live="polite">
        ${this.sent ? html`<p class="notice success" data-testid="report-sent">${t('report.sent')}</p>` : nothing}
        ${this.error && !this.sent ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
      </div>
      <div class="row">
        ${
          user && !this.mine && !this.sent
            ? html`<button
                class="btn link small"
                data-testid="report-button"
                aria-expanded=${this.open ? 'true' : 'false'}
                @click=${() => (this.open = !this.open)}
              >
                ${t('report.button')}
              </button>`
            : nothing
        }
        ${
          reviewer
            ? this.hold
              ? html`<button
                  class="btn small"
                  data-testid="hold-restore"
                  @click=${() => this.moderate('restore')}
                >
                  ${t('reports.restore')}
                </button>`
              : html`<button
                  class="btn small"
                  data-testid="hold-hide"
                  @click=${() => this.moderate('hide')}
                >
                  ${t('reports.hide')}
                </button>`
            : nothing
        }
      </div>
      ${
        this.open
          ? html`<form class="card" @submit=${this.send} data-testid="report-form">
              <h3>${t('report.title')}</h3>
              <div class="field">
                <label for="report-reason">${t('report.reason')}</label>
                <select
                  id="report-reason"
                  data-testid="report-reason"
                  @change=${(e: Event) => (this.reason = (e.target as HTMLSelectElement).value as ReportReason)}
                >
                  ${reportReasons.map(
                    (r) =>
                      html`<option value=${r} ?selected=${r === this.reason}>
                        ${t(`report.reason.${r}`)}
                      </option>`,
                  )}
                </select>
              </div>
              <div class="field">
                <label for="report-note">${t('report.note')} (${t('common.optional')})</label>
                <textarea
                  id="report-note"
                  maxlength="500"
                  data-testid="report-note"
                  .value=${this.note}
                  @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}
                ></textarea>
              </div>
              <button class="btn primary" type="submit" data-testid="report-send">
                ${t('report.send')}
              </button>
            </form>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-report-panel': HyReportPanel;
  }
}
