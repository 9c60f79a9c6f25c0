import { Task } from '@lit/task';
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { addresseeBoard, type Addressee } from '../api/boards.ts';
import { getCampaign } from '../api/campaigns.ts';
import { ApiError, type FieldErrors } from '../api/request.ts';
import { createSubmission, type NewSubmission } from '../api/submissions.ts';
import type { Campaign, CustomField, Submission } from '../api/types.ts';
import { errorMessage, formatDay, formatNumber, localText, t } from '../i18n/index.ts';
import { addresseeName, holdsPlace } from '../lib/addressee-text.ts';
import { actionText } from '../lib/campaign-text.ts';
import type { AddresseeEventDetail, RegionEventDetail } from '../lib/events.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { redirectToLogin } from '../lib/router.ts';
import { SessionController } from '../lib/session.ts';
import { shared } from '../styles/shared.ts';
import type { HyRegionPicker } from '../components/hy-region-picker.ts';
import '../components/hy-addressee-picker.ts';
import '../components/hy-error-box.ts';
import '../components/hy-loading.ts';
import '../components/hy-region-picker.ts';
import '../components/hy-similar-list.ts';

/** The draft kept in sessionStorage while the netizen looks at a similar submission. */
type Draft = {
  title: string;
  body: string;
  topic: string;
  custom: Record<string, string>;
  showName: boolean;
};
const draftKey = (slug: string) => `hy-draft:${slug}`;

/** Fields of the form that can carry an error, in the order they appear. */
const fieldOrder = ['addressee', 'title', 'body', 'regionCode', 'topic'] as const;

/** Error codes about whom the message is to: shown on the leader field. */
const addresseeErrors = new Set([
  'unknown_addressee',
  'addressee_retired',
  'addressee_out_of_region',
]);

/**
 * The submission form, generated from the campaign's `form`: title, body with a live counter,
 * region, topic, custom fields, and whether to show the author's name. A form with `addressee`
 * (a leadership board) starts with the place and the leader written to; `?to=<key>` (from a
 * leader's board) chooses that leader and their place. Signed-out visitors are sent to /login
 * and brought back.
 */
@customElement('hy-page-submit')
export class HyPageSubmit extends HyElement {
  @property() slug = '';
  /** The query string: `to` names the leader to write to. */
  @property() search = '';

  @state() private titleText = '';
  @state() private body = '';
  @state() private topic = '';
  @state() private custom: Record<string, string> = {};
  @state() private showName = true;
  @state() private errors: FieldErrors = {};
  @state() private formError = '';
  @state() private sending = false;
  @state() private result: Submission | null = null;
  @state() private draftRestored = false;
  /** The chosen place (division code) and its names, as the region picker reports them. */
  @state() private region: string | null = null;
  @state() private regionName = '';
  @state() private addressee: Addressee | null = null;
  /** The place of the leader from ?to=, to choose in the region picker once it is shown. */
  private pendingPlace: string | null = null;

  @query('hy-region-picker') private regionPicker?: HyRegionPicker;

  private readonly session = new SessionController(this);

  private readonly campaign = new Task(this, {
    task: async ([slug], { signal }) => {
      const c = await getCampaign(slug, signal);
      setPageTitle(`${actionText(c.submissionKind)} · ${localText(c.title)}`);
      return c;
    },
    args: () => [this.slug] as const,
  });

