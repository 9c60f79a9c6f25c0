import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { addDocument, listDocuments } from '../api/adoption.ts';
import { listCampaigns } from '../api/campaigns.ts';
import { formatNumber, localText, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { navigate } from '../lib/router.ts';
import { shared } from '../styles/shared.ts';
import './hy-error-box.ts';
import './hy-loading.ts';
import './hy-story-editor.ts';
import './hy-tracing-document.ts';

/**
 * Console tab 采纳追踪: policy documents (add one, open one to decide its candidates) and the
 * stories editor. `item` is a document id, or null for the list.
 */
@customElement('hy-tracing-console')
export class HyTracingConsole extends HyElement {
  @property() item: string | null = null;
  @state() private error: unknown = null;
  @state() private busy = false;
  @state() private notice = '';

  private readonly documents = new Task(this, {
    task: async (_args, { signal }) => {
      const [docs, campaigns] = await Promise.all([
        listDocuments(undefined, signal),
        listCampaigns('all', signal),
      ]);
      return { docs: docs.items, campaigns };
    },
    args: () => [this.item] as const,
  });

  static override styles = [
    shared,
    css`
      ul.docs {
        list-style: none;
        margin: 0 0 var(--hy-space-6);
        padding: 0;
      }
      ul.docs li {
        padding: var(--hy-space-3) 0;
        border-bottom: 1px solid var(--hy-color-border);
      }
      textarea {
        width: 100%;
        min-height: 12em;
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0 0 var(--hy-space-3);
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14em, 1fr));
        gap: 0 var(--hy-space-4);
      }
      .grid input {
        width: 100%;
      }
      details {
        margin-bottom: var(--hy-space-6);
      }
      summary {
        cursor: pointer;
        font-weight: 700;
        min-height: var(--hy-tap);
        display: flex;
        align-items: center;
      }
    `,
  ];

  private async readFile(e: Event) {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea[name=text]')!;
    area.value = await file.text();
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.error = null;
    try {
      const { document } = await addDocument({
        title: String(data.get('title') ?? ''),
        issuer: String(data.get('issuer') ?? ''),
        issuedOn: String(data.get('issuedOn') ?? ''),
        sourceUrl: String(data.get('sourceUrl') ?? '') || null,
        campaigns: data.getAll('campaigns').map(String),
        text: String(data.get('text') ?? ''),
      });
      this.notice = t('tracing.saved');
      navigate(`/console/adoption/${document.id}`);
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  }

  private renderList() {
    return this.documents.render({
      pending: () => html`<hy-loading></hy-loading>`,
      error: (e) => html`<hy-error-box .error=${e}></hy-error-box>`,
      complete: ({ docs, campaigns }) =>
        html`<h2>${t('tracing.documents')}</h2>
          <ul class="docs" data-testid="tracing-documents">
            ${docs.map(
              (d) =>
                html`<li>
                  <a href="/console/adoption/${encodeURIComponent(d.id)}" data-testid="tracing-doc"
                    >《${d.title}》</a
                  >
                  <div class="meta muted small">
                    <span>${d.issuer} · ${d.issuedOn}</span>
                    <span>${t('tracing.clauses', { count: formatNumber(d.clauses) })}</span>
                    <span>${t('tracing.proposedCount', { count: formatNumber(d.proposed) })}</span>
                    <span
                      >${t('tracing.adoptionsCount', { count: formatNumber(d.adoptions) })}</span
                    >
                    <span>${d.campaigns.map((c) => localText(c.title)).join('、')}</span>
                  </div>
                </li>`,
            )}
          </ul>
          <details ?open=${docs.length === 0}>
            <summary>${t('tracing.addDocument')}</summary>
            <form @submit=${this.submit} data-testid="tracing-add-form">
              <div class="grid">
                <label class="field"
                  ><span class="label">${t('tracing.docTitle')}</span
                  ><input name="title" required maxlength="200"
                /></label>
                <label class="field"
                  ><span class="label">${t('tracing.issuer')}</span
                  ><input name="issuer" required maxlength="100"
                /></label>
                <label class="field"
                  ><span class="label">${t('tracing.issuedOn')}</span
                  ><input name="issuedOn" type="date" required
                /></label>
                <label class="field"
                  ><span class="label">${t('tracing.sourceUrl')}</span
                  ><input name="sourceUrl" type="url" maxlength="500"
                /></label>
              </div>
              <fieldset>
                <legend class="label">${t('tracing.campaigns')}</legend>
                ${campaigns.map(
                  (c) =>
                    html`<label class="check"
                      ><input type="checkbox" name="campaigns" value=${c.slug} />
                      ${localText(c.title)}</label
                    >`,
                )}
              </fieldset>
              <label class="field"
                ><span class="label">${t('tracing.text')}</span
                ><textarea name="text" required></textarea>
              </label>
              <label class="field"
                ><span class="label">${t('tracing.file')}</span
                ><input type="file" accept=".txt,text/plain" @change=${this.readFile}
              /></label>
              ${this.error ? html`<hy-error-box .error=${this.error}></hy-error-box>` : nothing}
              <div class="actions">
                <button class="btn primary" ?disabled=${this.busy}>${t('tracing.save')}</button>
              </div>
            </form>
          </details>
          <hy-story-editor></hy-story-editor>`,
    });
  }

  override render() {
    if (this.item)
      return html`<p><a href="/console/adoption">← ${t('tracing.back')}</a></p>
        ${this.notice ? html`<p class="notice success">${this.notice}</p>` : nothing}
        <hy-tracing-document .documentId=${this.item}></hy-tracing-document>`;
    return this.renderList();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-tracing-console': HyTracingConsole;
  }
}
