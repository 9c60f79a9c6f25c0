import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { getCampaign, listCampaigns } from '../api/campaigns.ts';
import { getClassifier, getJob, trainClassifier } from '../api/classifier.ts';
import type { ClassifierState, Job } from '../api/types.ts';
import { errorMessage, formatDateTime, formatNumber, localText, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-error-box.ts';
import './hy-loading.ts';

const POLL_MS = 1500;
/** Give up polling after this long (the job goes on; the panel can be reloaded). */
const POLL_LIMIT_MS = 10 * 60_000;

/**
 * 分类模型: a campaign's routing model for reviewers and owners — when it was trained, on how many
 * examples (per topic), the auto-routing threshold, imported and corrected examples — and
 * 重新训练, which queues a job and follows it until it is done or failed.
 */
@customElement('hy-classifier-panel')
export class HyClassifierPanel extends HyElement {
  @state() private slug = '';
  @state() private reload = 0;
  @state() private job: Job | null = null;
  @state() private jobError = '';
  @state() private starting = false;

  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private polling = false;

  private readonly campaigns = new Task(this, {
    task: async (_args, { signal }) => {
      const items = await listCampaigns('all', signal);
      if (!this.slug && items[0]) {
        this.slug = (items.find((c) => c.handling.mode === 'routed') ?? items[0]).slug;
      }
      return items;
    },
    args: () => [] as const,
  });

  private readonly model = new Task(this, {
    task: ([slug], { signal }): Promise<ClassifierState | null> =>
      slug ? getClassifier(slug, signal) : Promise.resolve(null),
    args: () => [this.slug, this.reload] as const,
  });

  /** The campaign's topics, for the per-topic counts' titles. */
  private readonly topics = new Task(this, {
    task: async ([slug], { signal }) => (slug ? (await getCampaign(slug, signal)).topics : []),
    args: () => [this.slug] as const,
  });

  static override styles = [
    shared,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-3);
        align-items: flex-end;
        justify-content: space-between;
        margin-bottom: var(--hy-space-4);
      }
      .toolbar .field {
        margin: 0;
        min-width: min(100%, 280px);
      }
      .intro {
        color: var(--hy-color-text-muted);
        font-size: var(--hy-font-size-sm);
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: var(--hy-space-2) var(--hy-space-4);
        margin: 0 0 var(--hy-space-4);
      }
      dt {
        color: var(--hy-color-text-muted);
      }
      dd {
        margin: 0;
        font-weight: 600;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        max-width: 32em;
        font-size: var(--hy-font-size-sm);
      }
      th,
      td {
        text-align: left;
        padding: var(--hy-space-1) var(--hy-space-2);
        border-bottom: 1px solid var(--hy-color-border);
      }
      td.n {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      h3 {
        font-size: var(--hy-font-size);
        margin-top: var(--hy-space-4);
      }
      .job {
        margin-top: var(--hy-space-3);
      }
      @media (max-width: 640px) {
        dl {
          grid-template-columns: minmax(0, 1fr);
          gap: 0;
        }
        dd {
          margin-bottom: var(--hy-space-2);
        }
        .toolbar .btn {
          width: 100%;
        }
      }
    `,
  ];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.pollTimer);
    this.polling = false;
  }

  private async train() {
    this.starting = true;
    this.jobError = '';
    this.job = null;
    try {
      const id = await trainClassifier(this.slug);
      this.job = {
        id,
        kind: 'train-classifier',
        status: 'queued',
        createdAt: Date.now(),
        startedAt: null,
        finishedAt: null,
        error: null,
      };
      this.polling = true;
      this.poll(id, Date.now());
    } catch (e) {
      this.jobError = errorMessage(e);
    } finally {
      this.starting = false;
    }
  }

  private poll(id: string, since: number) {
    this.pollTimer = setTimeout(async () => {
      if (!this.polling) return;
      try {
        const job = await getJob(id);
        this.job = job;
        if (job.status === 'done' || job.status === 'failed') {
          this.polling = false;
          if (job.status === 'done') this.reload++;
          return;
        }
      } catch (e) {
        this.jobError = errorMessage(e);
        this.polling = false;
        return;
      }
      if (Date.now() - since < POLL_LIMIT_MS) this.poll(id, since);
      else this.polling = false;
    }, POLL_MS);
  }

  private topicTitle(key: string): string {
    const topic = (this.topics.value ?? []).find((tp) => tp.key === key);
    return topic ? localText(topic.title) : key;
  }

  private renderModel(m: ClassifierState | null) {
    if (!m) return nothing;
    const labels = Object.entries(m.model?.metrics?.labels ?? {}).sort((a, b) => b[1] - a[1]);
    return html`${
      m.model
        ? html`<dl data-testid="classifier-model">
            <dt>${t('classifier.trainedAt')}</dt>
            <dd data-testid="classifier-trained-at">${formatDateTime(m.model.trainedAt)}</dd>
            <dt>${t('classifier.examples')}</dt>
            <dd>${formatNumber(m.model.metrics?.examples ?? m.model.examples)}</dd>
            <dt>${t('classifier.threshold')}</dt>
            <dd>${formatNumber(Math.round(m.threshold * 100))}%</dd>
            <dt>${t('classifier.imported')}</dt>
            <dd data-testid="classifier-imported">${formatNumber(m.examples.imported)}</dd>
            <dt>${t('classifier.corrections')}</dt>
            <dd data-testid="classifier-corrections">${formatNumber(m.examples.corrections)}</dd>
          </dl>`
        : html`<div class="notice info" data-testid="classifier-none">${t('classifier.none')}</div>
            <dl>
              <dt>${t('classifier.threshold')}</dt>
              <dd>${formatNumber(Math.round(m.threshold * 100))}%</dd>
              <dt>${t('classifier.imported')}</dt>
              <dd data-testid="classifier-imported">${formatNumber(m.examples.imported)}</dd>
              <dt>${t('classifier.corrections')}</dt>
              <dd data-testid="classifier-corrections">${formatNumber(m.examples.corrections)}</dd>
            </dl>`
    }
    ${
      labels.length > 0
        ? html`<h3>${t('classifier.labels')}</h3>
            <table data-testid="classifier-labels">
              <tbody>
                ${labels.map(
                  ([k, n]) =>
                    html`<tr>
                      <td>${this.topicTitle(k)}</td>
                      <td class="n">${formatNumber(n)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : nothing
    }`;
  }

  private renderJob() {
    const j = this.job;
    if (this.jobError)
      return html`<div class="notice error job" role="alert" data-testid="classifier-job">
        ${this.jobError}
      </div>`;
    if (!j) return nothing;
    if (j.status === 'done')
      return html`<div class="notice success job" role="status" data-testid="classifier-job">
        ${t('classifier.done')}
      </div>`;
    if (j.status === 'failed')
      return html`<div class="notice error job" role="alert" data-testid="classifier-job">
        ${t('classifier.failed', { error: j.error ?? t('error.generic') })}
      </div>`;
    return html`<div class="notice info job" role="status" data-testid="classifier-job">
      ${t('classifier.training', { status: t(`classifier.job.${j.status}`) })}
    </div>`;
  }

  override render() {
    const busy = this.starting || this.polling;
    return html`<section class="card" aria-labelledby="classifier-heading" data-testid="classifier">
      <h2 id="classifier-heading">${t('classifier.title')}</h2>
      <p class="intro">${t('classifier.intro')}</p>
      <div class="toolbar">
        <div class="field">
          <label for="classifier-campaign">${t('classifier.campaign')}</label>
          <select
            id="classifier-campaign"
            data-testid="classifier-campaign"
            ?disabled=${busy}
            @change=${(e: Event) => {
              this.slug = (e.target as HTMLSelectElement).value;
              this.job = null;
              this.jobError = '';
            }}
          >
            ${(this.campaigns.value ?? []).map(
              (c) =>
                html`<option value=${c.slug} ?selected=${this.slug === c.slug}>
                  ${localText(c.title)}
                </option>`,
            )}
          </select>
        </div>
        <button
          class="btn primary"
          type="button"
          data-testid="classifier-train"
          ?disabled=${busy || !this.slug}
          @click=${this.train}
        >
          ${busy ? t('classifier.training', { status: t(`classifier.job.${this.job?.status === 'running' ? 'running' : 'queued'}`) }) : t('classifier.train')}
        </button>
      </div>
      <div aria-live="polite">${this.renderJob()}</div>
      ${this.model.render({
        initial: () => html`<hy-loading></hy-loading>`,
        pending: () =>
          this.model.value !== undefined
            ? this.renderModel(this.model.value)
            : html`<hy-loading></hy-loading>`,
        complete: (m) => this.renderModel(m),
        error: (e) =>
          html`<hy-error-box .error=${e} retry @hy-retry=${() => this.model.run()}></hy-error-box>`,
      })}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-classifier-panel': HyClassifierPanel;
  }
}