  static override styles = [
    shared,
    css`
      .wrap {
        max-width: var(--hy-max-width-narrow);
        margin: 0 auto;
      }
      .crumb {
        margin-bottom: var(--hy-space-3);
        font-size: var(--hy-font-size-sm);
      }
      .to {
        color: var(--hy-color-text-muted);
        margin-bottom: var(--hy-space-4);
        overflow-wrap: anywhere;
      }
      form.card {
        padding: var(--hy-space-5);
      }
      .counter {
        display: flex;
        justify-content: space-between;
        gap: var(--hy-space-3);
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-text-muted);
      }
      .counter .over {
        color: var(--hy-color-danger);
        font-weight: 600;
      }
      textarea#body {
        min-height: 14em;
      }
      .summary-errors ul {
        margin: var(--hy-space-2) 0 0;
        padding-left: 1.2em;
      }
      .send {
        margin-top: var(--hy-space-5);
      }
      .summary {
        margin-top: var(--hy-space-4);
        padding: var(--hy-space-3) var(--hy-space-4);
        border-left: 3px solid var(--hy-color-accent);
        background: var(--hy-color-surface-alt);
        border-radius: var(--hy-radius);
      }
      .summary dl {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        gap: var(--hy-space-1) var(--hy-space-3);
        margin: 0;
      }
      .summary dt {
        color: var(--hy-color-text-muted);
      }
      .summary dd {
        margin: 0;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .send .btn.primary {
        min-width: 10em;
      }
      .success {
        text-align: center;
        padding: var(--hy-space-6) var(--hy-space-5);
      }
      .success h1 {
        color: var(--hy-color-success);
      }
      .ref {
        display: inline-block;
        margin: var(--hy-space-3) 0 var(--hy-space-4);
        padding: var(--hy-space-3) var(--hy-space-5);
        border: 2px dashed var(--hy-color-accent);
        border-radius: var(--hy-radius-lg);
        font-family: var(--hy-font-mono);
        font-size: 28px;
        font-weight: 700;
        letter-spacing: 0.04em;
        color: var(--hy-color-accent-strong);
        background: var(--hy-color-accent-soft);
        overflow-wrap: anywhere;
      }
      .success .actions {
        justify-content: center;
        margin-top: var(--hy-space-4);
      }
      @media (max-width: 640px) {
        form.card,
        .success {
          padding: var(--hy-space-4);
        }
        h1 {
          font-size: var(--hy-font-size-xl);
        }
        .ref {
          font-size: 22px;
          padding: var(--hy-space-3);
        }
        .send .btn.primary {
          width: 100%;
        }
      }
    `,
  ];

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Signed out: go and sign in, then come back here.
    if (this.session.user === null && !this.result) {
      redirectToLogin();
    }
    if (changed.has('slug')) {
      if (changed.get('slug') !== undefined) this.reset();
      this.restoreDraft();
    }
    if (changed.has('search') || changed.has('slug')) void this.presetAddressee();
    if (this.pendingPlace && this.regionPicker && !this.region) {
      const picker = this.regionPicker;
      const code = this.pendingPlace;
      this.pendingPlace = null;
      void picker.choose(code).then(() => {
        if (this.region) return; // the netizen chose a place meanwhile
        this.region = picker.value;
        this.regionName = picker.valueName;
      });
    }
  }

  /** ?to=<key>: that leader is chosen, and their place if none is chosen yet. */
  private async presetAddressee() {
    const key = new URLSearchParams(this.search).get('to');
    if (!key || this.addressee?.key === key) return;
    try {
      const [{ addressee }, c] = await Promise.all([
        addresseeBoard(key, {}),
        this.campaign.taskComplete.catch(() => undefined),
      ]);
      const within = c?.form.region.within ?? '';
      if (addressee.retired) {
        this.errors = { ...this.errors, addressee: t('error.addressee_retired') };
      } else if (within && !(addressee.region?.code ?? '').startsWith(within)) {
        this.errors = { ...this.errors, addressee: t('error.addressee_out_of_region') };
      } else {
        this.addressee = addressee;
        if (!this.region && addressee.region) this.pendingPlace = addressee.region.code;
      }
    } catch (e) {
      this.errors = {
        ...this.errors,
        addressee:
          e instanceof ApiError && e.code === 'not_found'
            ? t('addressee.loadFailed')
            : errorMessage(e),
      };
    }
  }

  private onRegionChange(e: CustomEvent<RegionEventDetail>) {
    this.clearError('regionCode');
    this.region = e.detail.code;
    this.regionName = this.regionPicker?.valueName ?? '';
    // A leader whose jurisdiction does not hold the new place is no longer a choice.
    if (this.addressee && !holdsPlace(this.addressee, this.region)) {
      this.addressee = null;
      this.clearError('addressee');
    }
  }

  private onAddresseeChange(e: CustomEvent<AddresseeEventDetail>) {
    this.addressee = e.detail.addressee;
    this.clearError('addressee');
    const place = this.addressee?.region?.code;
    // Chosen from the search before any place: the leader's place becomes the message's.
    if (place && !this.region && this.regionPicker) {
      const picker = this.regionPicker;
      void picker.choose(place).then(() => {
        this.region = picker.value;
        this.regionName = picker.valueName;
      });
    }
  }

  /** Keeps what was typed, to find it again after looking at a similar submission. */
  private saveDraft() {
    const draft: Draft = {
      title: this.titleText,
      body: this.body,
      topic: this.topic,
      custom: this.custom,
      showName: this.showName,
    };
    try {
      sessionStorage.setItem(draftKey(this.slug), JSON.stringify(draft));
    } catch {
      // Storage full or disabled: the draft is lost, as it would be without this.
    }
  }

  private restoreDraft() {
    let draft: Partial<Draft> | null;
    try {
      const raw = sessionStorage.getItem(draftKey(this.slug));
      sessionStorage.removeItem(draftKey(this.slug));
      draft = raw ? (JSON.parse(raw) as Partial<Draft>) : null;
    } catch {
      draft = null;
    }
    if (!draft || typeof draft !== 'object') return;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    this.titleText = str(draft.title);
    this.body = str(draft.body);
    this.topic = str(draft.topic);
    const custom: Record<string, string> = {};
    for (const [k, v] of Object.entries(draft.custom ?? {}))
      if (typeof v === 'string') custom[k] = v;
    this.custom = custom;
    this.showName = draft.showName !== false;
    this.draftRestored = !!(this.titleText || this.body);
  }

  private reset() {
    this.titleText = '';
    this.body = '';
    this.topic = '';
    this.custom = {};
    this.showName = true;
    this.errors = {};
    this.formError = '';
    this.result = null;
    this.draftRestored = false;
    this.region = null;
    this.regionName = '';
    this.addressee = null;
    this.pendingPlace = null;
  }

  private lengthError(value: string, min: number, max: number, required = true): string | null {
    const n = value.trim().length;
    if (n === 0) return required ? t('submit.error.required') : null;
    if (n < min) return t('submit.error.tooShort', { min });
    if (n > max) return t('submit.error.tooLong', { max });
    return null;
  }

  private validate(c: Campaign): FieldErrors {
    const e: FieldErrors = {};
    const title = this.lengthError(this.titleText, c.form.title.min, c.form.title.max);
    if (title) e.title = title;
    const body = this.lengthError(this.body, c.form.body.min, c.form.body.max);
    if (body) e.body = body;
    if (c.form.region.required && !this.regionPicker?.value)
      e.regionCode = t('submit.error.required');
    if (c.form.addressee?.required && !this.addressee) e.addressee = t('addressee.required');
    if (this.addressee && !holdsPlace(this.addressee, this.regionPicker?.value ?? null))
      e.addressee = t('error.addressee_out_of_region');
    if (c.form.topicRequired && c.topics.length > 0 && !this.topic)
      e.topic = t('submit.error.required');
    for (const f of c.form.fields) {
      const v = (this.custom[f.key] ?? '').trim();
      if (!v) {
        if (f.required) e[`custom.${f.key}`] = t('submit.error.required');
      } else if (f.type === 'number') {
        if (f.max !== undefined && Number(v) > f.max)
          e[`custom.${f.key}`] = t('submit.error.tooBig', { max: f.max });
      } else if (f.max !== undefined && v.length > f.max) {
        e[`custom.${f.key}`] = t('submit.error.tooLong', { max: f.max });
      }
    }
    return e;
  }

  private payload(c: Campaign): NewSubmission {
    const custom: Record<string, string | number> = {};
    for (const f of c.form.fields) {
      const v = (this.custom[f.key] ?? '').trim();
      if (v) custom[f.key] = f.type === 'number' ? Number(v) : v;
    }
    const body: NewSubmission = {
      title: this.titleText.trim(),
      body: this.body.trim(),
      showName: this.showName,
    };
    const region = this.regionPicker?.value;
    if (region) body.regionCode = region;
    if (this.topic) body.topic = this.topic;
    if (c.form.addressee && this.addressee) body.addressee = this.addressee.key;
    if (c.form.fields.length > 0) body.custom = custom;
    return body;
  }

  private async focusFirstError() {
    await this.updateComplete;
    const first = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (first) first.focus();
    else if (this.errors.addressee)
      this.renderRoot.querySelector('hy-addressee-picker')?.scrollIntoView({ block: 'center' });
  }

  private async onSubmit(e: Event, c: Campaign) {
    e.preventDefault();
    if (this.sending) return;
    this.formError = '';
    const errors = this.validate(c);
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      this.formError = t('submit.errors');
      void this.focusFirstError();
      return;
    }
    this.sending = true;
    try {
      this.result = await createSubmission(c.slug, this.payload(c));
      this.draftRestored = false;
      await this.updateComplete;
      window.scrollTo(0, 0);
      this.renderRoot.querySelector<HTMLElement>('.success h1')?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'unauthenticated') {
        redirectToLogin();
        return;
      }
      const fields = err instanceof ApiError ? err.fields : {};
      // The server words these in English: the field says it in the reader's language.
      if (fields.addressee) fields.addressee = t('addressee.required');
      if (err instanceof ApiError && addresseeErrors.has(err.code))
        fields.addressee = errorMessage(err);
      this.errors = fields;
      this.formError = Object.keys(fields).length > 0 ? t('submit.errors') : errorMessage(err);
      if (err instanceof ApiError && err.code === 'phase_closed') void this.campaign.run();
      void this.focusFirstError();
    } finally {
      this.sending = false;
    }
  }

  private clearError(key: string) {
    if (this.errors[key]) {
      const { [key]: _, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  private err(key: string) {
    const m = this.errors[key];
    return m
      ? html`<div class="field-error" id="err-${key}" data-testid="error-${key}">${m}</div>`
      : nothing;
  }

  private described(key: string, hint?: string): string {
    return [hint, this.errors[key] ? `err-${key}` : ''].filter(Boolean).join(' ');
  }

  private renderCustom(f: CustomField) {
    const key = `custom.${f.key}`;
    const id = `custom-${f.key}`;
    const value = this.custom[f.key] ?? '';
    const invalid = this.errors[key] ? 'true' : 'false';
    const set = (e: Event) => {
      this.custom = { ...this.custom, [f.key]: (e.target as HTMLInputElement).value };
      this.clearError(key);
    };
    const label = html`<label for=${id}
      >${localText(f.label)}${f.required ? html`<span class="req" aria-hidden="true">*</span>` : nothing}</label
    >`;
    let control;
    switch (f.type) {
      case 'textarea':
        control = html`<textarea
          id=${id}
          data-testid="submit-custom-${f.key}"
          .value=${value}
          ?required=${f.required}
          aria-invalid=${invalid}
          aria-describedby=${this.described(key)}
          @input=${set}
        ></textarea>`;
        break;
      case 'select':
        control = html`<select
          id=${id}
          data-testid="submit-custom-${f.key}"
          ?required=${f.required}
          aria-invalid=${invalid}
          aria-describedby=${this.described(key)}
          @change=${set}
        >
          <option value="" ?selected=${!value}>${t('submit.region.choose')}</option>
          ${(f.options ?? []).map(
            (o) =>
              html`<option value=${o.value} ?selected=${value === o.value}>
                ${localText(o.label)}
              </option>`,
          )}
        </select>`;
        break;
      case 'number':
        control = html`<input
          id=${id}
          type="number"
          inputmode="numeric"
          data-testid="submit-custom-${f.key}"
          .value=${value}
          max=${f.max ?? nothing}
          ?required=${f.required}
          aria-invalid=${invalid}
          aria-describedby=${this.described(key)}
          @input=${set}
        />`;
        break;
      default:
        control = html`<input
          id=${id}
          type="text"
          data-testid="submit-custom-${f.key}"
          .value=${value}
          maxlength=${f.max ?? nothing}
          ?required=${f.required}
          aria-invalid=${invalid}
          aria-describedby=${this.described(key)}
          @input=${set}
        />`;
    }
    return html`<div class="field">${label}${control}${this.err(key)}</div>`;
  }

  /** Where the message is about and, on a leadership board, whom it is to. */
  private renderPlace(c: Campaign) {
    return html`<div class="field">
        <hy-region-picker
          .within=${c.form.region.within}
          .required=${c.form.region.required}
          .error=${this.errors.regionCode ?? ''}
          @hy-region-change=${this.onRegionChange}
        ></hy-region-picker>
      </div>
      ${
        c.form.addressee
          ? html`<div class="field">
              <hy-addressee-picker
                .region=${this.region}
                .within=${c.form.region.within}
                .required=${c.form.addressee.required}
                .value=${this.addressee}
                .error=${this.errors.addressee ?? ''}
                @hy-addressee-change=${this.onAddresseeChange}
              ></hy-addressee-picker>
            </div>`
          : nothing
      }`;
  }

  /** Whom and where, just above the send button, so the netizen checks before sending. */
  private renderSummary() {
    const none = t('submit.summary.notChosen');
    return html`<section class="summary" aria-label=${t('submit.summary')}>
      <dl>
        <dt>${t('submit.summary.addressee')}</dt>
        <dd data-testid="submit-summary-addressee">
          ${this.addressee ? addresseeName(this.addressee) : t('addressee.none')}
        </dd>
        <dt>${t('submit.summary.region')}</dt>
        <dd data-testid="submit-summary-region">${this.regionName || none}</dd>
      </dl>
    </section>`;
  }

  private renderForm(c: Campaign) {
    const bodyLen = this.body.trim().length;
    const known = new Set<string>([...fieldOrder, ...c.form.fields.map((f) => `custom.${f.key}`)]);
    const other = Object.entries(this.errors).filter(([k]) => !known.has(k));
    return html`<form
      class="card"
      novalidate
      @submit=${(e: Event) => this.onSubmit(e, c)}
      data-testid="submit-form"
    >
      <div aria-live="assertive" data-testid="submit-status">
        ${
          this.formError
            ? html`<div class="notice error summary-errors" data-testid="submit-error">
                <strong>${this.formError}</strong>
                ${
                  other.length > 0
                    ? html`<ul>
                        ${other.map(([k, m]) => html`<li><code>${k}</code>: ${m}</li>`)}
                      </ul>`
                    : nothing
                }
              </div>`
            : nothing
        }
      </div>

      ${
        this.draftRestored
          ? html`<div class="notice info small" role="status" data-testid="submit-draft-restored">
              ${t('similar.draftRestored')}
            </div>`
          : nothing
      }
      ${c.form.addressee ? this.renderPlace(c) : nothing}
      <div class="field">
        <label for="title"
          >${t('submit.field.title')}<span class="req" aria-hidden="true">*</span></label
        >
        <input
          id="title"
          type="text"
          data-testid="submit-title"
          autocomplete="off"
          required
          maxlength=${c.form.title.max}
          .value=${this.titleText}
          aria-invalid=${this.errors.title ? 'true' : 'false'}
          aria-describedby=${this.described('title', 'title-count')}
          @input=${(e: Event) => {
            this.titleText = (e.target as HTMLInputElement).value;
            this.clearError('title');
          }}
        />
        <div class="counter" id="title-count">
          <span>${t('submit.counterMin', { min: c.form.title.min })}</span>
          <span
            >${t('submit.counter', { n: this.titleText.trim().length, max: c.form.title.max })}</span
          >
        </div>
        ${this.err('title')}
      </div>

      <div class="field">
        <label for="body"
          >${t('submit.field.body')}<span class="req" aria-hidden="true">*</span></label
        >
        <span class="hint" id="body-hint">${t('submit.bodyHint')}</span>
        <textarea
          id="body"
          data-testid="submit-body"
          required
          .value=${this.body}
          aria-invalid=${this.errors.body ? 'true' : 'false'}
          aria-describedby=${this.described('body', 'body-hint body-count')}
          @input=${(e: Event) => {
            this.body = (e.target as HTMLTextAreaElement).value;
            this.clearError('body');
          }}
        ></textarea>
        <div class="counter" id="body-count">
          <span>${t('submit.counterMin', { min: c.form.body.min })}</span>
          <span data-testid="submit-body-counter" class=${bodyLen > c.form.body.max ? 'over' : ''}
            >${t('submit.counter', { n: formatNumber(bodyLen), max: formatNumber(c.form.body.max) })}</span
          >
        </div>
        ${this.err('body')}
      </div>

      <hy-similar-list
        .slug=${c.slug}
        .text=${`${this.titleText.trim()}\n${this.body.trim()}`.trim()}
        ?signedIn=${!!this.session.user}
        @hy-draft-save=${() => this.saveDraft()}
      ></hy-similar-list>

      ${c.form.addressee ? nothing : this.renderPlace(c)}
      ${
        c.topics.length > 0
          ? html`<div class="field">
              <label for="topic"
                >${t('submit.field.topic')}${
                  c.form.topicRequired
                    ? html`<span class="req" aria-hidden="true">*</span>`
                    : nothing
                }</label
              >
              <select
                id="topic"
                data-testid="submit-topic"
                ?required=${c.form.topicRequired}
                aria-invalid=${this.errors.topic ? 'true' : 'false'}
                aria-describedby=${this.described('topic')}
                @change=${(e: Event) => {
                  this.topic = (e.target as HTMLSelectElement).value;
                  this.clearError('topic');
                }}
              >
                <option value="" ?selected=${!this.topic}>${t('submit.topic.choose')}</option>
                ${c.topics.map(
                  (tp) =>
                    html`<option value=${tp.key} ?selected=${this.topic === tp.key}>
                      ${localText(tp.title)}
                    </option>`,
                )}
              </select>
              ${this.err('topic')}
            </div>`
          : nothing
      }
      ${c.form.fields.map((f) => this.renderCustom(f))}

      <label class="check">
        <input
          type="checkbox"
          data-testid="submit-show-name"
          .checked=${this.showName}
          aria-describedby="show-name-hint"
          @change=${(e: Event) => (this.showName = (e.target as HTMLInputElement).checked)}
        />
        <span>
          ${t('submit.showName')}
          <span class="hint" id="show-name-hint"><br />${t('submit.showNameHint')}</span>
        </span>
      </label>

      ${c.form.addressee ? this.renderSummary() : nothing}
      <div class="send actions">
        <button
          class="btn primary"
          type="submit"
          data-testid="submit-send"
          ?disabled=${this.sending}
        >
          ${this.sending ? t('submit.sending') : t('submit.send')}
        </button>
      </div>
    </form>`;
  }

  private renderSuccess(c: Campaign, s: Submission) {
    return html`<div class="card success" data-testid="submit-success">
      <h1 tabindex="-1">${t('submit.success.title')}</h1>
      <p>${t('submit.success.ref')}</p>
      <div class="ref" data-testid="submit-ref">${s.ref}</div>
      ${
        s.addressee
          ? html`<p data-testid="submit-success-addressee">
              ${t('addressee.to', { name: addresseeName(s.addressee) })}
            </p>`
          : nothing
      }
      <p>${s.status === 'received' ? t('submit.success.pre') : t('submit.success.post')}</p>
      <p class="muted small">${t('submit.success.keep')}</p>
      <div class="actions">
        <a class="btn primary" href="/s/${encodeURIComponent(s.id)}" data-testid="submit-view"
          >${t('submit.success.view')}</a
        >
        <button class="btn" type="button" data-testid="submit-another" @click=${() => this.reset()}>
          ${t('submit.success.another')}
        </button>
        <a class="btn ghost" href="/c/${encodeURIComponent(c.slug)}"
          >${t('submit.backToCampaign')}</a
        >
      </div>
    </div>`;
  }

  private renderPage(c: Campaign) {
    if (this.result) return this.renderSuccess(c, this.result);
    return html`<div class="crumb">
        <a class="tap" href="/c/${encodeURIComponent(c.slug)}">← ${localText(c.title)}</a>
      </div>
      <h1>${actionText(c.submissionKind)}</h1>
      <p class="to">${t('submit.to', { campaign: localText(c.title) })}</p>
      ${
        this.session.user === undefined
          ? html`<hy-loading></hy-loading>`
          : this.session.user === null
            ? html`<div class="notice info" role="status">${t('submit.signInFirst')}</div>`
            : !c.acceptsSubmissions
              ? html`<div class="notice warning" role="status" data-testid="submit-closed">
                  <p>${t('campaign.notAccepting')}</p>
                  ${
                    c.nextPhase
                      ? html`<p>
                          ${t('campaign.nextOpens', {
                            name: localText(c.nextPhase.title),
                            date: formatDay(c.nextPhase.starts),
                          })}
                        </p>`
                      : nothing
                  }
                  <p>
                    <a href="/c/${encodeURIComponent(c.slug)}">${t('submit.backToCampaign')}</a>
                  </p>
                </div>`
              : this.renderForm(c)
      }`;
  }

  override render() {
    return html`<div class="wrap">
      ${this.campaign.render({
        initial: () => html`<hy-loading></hy-loading>`,
        pending: () =>
          this.campaign.value?.slug === this.slug
            ? this.renderPage(this.campaign.value)
            : html`<hy-loading></hy-loading>`,
        complete: (c) => this.renderPage(c),
        error: (e) =>
          html`<hy-error-box
            .error=${e}
            retry
            @hy-retry=${() => this.campaign.run()}
          ></hy-error-box>`,
      })}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-submit': HyPageSubmit;
  }
}
