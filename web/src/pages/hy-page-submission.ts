import type { Adoption } from '../api/adoption.ts';
import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/request.ts';
import { getCampaign } from '../api/campaigns.ts';
import { getSubmission, supportSubmission } from '../api/submissions.ts';
import type { Campaign, HandlingView, Submission, TimelineEvent } from '../api/types.ts';
import { errorMessage, formatDateTime, formatNumber, localText, t } from '../i18n/index.ts';
import { addresseeName } from '../lib/addressee-text.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { currentPath } from '../lib/router.ts';
import type { HandlingChangedDetail } from '../lib/events.ts';
import { hasRole, isStaff, SessionController } from '../lib/session.ts';
import { unread } from '../lib/unread.ts';
import { shared } from '../styles/shared.ts';
import '../components/hy-draft-list.ts';
import '../components/hy-duplicate-group.ts';
import '../components/hy-error-box.ts';
import '../components/hy-handling-progress.ts';
import '../components/hy-adoption-card.ts';
import '../components/hy-instruction-form.ts';
import '../components/hy-loading.ts';
import '../components/hy-rating-form.ts';
import '../components/hy-reviewer-actions.ts';
import '../components/hy-same-text-badge.ts';
import '../components/hy-report-panel.ts';
import '../components/hy-status-badge.ts';
import '../components/hy-submission-timeline.ts';
import '../components/hy-unit-actions.ts';

type Loaded = {
  submission: Submission;
  timeline: TimelineEvent[];
  handling: HandlingView;
  adoptions: Adoption[];
};

/**
 * A submission: its text, facts, status and the support button; its handling progress (unit,
 * due date, steps, answers, ratings) with what the reader may do now (rate; reply, transfer,
 * ask for time; review, assign, change urgency, decide extensions; a leader's office's
 * instruction); and its timeline.
 */
@customElement('hy-page-submission')
export class HyPageSubmission extends HyElement {
  @property() submissionId = '';

  /** Support count and state after the user supported, overriding what was loaded. */
  @state() private supported: { id: string; count: number } | null = null;
  @state() private supportError = '';
  @state() private supportNote = '';
  @state() private supporting = false;
  /** What the last handling action did, shown above the handling section. */
  @state() private handlingNotice: { id: string; text: string; tone: string } | null = null;

  private readonly session = new SessionController(this);

  private readonly data = new Task(this, {
    task: async ([id], { signal }): Promise<Loaded> => {
      const d = await getSubmission(id, signal);
      setPageTitle(d.submission.title);
      return d;
    },
    // The user is an argument: signing in or out changes what we may see (original text, ...).
    args: () => [this.submissionId, this.session.user?.id ?? null] as const,
  });

  /** The campaign, only fetched when the submission has custom answers (the labels of the keys
   * and of select options) or for staff (the topics of the routing proposal and assign form). */
  private readonly campaign = new Task(this, {
    task: async ([slug], { signal }): Promise<Campaign | null> =>
      slug ? getCampaign(slug, signal) : null,
    args: () => {
      const s = this.data.value?.submission;
      const needed = s && (Object.keys(s.custom ?? {}).length > 0 || isStaff(this.session.user));
      return [needed ? s.campaign.slug : null] as const;
    },
  });

