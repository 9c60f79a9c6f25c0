import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { listRegions } from '../api/regions.ts';
import type { Region } from '../api/types.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

type Level = { items: Region[]; selected: string; locked: boolean };

const levelNames = ['province', 'city', 'county'] as const;

/**
 * Cascading province → city → county picker fed by GET /api/regions?parent=. `within` (a
 * division code prefix from the campaign's form) limits the choices and pre-selects the fixed
 * levels. The chosen code is read from `value`; hy-region-change fires when the user picks.
 */
@customElement('hy-region-picker')
export class HyRegionPicker extends HyElement {
  @property() within = '';
  @property({ type: Boolean }) required = false;
  @property({ type: Boolean }) disabled = false;
  /** An error to show under the picker (e.g. from the server's details.fields). */
  @property() error = '';
  @property() label = '';

  @state() private levels: Level[] = [];
  @state() private loading = false;
  @state() private loadError: unknown = null;

  /** Bumped by choose(): answers to loads started before it are ignored. */
  private generation = 0;

  static override styles = [
    shared,
    css`
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        min-width: 0;
      }
      legend {
        padding: 0;
        margin-bottom: var(--hy-space-1);
        font-weight: 600;
        font-size: var(--hy-font-size-sm);
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr));
        gap: var(--hy-space-3);
      }
      .grid .field {
        margin: 0;
      }
      .grid label {
        font-weight: 400;
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-text-muted);
      }
      @media (max-width: 640px) {
        .grid {
          grid-template-columns: 1fr;
          gap: var(--hy-space-2);
        }
      }
      .field-error {
        margin-top: var(--hy-space-1);
      }
    `,
  ];

  /** The deepest chosen division code, or null. */
  get value(): string | null {
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const sel = this.levels[i]!.selected;
      if (sel) return sel;
    }
    return null;
  }

  /** True when the chosen division has no subdivisions left to pick. */
  get complete(): boolean {
    const last = this.levels[this.levels.length - 1];
    if (!last?.selected) return false;
    const item = last.items.find((r) => r.code === last.selected);
    return !!item && !item.hasChildren;
  }

  /** The names of the chosen divisions, e.g. "河南省 许昌市" (empty when none is chosen). */
  get valueName(): string {
    return this.levels
      .map((l) => l.items.find((r) => r.code === l.selected)?.name ?? '')
      .filter(Boolean)
      .join(' ');
  }

  /**
   * Selects a division and its ancestors (e.g. the place of a leader the netizen starts from),
   * loading each level; the next level down is offered if there is one. Fires no event.
   */
  async choose(code: string): Promise<void> {
    const generation = ++this.generation;
    const path = [2, 4, 6].filter((n) => n <= code.length).map((n) => code.slice(0, n));
    const levels: Level[] = [];
    let parent = '';
    try {
      for (const selected of path) {
        const items = (await listRegions(parent)).filter((r) => this.allowed(r));
        if (!items.some((r) => r.code === selected)) break;
        const locked =
          items.length === 1 && !!this.within && this.within.startsWith(items[0]!.code);
        levels.push({ items, selected, locked });
        parent = selected;
      }
    } catch (e) {
      this.loadError = e;
      return;
    }
    if (generation !== this.generation || levels.length === 0) return;
    this.levels = levels;
    const last = levels[levels.length - 1]!;
    const item = last.items.find((r) => r.code === last.selected);
    if (item?.hasChildren && levels.length < levelNames.length)
      await this.loadLevel(levels.length, item.code);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.levels.length === 0) void this.loadLevel(0, '');
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('within') && changed.get('within') !== undefined) {
      this.levels = [];
      void this.loadLevel(0, '');
    }
  }

  private allowed(r: Region): boolean {
    const w = this.within;
    return !w || w.startsWith(r.code) || r.code.startsWith(w);
  }

  private async loadLevel(index: number, parent: string): Promise<void> {
    const generation = this.generation;
    this.loading = true;
    this.loadError = null;
    try {
      const items = (await listRegions(parent)).filter((r) => this.allowed(r));
      // Ignore an answer that arrived after the user changed an earlier level, or after choose().
      if (generation !== this.generation) return;
      if (index > 0 && this.levels[index - 1]?.selected !== parent) return;
      const forced = items.length === 1 && !!this.within && this.within.startsWith(items[0]!.code);
      const level: Level = { items, selected: forced ? items[0]!.code : '', locked: forced };
      this.levels = [...this.levels.slice(0, index), level];
      if (forced && items[0]!.hasChildren) await this.loadLevel(index + 1, items[0]!.code);
    } catch (e) {
      this.loadError = e;
    } finally {
      this.loading = false;
    }
  }

  private onSelect(index: number, code: string) {
    this.generation++;
    const levels = this.levels.slice(0, index + 1);
    levels[index] = { ...levels[index]!, selected: code };
    this.levels = levels;
    const item = levels[index]!.items.find((r) => r.code === code);
    if (item?.hasChildren) void this.loadLevel(index + 1, code);
    this.dispatchEvent(
      hyEvent('hy-region-change', { code: this.value, complete: !!item && !item.hasChildren }),
    );
  }

  override render() {
    const shown = Math.max(1, Math.min(3, this.levels.length + (this.loading ? 1 : 0)));
    return html`<fieldset data-testid="region-picker" ?disabled=${this.disabled}>
      <legend>
        ${this.label || t('submit.field.region')}${
          this.required ? html`<span class="req" aria-hidden="true">*</span>` : nothing
        }
      </legend>
      <div class="grid">
        ${levelNames.slice(0, shown).map((name, i) => {
          const level = this.levels[i];
          const id = `region-${name}`;
          return html`<div class="field">
            <label for=${id}>${t(`submit.region.${name}`)}</label>
            <select
              id=${id}
              data-testid=${id}
              aria-invalid=${this.error && !this.complete ? 'true' : 'false'}
              ?required=${this.required && i === 0}
              ?disabled=${this.disabled || !level || level.locked}
              @change=${(e: Event) => this.onSelect(i, (e.target as HTMLSelectElement).value)}
            >
              <option value="" ?selected=${!level?.selected}>
                ${level ? t('submit.region.choose') : t('common.loading')}
              </option>
              ${(level?.items ?? []).map(
                (r) =>
                  html`<option value=${r.code} ?selected=${r.code === level?.selected}>
                    ${r.name}
                  </option>`,
              )}
            </select>
          </div>`;
        })}
      </div>
      ${this.loading && this.levels.length === 0 ? html`<span class="hint">${t('common.loading')}</span>` : nothing}
      ${
        this.loadError
          ? html`<div class="field-error" role="alert">${errorMessage(this.loadError)}</div>`
          : nothing
      }
      ${
        this.error
          ? html`<div class="field-error" data-testid="error-regionCode">${this.error}</div>`
          : nothing
      }
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-region-picker': HyRegionPicker;
  }
}
