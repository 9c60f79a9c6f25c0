import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { listAddressees, type Addressee } from '../api/boards.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { addresseeName, addresseeUnit, holdsPlace } from '../lib/addressee-text.ts';
import { hyEvent } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

type Group = { code: string; place: string; items: Addressee[] };

/**
 * Whom a message is written to: the leaders whose jurisdiction holds the chosen place (those of
 * the place and of each division above it, nearest first), a search over all of them, and "no
 * one in particular" when the form does not require one. Fires hy-addressee-change when the user
 * chooses; the page owns `value`.
 */
@customElement('hy-addressee-picker')
export class HyAddresseePicker extends HyElement {
  /** The chosen place (division code), or null. */
  @property() region: string | null = null;
  /** The campaign's regions (a division code prefix): leaders outside are not offered. */
  @property() within = '';
  @property({ type: Boolean }) required = false;
  @property({ attribute: false }) value: Addressee | null = null;
  /** An error to show under the list (the page's or the server's). */
  @property() error = '';

  @state() private query = '';
  @state() private searched = '';

  private readonly leaders = new Task(this, {
    task: async ([region, within], { signal }): Promise<Group[]> => {
      if (!region) return [];
      const codes = [6, 4, 2]
        .filter((n) => n <= region.length)
        .map((n) => region.slice(0, n))
        .filter((code) => code.startsWith(within));
      const lists = await Promise.all(
        codes.map((code) => listAddressees({ region: code }, signal)),
      );
      return codes
        .map((code, i) => ({
          code,
          place: lists[i]![0]?.region?.name ?? code,
          items: lists[i]!,
        }))
        .filter((g) => g.items.length > 0);
    },
    args: () => [this.region, this.within] as const,
  });

