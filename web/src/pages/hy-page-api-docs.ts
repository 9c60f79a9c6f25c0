import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import {
  getOpenApi,
  httpMethods,
  type HttpMethod,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
} from '../api/openapi.ts';
import { t } from '../i18n/index.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import '../components/hy-error-box.ts';
import '../components/hy-loading.ts';
import '../components/hy-schema-view.ts';

type Op = { method: HttpMethod; path: string; op: OpenApiOperation; params: OpenApiParameter[] };
type Group = { tag: string; description?: string; ops: Op[] };

const OTHER = '\u0000other';

function slugify(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-');
}

/** Groups the document's operations by their first tag, in the document's tag order. */
function groupOperations(doc: OpenApiDocument): Group[] {
  const groups = new Map<string, Group>();
  for (const tag of doc.tags ?? [])
    groups.set(tag.name, { tag: tag.name, description: tag.description, ops: [] });
  const resolveParam = (p: OpenApiParameter): OpenApiParameter =>
    p.$ref ? (doc.components?.parameters?.[p.$ref.split('/').pop() ?? ''] ?? p) : p;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of httpMethods) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? OTHER;
      if (!groups.has(tag)) groups.set(tag, { tag, ops: [] });
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolveParam);
      groups.get(tag)!.ops.push({ method, path, op, params });
    }
  }
  return [...groups.values()].filter((g) => g.ops.length > 0);
}

/** A readable API reference rendered from GET /api/openapi.json. */
@customElement('hy-page-api-docs')
export class HyPageApiDocs extends HyElement {
  private readonly doc = new Task(this, {
    task: (_args, { signal }) => getOpenApi(signal),
    args: () => [] as const,
  });

