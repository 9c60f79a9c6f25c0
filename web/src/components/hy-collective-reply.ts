import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { getCampaign, listCampaigns } from '../api/campaigns.ts';
import { publishCollectiveReply } from '../api/handling.ts';
import { ApiError } from '../api/request.ts';
import { listCampaignSubmissions } from '../api/submissions.ts';
import { errorMessage, formatDate, formatNumber, localText, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { unread } from '../lib/unread.ts';
import { shared } from '../styles/shared.ts';
import './hy-error-box.ts';
import './hy-loading.ts';
import './hy-pagination.ts';
import './hy-status-badge.ts';

const TITLE_MIN = 2;
const TITLE_MAX = 200;
const BODY_MIN = 10;
const BODY_MAX = 20000;
const OFFICE_MAX = 100;

type Scope = 'topic' | 'pick';
type Field = 'campaign' | 'topic' | 'pick' | 'title' | 'body' | 'office';

/**
 * 公开答复: the campaign owner (or a unit) answers many submissions at once — every published
 * one of a topic, or a chosen set. Each covered submission shows the reply, and its author is
 * told and may rate it.
 */
@customElement('hy-collective-reply')
export class HyCollectiveReply extends HyElement {
  @state() private slug = '';
  @state() private scope: Scope = 'topic';
  @state() private topic = '';
  @state() private picked = new Set<string>();
  @state() private pickPage = 1;
  @state() private replyTitle = '';
  @state() private body = '';
  @state() private office = '';
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private error = '';
  @state() private done = '';
  @state() private sending = false;

  private readonly campaigns = new Task(this, {
    task: (_args, { signal }) => listCampaigns('all', signal),
    args: () => [] as const,
  });

  private readonly campaign = new Task(this, {
    task: ([slug], { signal }) => (slug ? getCampaign(slug, signal) : Promise.resolve(null)),
    args: () => [this.slug] as const,
  });

  private readonly submissions = new Task(this, {
    task: ([slug, scope, topic, page], { signal }) =>
      slug && scope === 'pick'
        ? listCampaignSubmissions(
            slug,
            { sort: 'newest', page, pageSize: 20, ...(topic ? { topic } : {}) },
            signal,
          )
        : Promise.resolve(null),
    args: () => [this.slug, this.scope, this.topic, this.pickPage] as const,
  });

  static override styles = [
    shared,
    css`
      form {
        max-width: 860px;
      }
      .intro {
        color: var(--hy-color-text-muted);
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0 0 var(--hy-space-4);
        min-width: 0;
      }
      legend {
        font-weight: 600;
        font-size: var(--hy-font-size-sm);
        padding: 0;
      }
      .scopes {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--hy-space-5);
      }
      .row {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 0 var(--hy-space-4);
      }
      ul.pick {
        list-style: none;
        margin: 0;
        padding: 0;
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius);
        background: var(--hy-color-surface);
        max-height: 28em;
        overflow: auto;
      }
      ul.pick li {
        border-bottom: 1px solid var(--hy-color-border);
        padding: 0 var(--hy-space-3);
      }
      ul.pick li:last-child {
        border-bottom: 0;
      }
      ul.pick .check {
        padding: var(--hy-space-2) 0;
      }
      .pick-title {
        display: block;
        overflow-wrap: anywhere;
      }
      .pick-meta {
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-text-muted);
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-1) var(--hy-space-3);
        align-items: center;
      }
      .picked {
        font-weight: 600;
        font-size: var(--hy-font-size-sm);
      }
      textarea#body {
        min-height: 14em;
      }
      .actions {
        justify-content: flex-end;
      }
      @media (max-width: 640px) {
        .row {
          grid-template-columns: minmax(0, 1fr);
        }
        .actions .btn {
          flex: 1;
        }
      }
    `,
  ];

  private validate(): Partial<Record<Field, string>> {
    const e: Partial<Record<Field, string>> = {};
    const len = (s: string) => [...s.trim()].length;
    if (!this.slug) e.campaign = t('collective.chooseCampaign');
    if (this.scope === 'topic' && !this.topic) e.topic = t('collective.chooseTopic');
    if (this.scope === 'pick' && this.picked.size === 0) e.pick = t('collective.pickOne');
    if (len(this.replyTitle) < TITLE_MIN) e.title = t('submit.error.tooShort', { min: TITLE_MIN });
    else if (len(this.replyTitle) > TITLE_MAX)
      e.title = t('submit.error.tooLong', { max: TITLE_MAX });
    if (len(this.body) < BODY_MIN) e.body = t('submit.error.tooShort', { min: BODY_MIN });
    else if (len(this.body) > BODY_MAX) e.body = t('submit.error.tooLong', { max: BODY_MAX });
    if (len(this.office) > OFFICE_MAX) e.office = t('submit.error.tooLong', { max: OFFICE_MAX });
    return e;
  }

  private async send(ev: Event) {
    ev.preventDefault();
    this.errors = this.validate();
    this.error = '';
    this.done = '';
    const first = (['campaign', 'topic', 'pick', 'title', 'body', 'office'] as const).find(
      (f) => this.errors[f],
    );
    if (first) {
      this.renderRoot.querySelector<HTMLElement>(`[data-field=${first}]`)?.focus();
      return;
    }
    this.sending = true;
    try {
      const r = await publishCollectiveReply(this.slug, {
        title: this.replyTitle.trim(),
        body: this.body.trim(),
        ...(this.office.trim() ? { office: this.office.trim() } : {}),
        ...(this.scope === 'topic' ? { topic: this.topic } : { submissionIds: [...this.picked] }),
      });
      this.done =
        r.members > 0
          ? t('collective.done', { n: formatNumber(r.members) })
          : t('collective.noneMatched');
      this.replyTitle = '';
      this.body = '';
      this.picked = new Set();
      void this.submissions.run();
      void unread.refresh();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'validation_failed') {
        const f = err.fields;
        this.errors = {
          ...(f.title ? { title: t('error.validation_failed') } : {}),
          ...(f.body ? { body: t('error.validation_failed') } : {}),
          ...(f.topic ? { topic: t('error.validation_failed') } : {}),
        };
      }
      this.error = errorMessage(err);
    } finally {
      this.sending = false;
    }
  }

  private clear(f: Field) {
    this.errors = { ...this.errors, [f]: undefined };
  }

  private fieldError(f: Field) {
    const msg = this.errors[f];
    return msg
      ? html`<div class="field-error" role="alert" data-testid="collective-error-${f}">${msg}</div>`
      : nothing;
  }

  private renderPick() {
    return this.submissions.render({
      initial: () => html`<hy-loading></hy-loading>`,
      pending: () => html`<hy-loading></hy-loading>`,
      error: (e) => html`<hy-error-box .error=${e}></hy-error-box>`,
      complete: (p) => {
        if (!p) return nothing;
        if (p.items.length === 0)
          return html`<p class="muted" data-testid="collective-none">
            ${t('collective.noneListed')}
          </p>`;
        return html`<ul
            class="pick"
            data-testid="collective-pick-list"
            data-field="pick"
            tabindex="-1"
          >
            ${p.items.map(
              (s) =>
                html`<li>
                  <label class="check">
                    <input
                      type="checkbox"
                      data-testid="collective-pick"
                      data-id=${s.id}
                      .checked=${this.picked.has(s.id)}
                      ?disabled=${s.status === 'closed'}
                      @change=${(e: Event) => {
                        const next = new Set(this.picked);
                        if ((e.target as HTMLInputElement).checked) next.add(s.id);
                        else next.delete(s.id);
                        this.picked = next;
                        this.clear('pick');
                      }}
                    />
                    <span>
                      <span class="pick-title">${s.title}</span>
                      <span class="pick-meta">
                        <span>${s.ref}</span>
                        ${s.topic ? html`<span>${localText(s.topic.title)}</span>` : nothing}
                        <span>${formatDate(s.publishedAt ?? s.createdAt)}</span>
                        ${
                          s.status !== 'published'
                            ? html`<hy-status-badge status=${s.status}></hy-status-badge>`
                            : nothing
                        }
                      </span>
                    </span>
                  </label>
                </li>`,
            )}
          </ul>
          <hy-pagination
            .page=${p.page}
            .pageSize=${p.pageSize}
            .total=${p.total}
            @hy-page=${(e: CustomEvent<{ page: number }>) => (this.pickPage = e.detail.page)}
          ></hy-pagination>`;
      },
    });
  }

  override render() {
    const topics = this.campaign.value?.topics ?? [];
    const bodyLen = [...this.body.trim()].length;
    return html`<form novalidate @submit=${this.send} data-testid="collective-form">
      <p class="intro">${t('collective.intro')}</p>
      <div class="row">
        <div class="field">
          <label for="campaign"
            >${t('collective.campaign')}<span class="req" aria-hidden="true">*</span></label
          >
          <select
            id="campaign"
            data-field="campaign"
            data-testid="collective-campaign"
            aria-invalid=${this.errors.campaign ? 'true' : 'false'}
            @change=${(e: Event) => {
              this.slug = (e.target as HTMLSelectElement).value;
              this.topic = '';
              this.picked = new Set();
              this.pickPage = 1;
              this.clear('campaign');
            }}
          >
            <option value="" ?selected=${this.slug === ''}>
              ${t('collective.chooseCampaign')}
            </option>
            ${(this.campaigns.value ?? []).map(
              (c) =>
                html`<option value=${c.slug} ?selected=${this.slug === c.slug}>
                  ${localText(c.title)}
                </option>`,
            )}
          </select>
          ${this.fieldError('campaign')}
        </div>
        <div class="field">
          <label for="topic"
            >${t('collective.topic')}${
              this.scope === 'topic' ? html`<span class="req" aria-hidden="true">*</span>` : nothing
            }</label
          >
          <select
            id="topic"
            data-field="topic"
            data-testid="collective-topic"
            ?disabled=${!this.slug}
            aria-invalid=${this.errors.topic ? 'true' : 'false'}
            @change=${(e: Event) => {
              this.topic = (e.target as HTMLSelectElement).value;
              this.pickPage = 1;
              this.clear('topic');
            }}
          >
            <option value="" ?selected=${this.topic === ''}>
              ${this.scope === 'topic' ? t('collective.chooseTopic') : t('inbox.allTopics')}
            </option>
            ${topics.map(
              (tp) =>
                html`<option value=${tp.key} ?selected=${this.topic === tp.key}>
                  ${localText(tp.title)}
                </option>`,
            )}
          </select>
          ${this.fieldError('topic')}
        </div>
      </div>
      <fieldset>
        <legend>${t('collective.scope')}</legend>
        <div class="scopes">
          ${(['topic', 'pick'] as const).map(
            (sc) =>
              html`<label class="check">
                <input
                  type="radio"
                  name="scope"
                  value=${sc}
                  data-testid="collective-scope-${sc}"
                  .checked=${this.scope === sc}
                  @change=${() => {
                    this.scope = sc;
                    this.errors = {};
                  }}
                />
                <span>${t(`collective.scope.${sc}`)}</span>
              </label>`,
          )}
        </div>
      </fieldset>
      ${
        this.scope === 'pick' && this.slug
          ? html`<div class="field">
              <span class="label">${t('collective.pick')}</span>
              <span class="picked" data-testid="collective-picked"
                >${t('collective.picked', { n: formatNumber(this.picked.size) })}</span
              >
              ${this.renderPick()} ${this.fieldError('pick')}
            </div>`
          : nothing
      }
      <div class="field">
        <label for="title"
          >${t('collective.title')}<span class="req" aria-hidden="true">*</span></label
        >
        <input
          id="title"
          type="text"
          data-field="title"
          data-testid="collective-title"
          maxlength=${TITLE_MAX}
          .value=${this.replyTitle}
          aria-invalid=${this.errors.title ? 'true' : 'false'}
          @input=${(e: Event) => {
            this.replyTitle = (e.target as HTMLInputElement).value;
            this.clear('title');
          }}
        />
        ${this.fieldError('title')}
      </div>
      <div class="field">
        <label for="body"
          >${t('collective.body')}<span class="req" aria-hidden="true">*</span></label
        >
        <textarea
          id="body"
          data-field="body"
          data-testid="collective-body"
          .value=${this.body}
          aria-invalid=${this.errors.body ? 'true' : 'false'}
          @input=${(e: Event) => {
            this.body = (e.target as HTMLTextAreaElement).value;
            this.clear('body');
          }}
        ></textarea>
        <div class="counter" data-testid="collective-counter">
          ${t('submit.counter', { n: formatNumber(bodyLen), max: formatNumber(BODY_MAX) })}
        </div>
        ${this.fieldError('body')}
      </div>
      <div class="field">
        <label for="office"
          >${t('collective.office')} <span class="hint">${t('common.optional')}</span></label
        >
        <input
          id="office"
          type="text"
          data-field="office"
          data-testid="collective-office"
          maxlength=${OFFICE_MAX}
          .value=${this.office}
          @input=${(e: Event) => {
            this.office = (e.target as HTMLInputElement).value;
            this.clear('office');
          }}
        />
        ${this.fieldError('office')}
      </div>
      <div aria-live="polite">
        ${
          this.error
            ? html`<div class="notice error" role="alert" data-testid="collective-failed">
                ${this.error}
              </div>`
            : nothing
        }
        ${
          this.done
            ? html`<div class="notice success" role="status" data-testid="collective-done">
                ${this.done}
              </div>`
            : nothing
        }
      </div>
      <div class="actions">
        <button
          class="btn primary"
          type="submit"
          data-testid="collective-send"
          ?disabled=${this.sending}
        >
          ${this.sending ? t('common.sending') : t('collective.send')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-collective-reply': HyCollectiveReply;
  }
}