  private readonly results = new Task(this, {
    task: async ([q, within], { signal }): Promise<Addressee[] | null> => {
      if (!q) return null;
      const items = await listAddressees({ q }, signal);
      return items.filter((a) => (a.region?.code ?? '').startsWith(within));
    },
    args: () => [this.searched, this.within] as const,
  });

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
      h3 {
        font-size: var(--hy-font-size-sm);
        font-weight: 600;
        color: var(--hy-color-text-muted);
        margin: var(--hy-space-3) 0 var(--hy-space-2);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
        gap: var(--hy-space-2);
      }
      label.choice {
        display: flex;
        align-items: flex-start;
        gap: var(--hy-space-2);
        min-height: var(--hy-tap);
        padding: var(--hy-space-2) var(--hy-space-3);
        border: 1px solid var(--hy-color-border-strong);
        border-radius: var(--hy-radius);
        background: var(--hy-color-surface);
        cursor: pointer;
      }
      label.choice:has(input:checked) {
        border-color: var(--hy-color-accent);
        background: var(--hy-color-accent-soft);
        box-shadow: inset 0 0 0 1px var(--hy-color-accent);
      }
      label.choice:has(input:disabled) {
        cursor: not-allowed;
        opacity: 0.65;
      }
      label.choice input {
        margin-top: 0.3em;
        flex: none;
      }
      .who {
        display: flex;
        flex-direction: column;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .who strong {
        font-weight: 600;
      }
      .who span {
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-text-muted);
      }
      .none {
        margin-top: var(--hy-space-3);
      }
      .search {
        margin-top: var(--hy-space-4);
      }
      p.hint {
        margin: 0 0 var(--hy-space-2);
        line-height: 1.5;
      }
      .search > label {
        display: block;
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-text-muted);
        margin-bottom: var(--hy-space-1);
      }
      .search .row {
        display: flex;
        gap: var(--hy-space-2);
      }
      .search input {
        flex: 1;
        min-width: 0;
      }
      .field-error {
        margin-top: var(--hy-space-2);
      }
    `,
  ];

  private choose(addressee: Addressee | null) {
    this.dispatchEvent(hyEvent('hy-addressee-change', { addressee }));
  }

  private search() {
    this.searched = this.query.trim();
  }

  /** One choice; `showPlace` for lists not already headed by the place (search results). */
  private option(a: Addressee, name: string, testid: string, showPlace = false) {
    const holds = holdsPlace(a, this.region);
    const unit = addresseeUnit(a);
    return html`<li>
      <label class="choice">
        <input
          type="radio"
          name=${name}
          value=${a.key}
          data-testid=${testid}
          .checked=${this.value?.key === a.key}
          ?disabled=${!holds}
          @change=${() => this.choose(a)}
        />
        <span class="who">
          <strong>${addresseeName(a)}</strong>
          ${showPlace && a.region ? html`<span>${a.region.name}</span>` : nothing}
          ${unit ? html`<span>${t('addressee.unit', { unit })}</span>` : nothing}
          ${holds ? nothing : html`<span>${t('addressee.notHere')}</span>`}
        </span>
      </label>
    </li>`;
  }

  /** Leaders who can take a message about the chosen place before those who cannot. */
  private holdingFirst(items: Addressee[]): Addressee[] {
    const holds = (a: Addressee) => holdsPlace(a, this.region);
    return [...items.filter(holds), ...items.filter((a) => !holds(a))];
  }

  private renderGroups() {
    if (!this.region) return html`<p class="hint">${t('addressee.pickRegionFirst')}</p>`;
    return this.leaders.render({
      pending: () => html`<p class="hint">${t('common.loading')}</p>`,
      complete: (groups) =>
        groups.length === 0
          ? html`<p class="hint" data-testid="addressee-no-leaders">${t('addressee.noLeaders')}</p>`
          : groups.map(
              (g) =>
                html`<h3>${t('addressee.of', { place: g.place })}</h3>
                  <ul data-testid="addressee-group" data-region=${g.code}>
                    ${g.items.map((a) => this.option(a, 'addressee', `addressee-option-${a.key}`))}
                  </ul>`,
            ),
      error: (e) => html`<div class="field-error" role="alert">${errorMessage(e)}</div>`,
    });
  }

  private renderResults() {
    return this.results.render({
      pending: () => html`<p class="hint">${t('common.loading')}</p>`,
      complete: (items) =>
        items === null
          ? nothing
          : items.length === 0
            ? html`<p class="hint" data-testid="addressee-search-none">
                ${t('addressee.searchNone')}
              </p>`
            : html`<h3>${t('addressee.searchResults')}</h3>
                <ul data-testid="addressee-results">
                  ${this.holdingFirst(items).map((a) =>
                    this.option(a, 'addressee-result', `addressee-result-${a.key}`, true),
                  )}
                </ul>`,
      error: (e) => html`<div class="field-error" role="alert">${errorMessage(e)}</div>`,
    });
  }

  /** The chosen leader when no list on screen shows it (e.g. from a link, before the place). */
  private renderChosen() {
    const v = this.value;
    if (!v) return nothing;
    const shown = [
      ...(this.leaders.value ?? []).flatMap((g) => g.items),
      ...(this.results.value ?? []),
    ].some((a) => a.key === v.key);
    if (shown) return nothing;
    return html`<ul data-testid="addressee-chosen">
      ${this.option(v, 'addressee', `addressee-option-${v.key}`, true)}
    </ul>`;
  }

  override render() {
    return html`<fieldset data-testid="addressee-picker">
      <legend>
        ${t('addressee.field')}${
          this.required ? html`<span class="req" aria-hidden="true">*</span>` : nothing
        }
      </legend>
      <p class="hint">${t('addressee.hint')}</p>
      ${this.renderChosen()} ${this.renderGroups()}
      ${
        this.required
          ? nothing
          : html`<ul class="none">
              <li>
                <label class="choice">
                  <input
                    type="radio"
                    name="addressee"
                    value=""
                    data-testid="addressee-none"
                    .checked=${!this.value}
                    @change=${() => this.choose(null)}
                  />
                  <span class="who">
                    <strong>${t('addressee.none')}</strong>
                    <span>${t('addressee.noneHint')}</span>
                  </span>
                </label>
              </li>
            </ul>`
      }
      <div class="search">
        <label for="addressee-q">${t('addressee.search')}</label>
        <div class="row">
          <input
            id="addressee-q"
            type="search"
            maxlength="50"
            autocomplete="off"
            enterkeyhint="search"
            placeholder=${t('addressee.searchPlaceholder')}
            data-testid="addressee-search"
            .value=${this.query}
            @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => {
              // Enter searches here; it must not send the whole form.
              if (e.key === 'Enter') {
                e.preventDefault();
                this.search();
              }
            }}
          />
          <button
            class="btn"
            type="button"
            data-testid="addressee-search-send"
            @click=${() => this.search()}
          >
            ${t('addressee.searchSend')}
          </button>
        </div>
        ${this.renderResults()}
      </div>
      ${
        this.error
          ? html`<div class="field-error" id="err-addressee" data-testid="error-addressee">
              ${this.error}
            </div>`
          : nothing
      }
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-addressee-picker': HyAddresseePicker;
  }
}