  static override styles = [
    shared,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 300px;
        gap: var(--hy-space-5);
        align-items: start;
      }
      .crumb {
        font-size: var(--hy-font-size-sm);
        margin-bottom: var(--hy-space-3);
        overflow-wrap: anywhere;
      }
      article.card {
        padding: var(--hy-space-5);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
        align-items: center;
        margin-bottom: var(--hy-space-3);
      }
      h1 {
        overflow-wrap: anywhere;
        font-size: var(--hy-font-size-xl);
      }
      p.to {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0 var(--hy-space-3);
        margin: 0;
        font-weight: 600;
      }
      p.to a {
        font-weight: 400;
        font-size: var(--hy-font-size-sm);
      }
      .body {
        font-size: var(--hy-font-size);
        line-height: 1.9;
        margin: var(--hy-space-4) 0;
      }
      dl.facts {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: var(--hy-space-2) var(--hy-space-4);
        margin: 0;
        font-size: var(--hy-font-size-sm);
      }
      dl.facts dt {
        color: var(--hy-color-text-muted);
      }
      dl.facts dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .ref {
        font-family: var(--hy-font-mono);
      }
      .support {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--hy-space-3);
        padding-top: var(--hy-space-4);
        margin-top: var(--hy-space-4);
        border-top: 1px solid var(--hy-color-border);
      }
      .support .btn {
        min-width: 8em;
      }
      .support .btn[aria-pressed='true'] {
        background: var(--hy-color-accent-soft);
        color: var(--hy-color-accent-strong);
        border-color: var(--hy-color-accent);
        opacity: 1;
      }
      .count {
        font-size: var(--hy-font-size-xl);
        font-weight: 700;
        color: var(--hy-color-accent);
      }
      .why {
        flex-basis: 100%;
        margin: 0;
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
      }
      .main,
      .side {
        display: grid;
        gap: var(--hy-space-4);
        min-width: 0;
      }
      .side h2,
      .duplicates h2,
      .handling h2 {
        font-size: var(--hy-font-size-lg);
      }
      .handling .notice {
        margin-bottom: var(--hy-space-4);
      }
      .rate h2,
      .instruct h2 {
        font-size: var(--hy-font-size-lg);
      }
      .custom {
        margin-top: var(--hy-space-4);
      }
      @media (max-width: 900px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      @media (max-width: 640px) {
        article.card,
        section.card {
          padding: var(--hy-space-4);
        }
        .support .btn {
          flex: 1;
        }
      }
    `,
  ];

  private async support(s: Submission) {
    this.supporting = true;
    this.supportError = '';
    try {
      const r = await supportSubmission(s.id);
      this.supported = { id: s.id, count: r.supportCount };
      this.supportNote = t('submission.support.done');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'already_supported') {
        this.supported = { id: s.id, count: s.supportCount };
      }
      this.supportError = errorMessage(e);
    } finally {
      this.supporting = false;
    }
  }

  private handlingChanged(id: string, e: CustomEvent<HandlingChangedDetail>) {
    this.handlingNotice = { id, text: e.detail.message, tone: e.detail.tone ?? 'success' };
    void this.data.run();
    void unread.refresh();
    // The section the action came from may disappear: keep the reader where the news is.
    void this.updateComplete.then(() =>
      this.renderRoot
        .querySelector<HTMLElement>('#handling-notice')
        ?.scrollIntoView({ block: 'nearest' }),
    );
  }

  private renderHandling(s: Submission, v: HandlingView) {
    const a = v.actions;
    const unitActions = a.reply || a.transfer || a.requestExtension;
    const reviewerActions = a.assign || a.changeUrgency || a.decideExtension || a.reviewReply;
    const before = s.status === 'received' || s.status === 'rejected';
    if (before && !v.handling && v.answers.length === 0) return nothing;
    const notice = this.handlingNotice?.id === s.id ? this.handlingNotice : null;
    return html`<section
        class="card handling"
        aria-labelledby="handling-heading"
        data-testid="handling"
      >
        <h2 id="handling-heading">${t('handling.title')}</h2>
        <div id="handling-notice" aria-live="polite" data-testid="handling-notice">
          ${
            notice
              ? html`<div class="notice ${notice.tone}" role="status">${notice.text}</div>`
              : nothing
          }
        </div>
        <hy-handling-progress .view=${v}></hy-handling-progress>
      </section>
      ${
        a.instruct
          ? html`<section
              class="card instruct"
              aria-labelledby="instruct-heading"
              data-testid="instruction"
            >
              <h2 id="instruct-heading">${t('instruction.title')}</h2>
              <p class="muted small">${t('instruction.intro')}</p>
              <hy-instruction-form .submissionId=${s.id}></hy-instruction-form>
            </section>`
          : nothing
      }
      ${
        a.rate
          ? html`<section class="card rate" aria-labelledby="rate-heading" data-testid="rate">
              <h2 id="rate-heading">${t('rating.heading')}</h2>
              <hy-rating-form .submissionId=${s.id}></hy-rating-form>
            </section>`
          : nothing
      }
      ${
        unitActions
          ? html`<hy-unit-actions .submissionId=${s.id} .view=${v}></hy-unit-actions>`
          : nothing
      }
      ${
        reviewerActions
          ? html`<hy-reviewer-actions
              .submissionId=${s.id}
              .ref=${s.ref}
              .view=${v}
              .topics=${this.campaign.value?.topics ?? []}
              .currentTopic=${s.topic?.key ?? ''}
              .addressee=${
                this.campaign.value?.form.addressee
                  ? {
                      region: s.region?.code ?? null,
                      within: this.campaign.value.form.region.within,
                      current: s.addressee?.key ?? '',
                    }
                  : null
              }
            ></hy-reviewer-actions>`
          : nothing
      }
      ${
        !unitActions && !reviewerActions && v.drafts.length > 0
          ? html`<section
              class="card handling"
              aria-labelledby="drafts-heading"
              data-testid="staff-drafts"
            >
              <h2 id="drafts-heading">${t('drafts.title')}</h2>
              <hy-draft-list .drafts=${v.drafts}></hy-draft-list>
            </section>`
          : nothing
      }`;
  }

  /** Staff who moderate see the near-duplicate group (originals); reviewers may split it. */
  private renderDuplicates(s: Submission) {
    const user = this.session.user;
    if (s.sameText <= 1 || !hasRole(user, 'reviewer', 'editor', 'admin')) return nothing;
    return html`<section
      class="card duplicates"
      aria-labelledby="duplicates-heading"
      data-testid="duplicate-group"
    >
      <h2 id="duplicates-heading">${t('dup.title')}</h2>
      <hy-duplicate-group
        .submissionId=${s.id}
        ?canSplit=${hasRole(user, 'reviewer', 'admin')}
        @hy-duplicate-split=${() => void this.data.run()}
      ></hy-duplicate-group>
    </section>`;
  }

  private renderSupport(s: Submission) {
    const user = this.session.user;
    const mine = this.supported?.id === s.id;
    const supportedByMe = s.supportedByMe || mine;
    const count = mine ? this.supported!.count : s.supportCount;
    const isPublic = s.status === 'published' || s.status === 'answered' || s.status === 'closed';
    let why: unknown = '';
    if (!user) {
      why = html`<a
        href="/login?next=${encodeURIComponent(currentPath())}"
        data-testid="support-login"
        >${t('submission.support.signedOut')}</a
      >`;
    } else if (s.mine) why = t('submission.support.own');
    else if (supportedByMe) why = t('submission.support.already');
    else if (!isPublic) why = t('submission.support.notPublic');
    const disabled = !user || s.mine || supportedByMe || !isPublic || this.supporting;
    return html`<div class="support">
      <button
        class="btn ${disabled ? '' : 'primary'}"
        type="button"
        data-testid="support-button"
        aria-pressed=${supportedByMe ? 'true' : 'false'}
        aria-describedby="support-why"
        ?disabled=${disabled}
        @click=${() => this.support(s)}
      >
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z"
          />
        </svg>
        ${supportedByMe ? t('submission.supported') : t('submission.support')}
      </button>
      <span
        ><span class="count" data-testid="support-count">${formatNumber(count)}</span>
        <span class="muted small">${t('submission.support')}</span></span
      >
      <p class="why" id="support-why" data-testid="support-why" aria-live="polite">
        ${
          this.supportError
            ? html`<span class="field-error" role="alert">${this.supportError}</span>`
            : this.supportNote && mine
              ? this.supportNote
              : why
        }
      </p>
    </div>`;
  }

  private renderSubmission({ submission: s, timeline, handling, adoptions }: Loaded) {
    const customEntries = Object.entries(s.custom ?? {});
    return html`<div class="crumb">
        <a class="tap" href="/c/${encodeURIComponent(s.campaign.slug)}"
          >← ${localText(s.campaign.title)}</a
        >
      </div>
      <div class="layout">
        <div
          class="main"
          @hy-handling-changed=${(e: CustomEvent<HandlingChangedDetail>) =>
            this.handlingChanged(s.id, e)}
        >
          <article class="card" data-testid="submission">
            <div class="head">
              <hy-status-badge status=${s.status}></hy-status-badge>
              <span class="tag neutral">${t(`submission.kind.${s.kind}`)}</span>
              ${s.topic ? html`<span class="tag">${localText(s.topic.title)}</span>` : nothing}
              ${s.mine ? html`<span class="tag neutral">${t('submission.mine')}</span>` : nothing}
              ${s.sameText > 1 ? html`<hy-same-text-badge .count=${s.sameText}></hy-same-text-badge>` : nothing}
            </div>
            <h1 data-testid="submission-title">${s.title}</h1>
            ${
              s.addressee
                ? html`<p class="to" data-testid="submission-addressee">
                    ${t('addressee.to', { name: addresseeName(s.addressee) })}
                    <a class="tap" href="/boards/a/${encodeURIComponent(s.addressee.key)}"
                      >${t('boards.viewBoard')}</a
                    >
                  </p>`
                : nothing
            }
            ${
              s.status === 'rejected' && s.rejectReason
                ? html`<div class="notice error" data-testid="reject-reason">
                    <strong>${t('submission.rejectReason')}</strong>
                    <p><span class="user-text">${s.rejectReason}</span></p>
                  </div>`
                : nothing
            }
            ${
              s.masked
                ? html`<p class="notice info small" data-testid="submission-masked">
                    ${t('submission.masked')}
                  </p>`
                : nothing
            }
            <div class="body" data-testid="submission-body">
              <span class="user-text">${s.body}</span>
            </div>
            ${
              customEntries.length > 0
                ? html`<dl class="facts custom">
                    ${customEntries.map(([k, v]) => {
                      const f = (this.campaign.value?.form.fields ?? []).find((x) => x.key === k);
                      const option = f?.options?.find((o) => o.value === v);
                      return html`<dt>${f ? localText(f.label) : k}</dt>
                        <dd>
                          <span class="user-text">${option ? localText(option.label) : v}</span>
                        </dd>`;
                    })}
                  </dl>`
                : nothing
            }
            ${this.renderSupport(s)}
            <hy-report-panel
              kind="submission"
              .targetId=${s.id}
              .mine=${s.mine}
              .published=${s.status === 'published' || s.status === 'answered' || s.status === 'closed'}
              .hold=${s.hold}
            ></hy-report-panel>
          </article>
          ${
            adoptions.length
              ? html`<section
                  class="card"
                  aria-labelledby="adoption-heading"
                  data-testid="submission-adoptions"
                >
                  <h2 id="adoption-heading">${t('adopted.onSubmission')}</h2>
                  ${adoptions.map((a) => html`<hy-adoption-card .adoption=${a}></hy-adoption-card>`)}
                </section>`
              : nothing
          }
          ${this.renderDuplicates(s)} ${this.renderHandling(s, handling)}
        </div>
        <aside class="side">
          <section class="card">
            <dl class="facts">
              <dt>${t('submission.ref')}</dt>
              <dd class="ref" data-testid="submission-ref">${s.ref}</dd>
              <dt>${t('submission.author')}</dt>
              <dd data-testid="submission-author">
                ${s.author?.displayName ?? t('common.anonymous')}
              </dd>
              ${
                s.addressee
                  ? html`<dt>${t('addressee.label')}</dt>
                      <dd>${addresseeName(s.addressee)}</dd>`
                  : nothing
              }
              ${
                s.region
                  ? html`<dt>${t('submission.region')}</dt>
                      <dd data-testid="submission-region">${s.region.name}</dd>`
                  : nothing
              }
              ${
                s.topic
                  ? html`<dt>${t('submission.topic')}</dt>
                      <dd>${localText(s.topic.title)}</dd>`
                  : nothing
              }
              <dt>${t('submission.campaign')}</dt>
              <dd>
                <a class="tap" href="/c/${encodeURIComponent(s.campaign.slug)}"
                  >${localText(s.campaign.title)}</a
                >
              </dd>
              <dt>${t('submission.createdAt')}</dt>
              <dd>${formatDateTime(s.createdAt)}</dd>
              ${
                s.publishedAt
                  ? html`<dt>${t('submission.publishedAt')}</dt>
                      <dd>${formatDateTime(s.publishedAt)}</dd>`
                  : nothing
              }
            </dl>
          </section>
          <section class="card" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">${t('submission.timeline')}</h2>
            <hy-submission-timeline
              .events=${timeline}
              ?staff=${isStaff(this.session.user)}
            ></hy-submission-timeline>
          </section>
        </aside>
      </div>`;
  }

  override render() {
    return this.data.render({
      initial: () => html`<hy-loading></hy-loading>`,
      pending: () =>
        this.data.value?.submission.id === this.submissionId
          ? this.renderSubmission(this.data.value)
          : html`<hy-loading></hy-loading>`,
      complete: (d) => this.renderSubmission(d),
      error: (e) =>
        e instanceof ApiError && (e.code === 'not_found' || e.code === 'forbidden')
          ? html`<div class="card empty" data-testid="submission-not-found">
              <h1>${t('submission.notFound')}</h1>
              <a class="btn" href="/">${t('common.backHome')}</a>
            </div>`
          : html`<hy-error-box
              .error=${e}
              retry
              @hy-retry=${() => this.data.run()}
            ></hy-error-box>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-submission': HyPageSubmission;
  }
}
