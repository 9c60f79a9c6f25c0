import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { JsonSchema } from '../api/openapi.ts';
import { t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

const MAX_DEPTH = 6;

function refName(ref: string): string {
  return ref.split('/').pop() ?? ref;
}

/** A JSON Schema (OpenAPI 3.1 flavour) as a readable nested list of fields. */
@customElement('hy-schema-view')
export class HySchemaView extends HyElement {
  @property({ attribute: false }) schema: JsonSchema | undefined;
  /** components.schemas of the document, to follow $ref. */
  @property({ attribute: false }) components: Record<string, JsonSchema> = {};

  static override styles = [
    shared,
    css`
      :host {
        font-size: var(--hy-font-size-sm);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0 0 0 var(--hy-space-4);
        border-left: 2px solid var(--hy-color-border);
      }
      :host > ul,
      .root > ul {
        padding-left: 0;
        border-left: 0;
      }
      li {
        padding: var(--hy-space-1) 0;
      }
      .name {
        font-family: var(--hy-font-mono);
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .type {
        font-family: var(--hy-font-mono);
        color: var(--hy-color-info);
        overflow-wrap: anywhere;
      }
      .req {
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-danger);
        margin-left: var(--hy-space-1);
      }
      .desc {
        color: var(--hy-color-text-muted);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .enum {
        font-family: var(--hy-font-mono);
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-text-muted);
        overflow-wrap: anywhere;
      }
    `,
  ];

  private resolve(
    s: JsonSchema,
    seen: string[],
  ): { schema: JsonSchema; name?: string; cyclic: boolean } {
    if (!s.$ref) return { schema: s, cyclic: false };
    const name = refName(s.$ref);
    if (seen.includes(name)) return { schema: {}, name, cyclic: true };
    const target = this.components[name];
    return {
      schema: target ? { ...target, ...{ description: s.description ?? target.description } } : {},
      name,
      cyclic: false,
    };
  }

  /** A one-line type, e.g. "string (date-time)", "array<Submission>", "'a' | 'b'". */
  private typeText(s: JsonSchema, seen: string[]): string {
    if (s.$ref) return refName(s.$ref);
    if (s.const !== undefined) return JSON.stringify(s.const);
    if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
    const union = s.anyOf ?? s.oneOf;
    if (union) return union.map((u) => this.typeText(u, seen)).join(' | ');
    if (s.allOf) return s.allOf.map((u) => this.typeText(u, seen)).join(' & ');
    const type = Array.isArray(s.type) ? s.type.join(' | ') : s.type;
    if (type === 'array' && s.items) return `array<${this.typeText(s.items, seen)}>`;
    let out = type ?? 'any';
    if (s.format) out += ` (${s.format})`;
    if (s.nullable) out += ' | null';
    return out;
  }

  private constraints(s: JsonSchema): string {
    const parts: string[] = [];
    if (s.minLength !== undefined) parts.push(`minLength ${s.minLength}`);
    if (s.maxLength !== undefined) parts.push(`maxLength ${s.maxLength}`);
    if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
    if (s.maximum !== undefined) parts.push(`≤ ${s.maximum}`);
    if (s.minItems !== undefined) parts.push(`minItems ${s.minItems}`);
    if (s.maxItems !== undefined) parts.push(`maxItems ${s.maxItems}`);
    if (s.pattern) parts.push(`pattern ${s.pattern}`);
    if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
    return parts.join(' · ');
  }

  /** The nested fields of a schema (object properties, array items, union members). */
  private renderChildren(
    s: JsonSchema,
    seen: string[],
    depth: number,
  ): TemplateResult | typeof nothing {
    if (depth > MAX_DEPTH) return nothing;
    const { schema, name, cyclic } = this.resolve(s, seen);
    if (cyclic) return nothing;
    const nextSeen = name ? [...seen, name] : seen;
    if (schema.properties) {
      const required = new Set(schema.required ?? []);
      return html`<ul>
        ${Object.entries(schema.properties).map(([prop, ps]) => this.row(prop, ps, required.has(prop), nextSeen, depth + 1))}
      </ul>`;
    }
    if (schema.items) return this.renderChildren(schema.items, nextSeen, depth + 1);
    const union = schema.anyOf ?? schema.oneOf ?? schema.allOf;
    if (union) {
      const objects = union.filter((u) => u.$ref || u.properties || u.items);
      if (objects.length === 0) return nothing;
      return html`${objects.map((u) => this.renderChildren(u, nextSeen, depth + 1))}`;
    }
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      return html`<ul>
        ${this.row('[key]', schema.additionalProperties, false, nextSeen, depth + 1)}
      </ul>`;
    }
    return nothing;
  }

  private row(name: string, s: JsonSchema, required: boolean, seen: string[], depth: number) {
    const resolved = this.resolve(s, seen).schema;
    const desc = s.description ?? resolved.description;
    const constraints = this.constraints(resolved);
    return html`<li>
      <span class="name">${name}</span>
      <span class="type">${this.typeText(s, seen)}</span>
      ${required ? html`<span class="req">${t('apiDocs.required')}</span>` : nothing}
      ${desc ? html`<div class="desc">${desc}</div>` : nothing}
      ${constraints ? html`<div class="enum">${constraints}</div>` : nothing}
      ${this.renderChildren(s, seen, depth)}
    </li>`;
  }

  override render() {
    const s = this.schema;
    if (!s) return html`<span class="muted">${t('apiDocs.noSchema')}</span>`;
    const resolved = this.resolve(s, []).schema;
    return html`<div class="root">
      <div><span class="type">${this.typeText(s, [])}</span></div>
      ${resolved.description ? html`<div class="desc">${resolved.description}</div>` : nothing}
      ${this.renderChildren(s, [], 0)}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-schema-view': HySchemaView;
  }
}
