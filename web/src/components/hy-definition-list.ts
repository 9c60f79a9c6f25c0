import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Definition } from '../api/scorecards.ts';
import { getLocale } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

/** 口径说明: the server's definitions of the figures shown, in the reader's language, folded. */
@customElement('hy-definition-list')
export class HyDefinitionList extends HyElement {
  /** The label and definition of each figure, in order; those without a definition are left out. */
  @property({ attribute: false }) items: { label: string; definition: Definition | undefined }[] =
    [];
  @property() summary = '';
  @property({ type: Boolean }) open = false;

  static override styles = [
    shared,
    css`
      details {
        font-size: var(--hy-font-size-sm);
      }
      summary {
        cursor: pointer;
        min-height: var(--hy-tap);
        display: flex;
        align-items: center;
        color: var(--hy-color-accent-strong);
      }
      dl {
        margin: var(--hy-space-2) 0 0;
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: var(--hy-space-1) var(--hy-space-3);
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        color: var(--hy-color-text-muted);
      }
      @media (max-width: 640px) {
        dl {
          grid-template-columns: 1fr;
        }
        dd {
          margin-bottom: var(--hy-space-2);
        }
      }
    `,
  ];

  override render() {
    const defined = this.items.filter((i) => i.definition);
    if (defined.length === 0) return nothing;
    const en = getLocale() === 'en';
    return html`<details ?open=${this.open} data-testid="definitions">
      <summary>${this.summary}</summary>
      <dl>
        ${defined.map(
          (i) =>
            html`<dt>${i.label}</dt>
              <dd>${en ? i.definition!.en : i.definition!.zh}</dd>`,
        )}
      </dl>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-definition-list': HyDefinitionList;
  }
}