  static override styles = [
    shared,
    css`
      .layout {
        display: grid;
        grid-template-columns: 220px minmax(0, 1fr);
        gap: var(--hy-space-5);
        align-items: start;
      }
      .toc {
        position: sticky;
        top: var(--hy-space-4);
        font-size: var(--hy-font-size-sm);
      }
      .toc ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .toc a {
        display: block;
        padding: var(--hy-space-2) var(--hy-space-3);
        border-radius: var(--hy-radius);
        color: var(--hy-color-text);
        text-decoration: none;
      }
      .toc a:hover {
        background: var(--hy-color-accent-soft);
      }
      .group {
        margin-bottom: var(--hy-space-6);
      }
      .group > h2 {
        border-bottom: 2px solid var(--hy-color-accent);
        padding-bottom: var(--hy-space-2);
        scroll-margin-top: var(--hy-space-4);
      }
      .op {
        background: var(--hy-color-surface);
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius-lg);
        padding: var(--hy-space-4) var(--hy-space-5);
        margin-bottom: var(--hy-space-4);
      }
      .sig {
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2) var(--hy-space-3);
        align-items: center;
        margin-bottom: var(--hy-space-2);
      }
      .method {
        display: inline-block;
        min-width: 4.2em;
        text-align: center;
        padding: 2px 8px;
        border-radius: var(--hy-radius-sm);
        font-family: var(--hy-font-mono);
        font-size: var(--hy-font-size-xs);
        font-weight: 700;
        color: #fff;
        background: var(--hy-color-text-muted);
      }
      .method.get {
        background: var(--hy-color-info);
      }
      .method.post {
        background: var(--hy-color-success);
      }
      .method.put,
      .method.patch {
        background: var(--hy-color-warning);
      }
      .method.delete {
        background: var(--hy-color-danger);
      }
      .path {
        font-family: var(--hy-font-mono);
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .summary {
        font-weight: 600;
        margin: 0 0 var(--hy-space-1);
      }
      .desc {
        color: var(--hy-color-text-muted);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font-size: var(--hy-font-size-sm);
      }
      h4 {
        font-size: var(--hy-font-size-sm);
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--hy-color-text-muted);
        margin: var(--hy-space-4) 0 var(--hy-space-2);
      }
      .params {
        list-style: none;
        margin: 0;
        padding: 0;
        font-size: var(--hy-font-size-sm);
      }
      .params li {
        padding: var(--hy-space-2) 0;
        border-top: 1px solid var(--hy-color-border);
      }
      .params .name {
        font-family: var(--hy-font-mono);
        font-weight: 600;
      }
      .params .in,
      .params .type {
        font-family: var(--hy-font-mono);
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-info);
        margin-left: var(--hy-space-2);
      }
      .params .in {
        color: var(--hy-color-text-muted);
      }
      .reqd {
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-danger);
        margin-left: var(--hy-space-2);
      }
      .responses details {
        border-top: 1px solid var(--hy-color-border);
        padding: var(--hy-space-2) 0;
      }
      .response {
        border-top: 1px solid var(--hy-color-border);
        padding: var(--hy-space-2) 0 var(--hy-space-2) 18px;
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
        font-size: var(--hy-font-size-sm);
      }
      .responses summary {
        cursor: pointer;
        min-height: 40px;
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
        align-items: center;
        font-size: var(--hy-font-size-sm);
      }
      .code {
        font-family: var(--hy-font-mono);
        font-weight: 700;
      }
      .code.ok {
        color: var(--hy-color-success);
      }
      .code.err {
        color: var(--hy-color-danger);
      }
      .media {
        font-family: var(--hy-font-mono);
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-text-muted);
      }
      hy-schema-view {
        margin: var(--hy-space-2) 0 0;
        padding: var(--hy-space-3);
        background: var(--hy-color-surface-alt);
        border-radius: var(--hy-radius);
        overflow-x: auto;
      }
      @media (max-width: 900px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
        .toc {
          position: static;
        }
        .toc ul {
          display: flex;
          flex-wrap: wrap;
          gap: var(--hy-space-1);
        }
      }
      @media (max-width: 640px) {
        .op {
          padding: var(--hy-space-4);
        }
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    setPageTitle(t('apiDocs.title'));
  }

  private tagLabel(tag: string): string {
    return tag === OTHER ? t('apiDocs.other') : tag;
  }

  /** In-page links: the targets live in this shadow root, so scroll to them ourselves. */
  private jump(e: Event, id: string) {
    e.preventDefault();
    const target = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    target?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    target?.focus({ preventScroll: true });
  }

  private renderParams(params: OpenApiParameter[]) {
    if (params.length === 0) return nothing;
    return html`<h4>${t('apiDocs.parameters')}</h4>
      <ul class="params">
        ${params.map(
          (p) =>
            html`<li>
              <span class="name">${p.name}</span><span class="in">${p.in}</span
              ><span class="type"
                >${p.schema?.type ?? ''}${p.schema?.enum ? `: ${p.schema.enum.join(' | ')}` : ''}</span
              >
              ${p.required ? html`<span class="reqd">${t('apiDocs.required')}</span>` : nothing}
              ${
                p.description || p.schema?.description
                  ? html`<div class="desc">${p.description ?? p.schema?.description}</div>`
                  : nothing
              }
            </li>`,
        )}
      </ul>`;
  }

  private renderOp(doc: OpenApiDocument, { method, path, op, params }: Op) {
    const components = doc.components?.schemas ?? {};
    const base = (doc.servers?.[0]?.url ?? '').replace(/\/$/, '');
    const body = op.requestBody;
    return html`<article class="op" data-testid="api-op" data-method=${method} data-path=${path}>
      <div class="sig">
        <span class="method ${method}">${method.toUpperCase()}</span>
        <span class="path">${base}${path}</span>
      </div>
      ${op.summary ? html`<p class="summary">${op.summary}</p>` : nothing}
      ${op.description ? html`<div class="desc">${op.description}</div>` : nothing}
      ${this.renderParams(params)}
      ${
        body
          ? html`<h4>${t('apiDocs.requestBody')}</h4>
              ${body.description ? html`<div class="desc">${body.description}</div>` : nothing}
              ${Object.entries(body.content ?? {}).map(
                ([media, m]) =>
                  html`<div class="media">${media}</div>
                    <hy-schema-view
                      .schema=${m.schema}
                      .components=${components}
                    ></hy-schema-view>`,
              )}`
          : nothing
      }
      ${
        op.responses
          ? html`<h4>${t('apiDocs.responses')}</h4>
              <div class="responses">
                ${Object.entries(op.responses).map(([code, r]) => {
                  const head = html`<span class="code ${code.startsWith('2') ? 'ok' : 'err'}"
                      >${code}</span
                    >
                    <span>${r.description ?? ''}</span>`;
                  const content = Object.entries(r.content ?? {});
                  // Success bodies are open from the start; error bodies share one shape, folded.
                  return content.length === 0
                    ? html`<div class="response">${head}</div>`
                    : html`<details ?open=${code.startsWith('2')}>
                        <summary>${head}</summary>
                        ${content.map(
                          ([media, m]) =>
                            html`<div class="media">${media}</div>
                              <hy-schema-view
                                .schema=${m.schema}
                                .components=${components}
                              ></hy-schema-view>`,
                        )}
                      </details>`;
                })}
              </div>`
          : nothing
      }
    </article>`;
  }

  private renderDoc(doc: OpenApiDocument) {
    const groups = groupOperations(doc);
    return html`<h1>${doc.info.title || t('apiDocs.title')}</h1>
      <p class="muted">
        ${t('apiDocs.version', { version: doc.info.version })} · OpenAPI ${doc.openapi} ·
        <a class="tap" href="/api/openapi.json" rel="external" data-testid="api-docs-raw"
          >/api/openapi.json</a
        >
      </p>
      ${doc.info.description ? html`<p class="desc">${doc.info.description}</p>` : nothing}
      <p>${t('apiDocs.intro', { url: '/api/openapi.json' })}</p>
      <div class="layout">
        <nav class="toc" aria-label=${t('apiDocs.contents')}>
          <ul>
            ${groups.map(
              (g) =>
                html`<li>
                  <a
                    href="#tag-${slugify(g.tag)}"
                    @click=${(e: Event) => this.jump(e, `tag-${slugify(g.tag)}`)}
                    >${this.tagLabel(g.tag)} (${g.ops.length})</a
                  >
                </li>`,
            )}
          </ul>
        </nav>
        <div>
          ${groups.map(
            (g) =>
              html`<section class="group" data-testid="api-group">
                <h2 id="tag-${slugify(g.tag)}" tabindex="-1">${this.tagLabel(g.tag)}</h2>
                ${g.description ? html`<p class="desc">${g.description}</p>` : nothing}
                ${g.ops.map((o) => this.renderOp(doc, o))}
              </section>`,
          )}
        </div>
      </div>`;
  }

  override render() {
    return this.doc.render({
      initial: () => html`<hy-loading></hy-loading>`,
      pending: () => html`<hy-loading></hy-loading>`,
      complete: (doc) => this.renderDoc(doc),
      error: (e) =>
        html`<h1>${t('apiDocs.title')}</h1>
          <hy-error-box .error=${e} retry @hy-retry=${() => this.doc.run()}></hy-error-box>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-api-docs': HyPageApiDocs;
  }
}
