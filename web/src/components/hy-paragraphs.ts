import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { HyElement } from '../lib/hy-element.ts';

/** Plain text split into paragraphs on line breaks; every paragraph is an escaped binding. */
@customElement('hy-paragraphs')
export class HyParagraphs extends HyElement {
  @property() text = '';

  static override styles = css`
    :host {
      display: block;
    }
    p {
      margin: 0 0 var(--hy-space-3);
      overflow-wrap: anywhere;
    }
    p:last-child {
      margin-bottom: 0;
    }
  `;

  override render() {
    const paragraphs = this.text
      .split(/\n\s*\n|\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    return html`${paragraphs.map((p) => html`<p>${p}</p>`)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-paragraphs': HyParagraphs;
  }
}
