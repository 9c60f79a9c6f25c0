import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { listCampaigns } from '../api/campaigns.ts';
import { getJob } from '../api/classifier.ts';
import {
  getCluster,
  listClusters,
  mergeClusters,
  runClusters,
  splitCluster,
  updateCluster,
  type Cluster,
} from '../api/clusters.ts';
import { formatNumber, localText, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-error-box.ts';
import './hy-loading.ts';

/**
 * Console tab 话题聚类: editors (and a campaign's owner) rename, lock, merge and split topic
 * clusters and pin a representative; a re-run is a recorded job that keeps every such decision.
 */
@customElement('hy-cluster-curation')
export class HyClusterCuration extends HyElement {
  @state() private slug = '';
  @state() private version = 0;
  @state() private open: string | null = null;
  @state() private picked = new Set<string>();
  @state() private message = '';
  @state() private error: unknown = null;

  private readonly campaigns = new Task(this, {
    task: async (_args, { signal }) => {
      const items = await listCampaigns('all', signal);
      if (!this.slug && items[0]) this.slug = items[0].slug;
      return items;
    },
    args: () => [] as const,
  });

  private readonly clusters = new Task(this, {
    task: async ([slug], { signal }): Promise<Cluster[]> =>
      slug ? listClusters(slug, 'people', signal) : [],
    args: () => [this.slug, this.version] as const,
  });

  private readonly members = new Task(this, {
    task: async ([id], { signal }) => (id ? (await getCluster(id, 1, signal)).members : []),
    args: () => [this.open, this.version] as const,
  });

  static override styles = [
    shared,
    css`
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-3);
        align-items: flex-end;
        margin-bottom: var(--hy-space-4);
      }
      .bar .field {
        margin: 0;
        min-width: 14em;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li.cluster {
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius-lg);
        background: var(--hy-color-surface);
        padding: var(--hy-space-3) var(--hy-space-4);
        margin-bottom: var(--hy-space-3);
      }
      form.row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
        align-items: flex-end;
        margin: var(--hy-space-2) 0;
      }
      form.row .field {
        margin: 0;
        flex: 1 1 12em;
      }
      select[multiple] {
        min-height: 6em;
      }
      summary {
        cursor: pointer;
        min-height: var(--hy-tap);
        display: flex;
        align-items: center;
        color: var(--hy-color-text-muted);
      }
      .members li {
        display: flex;
        gap: var(--hy-space-2);
        align-items: center;
        padding: var(--hy-space-1) 0;
        border-bottom: 1px solid var(--hy-color-border);
        overflow-wrap: anywhere;
      }
      .members li span {
        flex: 1;
      }
    `,
  ];

  private async act(action: () => Promise<unknown>, message = t('curate.done')) {
    this.error = null;
    try {
      await action();
      this.message = message;
      this.version++;
    } catch (err) {
      this.error = err;
    }
  }

  private async run() {
    this.error = null;
    try {
      const { job } = await runClusters(this.slug);
      this.message = t('curate.runQueued', { job });
      for (let i = 0; i < 60; i++) {
        await new Promise((r) => setTimeout(r, 1000));
        const state = await getJob(job);
        if (state.status === 'done' || state.status === 'failed') {
          const result = (state.result ?? {}) as { clusters?: number };
          this.message = t('curate.jobDone', { clusters: result.clusters ?? 0 });
          this.version++;
          return;
        }
      }
    } catch (err) {
      this.error = err;
    }
  }

  private rename(c: Cluster, e: SubmitEvent) {
    e.preventDefault();
    const title = String(new FormData(e.target as HTMLFormElement).get('title') ?? '').trim();
    void this.act(() => updateCluster(c.id, { title: title || null }));
  }

  private merge(c: Cluster, e: SubmitEvent) {
    e.preventDefault();
    const select = (e.target as HTMLFormElement).querySelector('select')!;
    const from = [...select.selectedOptions].map((o) => o.value);
    if (from.length) void this.act(() => mergeClusters(c.id, from));
  }

  private split(c: Cluster, e: SubmitEvent) {
    e.preventDefault();
    const title = String(new FormData(e.target as HTMLFormElement).get('title') ?? '').trim();
    const members = [...this.picked];
    if (!members.length) return;
    void this.act(async () => {
      await splitCluster(c.id, members, title || undefined);
      this.picked = new Set();
    });
  }

  private toggle(id: string, on: boolean) {
    const next = new Set(this.picked);
    if (on) next.add(id);
    else next.delete(id);
    this.picked = next;
  }

  private renderMembers(c: Cluster) {
    return this.members.render({
      pending: () => html`<hy-loading></hy-loading>`,
      complete: (members) =>
        html`<h4>${t('curate.members')}</h4>
          <ul class="members" data-testid="curate-members">
            ${members.map(
              (m) =>
                html`<li>
                  <input
                    type="checkbox"
                    aria-label=${m.title}
                    .checked=${this.picked.has(m.id)}
                    @change=${(e: Event) => this.toggle(m.id, (e.target as HTMLInputElement).checked)}
                  />
                  <span><a href="/s/${encodeURIComponent(m.id)}">${m.title}</a></span>
                  ${
                    c.representative?.id === m.id
                      ? html`<span class="tag">${t('topics.representative')}</span>`
                      : html`<button
                          class="btn small"
                          @click=${() => this.act(() => updateCluster(c.id, { representative: m.id }))}
                        >
                          ${t('curate.pin')}
                        </button>`
                  }
                </li>`,
            )}
          </ul>
          <form class="row" @submit=${(e: SubmitEvent) => this.split(c, e)}>
            <label class="field"
              ><span class="label">${t('curate.splitTitle')}</span
              ><input name="title" maxlength="60"
            /></label>
            <button class="btn" ?disabled=${this.picked.size === 0} data-testid="curate-split">
              ${t('curate.split')}
            </button>
          </form>`,
    });
  }

  private renderCluster(c: Cluster, all: Cluster[]) {
    const expanded = this.open === c.id;
    return html`<li class="cluster" data-testid="curate-cluster" data-cluster=${c.id}>
      <div class="meta small">
        <strong>${c.title}</strong>
        <span class="tag">${t('topics.people', { count: formatNumber(c.people) })}</span>
        <span class="tag neutral">${t('topics.voices', { count: formatNumber(c.voices) })}</span>
        ${c.locked ? html`<span class="tag">${t('topics.locked')}</span>` : nothing}
        ${c.renamed ? html`<span class="tag neutral">${t('topics.renamed')}</span>` : nothing}
      </div>
      <form class="row" @submit=${(e: SubmitEvent) => this.rename(c, e)}>
        <label class="field"
          ><span class="label">${t('curate.rename')}</span
          ><input
            name="title"
            maxlength="60"
            data-testid="curate-title"
            placeholder=${t('curate.renamePlaceholder')}
            .value=${c.renamed ? c.title : ''}
        /></label>
        <button class="btn" data-testid="curate-save">${t('curate.save')}</button>
        <button
          class="btn"
          type="button"
          data-testid="curate-lock"
          @click=${() => this.act(() => updateCluster(c.id, { locked: !c.locked }))}
        >
          ${c.locked ? t('curate.unlock') : t('curate.lock')}
        </button>
        <button
          class="btn"
          type="button"
          aria-expanded=${expanded ? 'true' : 'false'}
          @click=${() => {
            this.open = expanded ? null : c.id;
            this.picked = new Set();
          }}
        >
          ${expanded ? t('topics.hide') : t('topics.show', { count: formatNumber(c.people) })}
        </button>
      </form>
      ${
        all.length > 1
          ? html`<details>
              <summary class="small">${t('curate.mergeInto')}</summary>
              <form class="row" @submit=${(e: SubmitEvent) => this.merge(c, e)}>
                <label class="field"
                  ><span class="label">${t('curate.mergePick')}</span>
                  <select multiple data-testid="curate-merge-from">
                    ${all
                      .filter((o) => o.id !== c.id)
                      .map((o) => html`<option value=${o.id}>${o.title}（${o.people}）</option>`)}
                  </select></label
                >
                <button class="btn" data-testid="curate-merge">${t('curate.mergeInto')}</button>
              </form>
            </details>`
          : nothing
      }
      ${expanded ? this.renderMembers(c) : nothing}
    </li>`;
  }

  override render() {
    return html`<div class="bar">
        ${this.campaigns.render({
          complete: (items) =>
            html`<label class="field"
              ><span class="label">${t('curate.campaign')}</span>
              <select
                data-testid="curate-campaign"
                @change=${(e: Event) => {
                  this.slug = (e.target as HTMLSelectElement).value;
                  this.open = null;
                }}
              >
                ${items.map(
                  (c) =>
                    html`<option value=${c.slug} ?selected=${c.slug === this.slug}>
                      ${localText(c.title)}
                    </option>`,
                )}
              </select></label
            >`,
        })}
        <button class="btn primary" data-testid="curate-run" @click=${this.run}>
          ${t('curate.run')}
        </button>
      </div>
      ${
        this.message
          ? html`<p class="notice success" role="status" data-testid="curate-message">
              ${this.message}
            </p>`
          : nothing
      }
      ${this.error ? html`<hy-error-box .error=${this.error}></hy-error-box>` : nothing}
      ${this.clusters.render({
        pending: () => html`<hy-loading></hy-loading>`,
        error: (e) => html`<hy-error-box .error=${e}></hy-error-box>`,
        complete: (items) =>
          items.length
            ? html`<ol>
                ${items.map((c) => this.renderCluster(c, items))}
              </ol>`
            : html`<p class="empty">${t('topics.empty')}</p>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-cluster-curation': HyClusterCuration;
  }
}
