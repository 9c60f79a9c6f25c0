import { Task } from '@lit/task';
import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { createCampaign, getDefinition, updateCampaign } from '../api/campaigns.ts';
import { ApiError, type FieldErrors } from '../api/request.ts';
import type { CampaignDefinition, LocalText, Phase, PhaseAction, Topic } from '../api/types.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import {
  campaignKinds,
  handlingModes,
  moderationModes,
  phaseActions,
  submissionKinds,
} from '../../../schema/states.ts';
import './hy-error-box.ts';
import './hy-loading.ts';

/** The calendar day after a YYYY-MM-DD day. */
function nextDay(day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) ? day : new Date(ms + 86_400_000).toISOString().slice(0, 10);
}

/** Today as YYYY-MM-DD in China time, plus an offset in days. */
function chinaDay(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

function blankDefinition(owner: string): CampaignDefinition {
  return {
    slug: '',
    refPrefix: '',
    kind: 'consultation',
    title: { 'zh-CN': '' },
    summary: { 'zh-CN': '' },
    description: { 'zh-CN': '' },
    owner,
    submissionKind: 'suggestion',
    moderation: 'pre',
    handling: { mode: 'collective' },
    phases: [
      {
        key: 'collect',
        title: { 'zh-CN': '意见征集', en: 'Collecting input' },
        starts: chinaDay(),
        ends: chinaDay(30),
        allows: ['submit', 'support'],
      },
    ],
    topics: [{ key: 'general', title: { 'zh-CN': '综合', en: 'General' } }],
  };
}

/** A LocalText with one language changed; an empty English text is removed (it is optional). */
function withText(text: LocalText, lang: 'zh-CN' | 'en', value: string): LocalText {
  const next: LocalText = { ...text, [lang]: value };
  if (lang === 'en' && value === '') delete next.en;
  return next;
}

/** Normalises a validation path: "definition.phases[0].ends" and "/phases/0/ends" → "phases.0.ends". */
export function normalisePath(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\/+/, '')
    .replace(/\//g, '.')
    .replace(/^definition\./, '');
}

/**
 * The console's campaign form: main fields, phases and topics as editable rows, and the whole
 * definition as JSON kept in sync both ways. File-sourced campaigns are shown read-only.
 */
@customElement('hy-campaign-editor')
export class HyCampaignEditor extends HyElement {
  /** The campaign to edit; null to create a new one. */
  @property() slug: string | null = null;
  /** Owner organisation code proposed for a new campaign. */
  @property() defaultOwner = '';
  /** Organisation codes offered for the owner field. */
  @property({ attribute: false }) ownerOptions: string[] = [];

  @state() private def: CampaignDefinition = blankDefinition('');
  @state() private source: 'file' | 'console' | null = null;
  @state() private sourceFile: string | null = null;
  @state() private json = '';
  @state() private jsonError = '';
  @state() private errors: FieldErrors = {};
  @state() private status: { kind: 'success' | 'error'; text: string } | null = null;
  @state() private saving = false;
  /** The routed handling object, kept while the mode is switched to collective and back. */
  private stashedRouting: CampaignDefinition['handling'] | null = null;

  private readonly loader = new Task(this, {
    task: async ([slug, owner], { signal }) => {
      this.errors = {};
      this.status = null;
      this.jsonError = '';
      if (slug === null) {
        this.source = null;
        this.sourceFile = null;
        this.setDefinition(blankDefinition(owner));
        return null;
      }
      const d = await getDefinition(slug, signal);
      this.source = d.source;
      this.sourceFile = d.sourceFile;
      this.setDefinition(d.definition);
      return d;
    },
    // The owner only matters for a new campaign: a late session must not reload an edited one.
    args: () => [this.slug, this.slug === null ? this.defaultOwner : ''] as const,
  });

  static override styles = [
    shared,
    css`
      form {
        display: grid;
        gap: var(--hy-space-5);
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        min-width: 0;
      }
      section.card {
        padding: var(--hy-space-5);
      }
      section.card > h3 {
        margin-bottom: var(--hy-space-4);
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 0 var(--hy-space-4);
      }
      .grid .full {
        grid-column: 1 / -1;
      }
      .row {
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius);
        padding: var(--hy-space-4);
        margin-bottom: var(--hy-space-3);
        background: var(--hy-color-surface-alt);
      }
      .row-head {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: var(--hy-space-3);
        margin-bottom: var(--hy-space-2);
      }
      .row-head h4 {
        margin: 0;
        font-size: var(--hy-font-size);
      }
      .row .grid {
        grid-template-columns: repeat(3, minmax(0, 1fr));
      }
      .checks {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--hy-space-4);
      }
      textarea.json {
        font-family: var(--hy-font-mono);
        font-size: var(--hy-font-size-xs);
        line-height: 1.5;
        min-height: 24em;
        white-space: pre;
        overflow-wrap: normal;
        overflow-x: auto;
      }
      details summary {
        cursor: pointer;
        font-weight: 600;
        min-height: var(--hy-tap);
        display: flex;
        align-items: center;
      }
      .errors ul {
        margin: var(--hy-space-2) 0 0;
        padding-left: 1.2em;
      }
      .errors code {
        font-family: var(--hy-font-mono);
        font-size: var(--hy-font-size-xs);
      }
      .source {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
        align-items: center;
        margin-bottom: var(--hy-space-3);
      }
      @media (max-width: 720px) {
        .grid,
        .row .grid {
          grid-template-columns: minmax(0, 1fr);
        }
        section.card {
          padding: var(--hy-space-4);
        }
      }
    `,
  ];

  private get readOnly(): boolean {
    return this.source === 'file';
  }

  private setDefinition(def: CampaignDefinition) {
    this.def = def;
    this.json = JSON.stringify(def, null, 2);
    this.jsonError = '';
    if (def.handling.mode === 'routed') this.stashedRouting = def.handling;
  }

  /** A change from the form: update the definition and rewrite the JSON. */
  private patch(changes: Partial<CampaignDefinition>) {
    this.setDefinition({ ...this.def, ...changes });
    this.status = null;
  }

  private onJsonInput(e: Event) {
    this.json = (e.target as HTMLTextAreaElement).value;
    this.status = null;
    try {
      const parsed: unknown = JSON.parse(this.json);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new Error('{ … }');
      }
      const d = parsed as CampaignDefinition;
      // Keep the form renderable whatever the JSON holds; the server validates the rest.
      this.def = {
        ...d,
        title: d.title ?? { 'zh-CN': '' },
        summary: d.summary ?? { 'zh-CN': '' },
        description: d.description ?? { 'zh-CN': '' },
        handling: d.handling ?? { mode: 'collective' },
        phases: Array.isArray(d.phases) ? d.phases : [],
        topics: Array.isArray(d.topics) ? d.topics : [],
      };
      this.jsonError = '';
    } catch (err) {
      this.jsonError = t('editor.jsonInvalid', {
        message: err instanceof Error ? err.message : String(err),
      });
    }
  }

  private setHandling(mode: 'routed' | 'collective') {
    if (mode === this.def.handling.mode) return;
    if (mode === 'collective') {
      this.stashedRouting = this.def.handling;
      this.patch({ handling: { mode: 'collective' } });
    } else {
      this.patch({ handling: this.stashedRouting ?? { mode: 'routed', rules: [] } });
    }
  }

  private setPhase(i: number, changes: Partial<Phase>) {
    const phases = this.def.phases.map((p, j) => {
      if (j !== i) return p;
      const next: Phase = { ...p, ...changes };
      if (next.ends === '') delete next.ends;
      return next;
    });
    this.patch({ phases });
  }

  private togglePhaseAction(i: number, action: PhaseAction, on: boolean) {
    const p = this.def.phases[i]!;
    const allows = phaseActions.filter((a) => (a === action ? on : (p.allows ?? []).includes(a)));
    this.setPhase(i, { allows });
  }

  private addPhase() {
    const last = this.def.phases[this.def.phases.length - 1];
    // A new phase starts the day after the last one ends, so the two do not overlap.
    const starts = last?.ends ? nextDay(last.ends) : chinaDay();
    this.patch({
      phases: [
        ...this.def.phases,
        {
          key: `phase-${this.def.phases.length + 1}`,
          title: { 'zh-CN': '' },
          starts,
          allows: ['support'],
        },
      ],
    });
  }

  private setTopic(i: number, changes: Partial<Topic>) {
    this.patch({ topics: this.def.topics.map((tp, j) => (j === i ? { ...tp, ...changes } : tp)) });
  }

  private async save(e: Event) {
    e.preventDefault();
    if (this.readOnly || this.saving) return;
    if (this.jsonError) {
      this.status = { kind: 'error', text: this.jsonError };
      return;
    }
    this.saving = true;
    this.errors = {};
    this.status = null;
    try {
      if (this.slug === null) {
        const c = await createCampaign(this.def);
        this.status = { kind: 'success', text: t('editor.created', { slug: c.slug }) };
        this.dispatchEvent(hyEvent('hy-campaign-saved', { slug: c.slug, created: true }));
      } else {
        await updateCampaign(this.slug, this.def);
        this.status = { kind: 'success', text: t('editor.saved') };
        this.dispatchEvent(hyEvent('hy-campaign-saved', { slug: this.slug, created: false }));
      }
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : {};
      const errors: FieldErrors = {};
      for (const [k, v] of Object.entries(fields)) errors[normalisePath(k)] = v;
      this.errors = errors;
      this.status = { kind: 'error', text: errorMessage(err) };
    } finally {
      this.saving = false;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-testid="editor-status"]')?.scrollIntoView({
      block: 'nearest',
    });
  }

  // ---- rendering helpers -------------------------------------------------------------------

  private fieldError(path: string) {
    const m = this.errors[path];
    return m
      ? html`<div class="field-error" id="err-${path}" data-testid="editor-error">${m}</div>`
      : nothing;
  }

  private input(
    path: string,
    label: string,
    value: string,
    onValue: (v: string) => void,
    opts: {
      testid: string;
      type?: string;
      hint?: string;
      required?: boolean;
      full?: boolean;
      disabled?: boolean;
    } = {
      testid: '',
    },
  ) {
    const id = `f-${path}`;
    return html`<div class="field ${opts.full ? 'full' : ''}">
      <label for=${id}
        >${label}${opts.required ? html`<span class="req" aria-hidden="true">*</span>` : nothing}</label
      >
      <input
        id=${id}
        type=${opts.type ?? 'text'}
        data-testid=${opts.testid}
        .value=${value}
        ?required=${opts.required}
        ?disabled=${opts.disabled}
        aria-invalid=${this.errors[path] ? 'true' : 'false'}
        aria-describedby=${
          [opts.hint ? `hint-${path}` : '', this.errors[path] ? `err-${path}` : '']
            .filter(Boolean)
            .join(' ') || nothing
        }
        @input=${(e: Event) => onValue((e.target as HTMLInputElement).value)}
      />
      ${opts.hint ? html`<span class="hint" id="hint-${path}">${opts.hint}</span>` : nothing}
      ${this.fieldError(path)}
    </div>`;
  }

  private textarea(
    path: string,
    label: string,
    value: string,
    onValue: (v: string) => void,
    testid: string,
  ) {
    const id = `f-${path}`;
    return html`<div class="field full">
      <label for=${id}>${label}</label>
      <textarea
        id=${id}
        data-testid=${testid}
        .value=${value}
        aria-invalid=${this.errors[path] ? 'true' : 'false'}
        aria-describedby=${this.errors[path] ? `err-${path}` : nothing}
        @input=${(e: Event) => onValue((e.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${this.fieldError(path)}
    </div>`;
  }

  private select<T extends string>(
    path: string,
    label: string,
    value: string,
    options: readonly T[],
    labelOf: (v: T) => string,
    onValue: (v: T) => void,
    testid: string,
  ) {
    const id = `f-${path}`;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select
        id=${id}
        data-testid=${testid}
        aria-invalid=${this.errors[path] ? 'true' : 'false'}
        @change=${(e: Event) => onValue((e.target as HTMLSelectElement).value as T)}
      >
        ${options.map((o) => html`<option value=${o} ?selected=${o === value}>${labelOf(o)}</option>`)}
      </select>
      ${this.fieldError(path)}
    </div>`;
  }

  private localInputs(
    path: 'title' | 'summary' | 'description',
    labels: [string, string],
    long: boolean,
  ): TemplateResult {
    const text = this.def[path];
    const set = (lang: 'zh-CN' | 'en') => (v: string) =>
      this.patch({ [path]: withText(text, lang, v) });
    const testid = `editor-${path}`;
    if (long) {
      return html`${this.textarea(`${path}.zh-CN`, labels[0], text['zh-CN'] ?? '', set('zh-CN'), `${testid}-zh`)}
      ${this.textarea(`${path}.en`, labels[1], text.en ?? '', set('en'), `${testid}-en`)}`;
    }
    return html`${this.input(`${path}.zh-CN`, labels[0], text['zh-CN'] ?? '', set('zh-CN'), {
      testid: `${testid}-zh`,
      required: true,
      full: true,
    })}
    ${this.input(`${path}.en`, labels[1], text.en ?? '', set('en'), { testid: `${testid}-en`, full: true })}`;
  }

  private renderPhases() {
    const d = this.def;
    return html`<section class="card" aria-labelledby="phases-h">
      <h3 id="phases-h">${t('editor.phases')}</h3>
      ${this.fieldError('phases')}
      ${d.phases.map(
        (p, i) =>
          html`<div class="row" data-testid="editor-phase">
            <div class="row-head">
              <h4>${t('editor.phase', { n: i + 1 })}</h4>
              <button
                class="btn small danger"
                type="button"
                data-testid="editor-phase-remove"
                ?disabled=${d.phases.length <= 1}
                @click=${() => this.patch({ phases: d.phases.filter((_, j) => j !== i) })}
              >
                ${t('editor.removePhase')}
              </button>
            </div>
            <div class="grid">
              ${this.input(
                `phases.${i}.key`,
                t('editor.phaseKey'),
                p.key ?? '',
                (v) => this.setPhase(i, { key: v }),
                {
                  testid: 'editor-phase-key',
                  required: true,
                },
              )}
              ${this.input(
                `phases.${i}.title.zh-CN`,
                t('editor.phaseTitleZh'),
                p.title?.['zh-CN'] ?? '',
                (v) =>
                  this.setPhase(i, { title: withText(p.title ?? { 'zh-CN': '' }, 'zh-CN', v) }),
                { testid: 'editor-phase-title-zh', required: true },
              )}
              ${this.input(
                `phases.${i}.title.en`,
                t('editor.phaseTitleEn'),
                p.title?.en ?? '',
                (v) => this.setPhase(i, { title: withText(p.title ?? { 'zh-CN': '' }, 'en', v) }),
                { testid: 'editor-phase-title-en' },
              )}
              ${this.input(
                `phases.${i}.starts`,
                t('editor.phaseStarts'),
                p.starts ?? '',
                (v) => this.setPhase(i, { starts: v }),
                {
                  testid: 'editor-phase-starts',
                  type: 'date',
                  required: true,
                },
              )}
              ${this.input(
                `phases.${i}.ends`,
                t('editor.phaseEnds'),
                p.ends ?? '',
                (v) => this.setPhase(i, { ends: v }),
                {
                  testid: 'editor-phase-ends',
                  type: 'date',
                },
              )}
              <fieldset class="field">
                <legend class="label">${t('editor.phaseAllows')}</legend>
                <div class="checks">
                  ${phaseActions.map(
                    (a) =>
                      html`<label class="check">
                        <input
                          type="checkbox"
                          data-testid="editor-phase-allows-${a}"
                          .checked=${(p.allows ?? []).includes(a)}
                          @change=${(e: Event) => this.togglePhaseAction(i, a, (e.target as HTMLInputElement).checked)}
                        />
                        <span>${t(`campaign.allows.${a}`)}</span>
                      </label>`,
                  )}
                </div>
                ${this.fieldError(`phases.${i}.allows`)}
              </fieldset>
            </div>
          </div>`,
      )}
      <button class="btn" type="button" data-testid="editor-add-phase" @click=${this.addPhase}>
        + ${t('editor.addPhase')}
      </button>
    </section>`;
  }

  private renderTopics() {
    const d = this.def;
    return html`<section class="card" aria-labelledby="topics-h">
      <h3 id="topics-h">${t('editor.topics')}</h3>
      ${this.fieldError('topics')}
      ${d.topics.map(
        (tp, i) =>
          html`<div class="row" data-testid="editor-topic">
            <div class="row-head">
              <h4>${t('editor.topic', { n: i + 1 })}</h4>
              <button
                class="btn small danger"
                type="button"
                data-testid="editor-topic-remove"
                ?disabled=${d.topics.length <= 1}
                @click=${() => this.patch({ topics: d.topics.filter((_, j) => j !== i) })}
              >
                ${t('editor.removeTopic')}
              </button>
            </div>
            <div class="grid">
              ${this.input(
                `topics.${i}.key`,
                t('editor.topicKey'),
                tp.key ?? '',
                (v) => this.setTopic(i, { key: v }),
                {
                  testid: 'editor-topic-key',
                  required: true,
                },
              )}
              ${this.input(
                `topics.${i}.title.zh-CN`,
                t('editor.topicTitleZh'),
                tp.title?.['zh-CN'] ?? '',
                (v) =>
                  this.setTopic(i, { title: withText(tp.title ?? { 'zh-CN': '' }, 'zh-CN', v) }),
                { testid: 'editor-topic-title-zh', required: true },
              )}
              ${this.input(
                `topics.${i}.title.en`,
                t('editor.topicTitleEn'),
                tp.title?.en ?? '',
                (v) => this.setTopic(i, { title: withText(tp.title ?? { 'zh-CN': '' }, 'en', v) }),
                { testid: 'editor-topic-title-en' },
              )}
            </div>
          </div>`,
      )}
      <button
        class="btn"
        type="button"
        data-testid="editor-add-topic"
        @click=${() =>
          this.patch({
            topics: [...d.topics, { key: `topic-${d.topics.length + 1}`, title: { 'zh-CN': '' } }],
          })}
      >
        + ${t('editor.addTopic')}
      </button>
    </section>`;
  }

  private renderForm() {
    const d = this.def;
    const isNew = this.slug === null;
    const file = this.sourceFile
      ? this.sourceFile.startsWith('campaigns/')
        ? this.sourceFile
        : `campaigns/${this.sourceFile}`
      : 'campaigns/';
    const errorList = Object.entries(this.errors);
    return html`
      ${
        !isNew
          ? html`<div class="source">
              <span class="tag ${this.readOnly ? '' : 'neutral'}" data-testid="editor-source"
                >${this.readOnly ? t('editor.source.file') : t('editor.source.console')}</span
              >
              <a
                class="tap"
                href="/c/${encodeURIComponent(this.slug ?? '')}"
                data-testid="editor-open-public"
                >${t('editor.openPublic')} →</a
              >
            </div>`
          : nothing
      }
      ${
        this.readOnly
          ? html`<div class="notice info" data-testid="editor-file-note">
              ${t('editor.fileNote', { file })}
            </div>`
          : nothing
      }
      <form novalidate @submit=${this.save} data-testid="editor-form">
        <fieldset ?disabled=${this.readOnly}>
          <section class="card" aria-labelledby="basics-h">
            <h3 id="basics-h">${t('editor.basics')}</h3>
            <div class="grid">
              ${this.input('slug', t('editor.slug'), d.slug ?? '', (v) => this.patch({ slug: v }), {
                testid: 'editor-slug',
                hint: t('editor.slugHint'),
                required: true,
                disabled: !isNew,
              })}
              ${this.input(
                'refPrefix',
                t('editor.refPrefix'),
                d.refPrefix ?? '',
                (v) => this.patch({ refPrefix: v.toUpperCase() }),
                {
                  testid: 'editor-refPrefix',
                  hint: t('editor.refPrefixHint'),
                  required: true,
                },
              )}
              ${this.select(
                'kind',
                t('editor.kind'),
                d.kind,
                campaignKinds,
                (k) => t(`kind.${k}`),
                (v) => this.patch({ kind: v }),
                'editor-kind',
              )}
              <div class="field">
                <label for="f-owner"
                  >${t('editor.owner')}<span class="req" aria-hidden="true">*</span></label
                >
                <input
                  id="f-owner"
                  list="owner-options"
                  data-testid="editor-owner"
                  .value=${d.owner ?? ''}
                  aria-invalid=${this.errors.owner ? 'true' : 'false'}
                  @input=${(e: Event) => this.patch({ owner: (e.target as HTMLInputElement).value })}
                />
                <datalist id="owner-options">
                  ${this.ownerOptions.map((o) => html`<option value=${o}></option>`)}
                </datalist>
                ${this.fieldError('owner')}
              </div>
              ${this.localInputs('title', [t('editor.titleZh'), t('editor.titleEn')], false)}
              ${this.localInputs('summary', [t('editor.summaryZh'), t('editor.summaryEn')], false)}
              ${this.localInputs('description', [t('editor.descriptionZh'), t('editor.descriptionEn')], true)}
              ${this.select(
                'submissionKind',
                t('editor.submissionKind'),
                d.submissionKind,
                submissionKinds,
                (k) => t(`submission.kind.${k}`),
                (v) => this.patch({ submissionKind: v }),
                'editor-submissionKind',
              )}
              ${this.select(
                'moderation',
                t('editor.moderation'),
                d.moderation,
                moderationModes,
                (m) => t(`editor.moderation.${m}`),
                (v) => this.patch({ moderation: v }),
                'editor-moderation',
              )}
              ${this.select(
                'handling.mode',
                t('editor.handling'),
                d.handling.mode,
                handlingModes,
                (m) => t(`editor.handling.${m}`),
                (v) => this.setHandling(v),
                'editor-handling',
              )}
            </div>
          </section>
          ${this.renderPhases()} ${this.renderTopics()}
        </fieldset>
        <section class="card">
          <details ?open=${this.readOnly}>
            <summary data-testid="editor-advanced">${t('editor.advanced')}</summary>
            <p class="hint" id="json-hint">${t('editor.advancedHint')}</p>
            <label class="visually-hidden" for="json">${t('editor.advanced')}</label>
            <textarea
              id="json"
              class="json"
              spellcheck="false"
              data-testid="editor-json"
              .value=${this.json}
              ?readonly=${this.readOnly}
              aria-invalid=${this.jsonError ? 'true' : 'false'}
              aria-describedby="json-hint ${this.jsonError ? 'json-error' : ''}"
              @input=${this.onJsonInput}
            ></textarea>
            ${
              this.jsonError
                ? html`<div class="field-error" id="json-error" data-testid="editor-json-error">
                    ${this.jsonError}
                  </div>`
                : nothing
            }
          </details>
        </section>
        <div aria-live="polite" data-testid="editor-status">
          ${
            this.status
              ? html`<div
                  class="notice ${this.status.kind} errors"
                  role=${this.status.kind === 'error' ? 'alert' : 'status'}
                >
                  <strong>${this.status.text}</strong>
                  ${
                    errorList.length > 0
                      ? html`<p>${t('editor.errors')}</p>
                          <ul data-testid="editor-errors">
                            ${errorList.map(([k, m]) => html`<li><code>${k || '(root)'}</code> — ${m}</li>`)}
                          </ul>`
                      : nothing
                  }
                </div>`
              : nothing
          }
        </div>
        ${
          this.readOnly
            ? nothing
            : html`<div class="save actions">
                <button
                  class="btn primary"
                  type="submit"
                  data-testid="editor-save"
                  ?disabled=${this.saving}
                >
                  ${this.saving ? t('editor.saving') : isNew ? t('editor.create') : t('editor.save')}
                </button>
              </div>`
        }
      </form>
    `;
  }

  override render() {
    return this.loader.render({
      initial: () => html`<hy-loading></hy-loading>`,
      pending: () => html`<hy-loading></hy-loading>`,
      complete: () => this.renderForm(),
      error: (e) =>
        e instanceof ApiError && e.code === 'forbidden'
          ? html`<div class="notice warning" data-testid="editor-forbidden">
              ${t('editor.forbidden')}
            </div>`
          : html`<hy-error-box
              .error=${e}
              retry
              @hy-retry=${() => this.loader.run()}
            ></hy-error-box>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-campaign-editor': HyCampaignEditor;
  }
}
