import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { listOrganisations } from '../api/organisations.ts';
import type { Organisation } from '../api/types.ts';
import { orgName, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

/** Depth of each organisation in the tree (the list comes parents first). */
function withDepth(items: Organisation[]): { org: Organisation; depth: number }[] {
  const depth = new Map<string, number>();
  return items.map((org) => {
    const d = org.parent ? (depth.get(org.parent) ?? 0) + 1 : 0;
    depth.set(org.code, d);
    return { org, depth: d };
  });
}

/**
 * A handling unit chosen from the organisation tree (GET /organisations), indented by level.
 * The platform itself is not offered. Fires hy-unit-change with the unit's code.
 */
@customElement('hy-unit-picker')
export class HyUnitPicker extends HyElement {
  @property() label = '';
  @property() value = '';
  /** A unit not to offer (the one holding the matter). */
  @property() exclude = '';
  @property({ type: Boolean }) required = false;
  @property() error = '';
  /** data-testid of the <select>. */
  @property() testid = 'unit-picker';

  private readonly orgs = new Task(this, {
    task: () => listOrganisations(),
    args: () => [] as const,
  });

  static override styles = [
    shared,
    css`
      .field {
        margin: 0;
      }
    `,
  ];

  private change(e: Event) {
    this.value = (e.target as HTMLSelectElement).value;
    this.dispatchEvent(hyEvent('hy-unit-change', { code: this.value }));
  }

  override render() {
    const items = withDepth(this.orgs.value ?? []).filter(
      ({ org }) => org.kind !== 'platform' && org.code !== this.exclude,
    );
    return html`<div class="field">
      <label for="unit"
        >${this.label}${
          this.required ? html`<span class="req" aria-hidden="true">*</span>` : nothing
        }</label
      >
      <select
        id="unit"
        data-testid=${this.testid}
        ?required=${this.required}
        aria-invalid=${this.error ? 'true' : 'false'}
        aria-describedby=${this.error ? 'unit-error' : nothing}
        @change=${this.change}
      >
        <option value="" ?selected=${this.value === ''}>
          ${this.orgs.value ? t('unitPicker.choose') : t('unitPicker.loading')}
        </option>
        ${items.map(
          ({ org, depth }) =>
            html`<option value=${org.code} ?selected=${this.value === org.code}>
              ${'\u3000'.repeat(Math.max(0, depth - 1))}${orgName({
                name: org.name,
                nameEn: org.nameEn ?? undefined,
              })}
            </option>`,
        )}
      </select>
      ${
        this.error
          ? html`<div class="field-error" id="unit-error" role="alert">${this.error}</div>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-unit-picker': HyUnitPicker;
  }
}
