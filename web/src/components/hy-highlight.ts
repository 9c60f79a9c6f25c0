import { css, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Highlighted } from '../api/types.ts';
import { HyElement } from '../lib/hy-element.ts';

/**
 * Text with highlighted ranges: the text is cut at the [start, end) offsets into plain text and
 * <mark> parts, all bound as text (never as HTML), so a citizen's markup stays inert.
 */
@customElement('hy-highlight')
export class HyHighlight extends HyElement {
  @property({ attribute: false }) value: Highlighted = { text: '', marks: [] };

  static override styles = css`
    :host {
      display: inline;
    }
    mark {
      background: var(--hy-color-warning-soft);
      color: inherit;
      font-weight: 700;
      border-radius: 2px;
      box-shadow: 0 -2px 0 var(--hy-color-warning) inset;
    }
  `;

  /** Cuts text into [plain, marked, plain, …] parts; overlapping or stray offsets are tidied. */
  static parts(value: Highlighted): { text: string; marked: boolean }[] {
    const text = value.text;
    // Offsets count UTF-16 code units (JavaScript string indices), as the server's do.
    const marks = [...value.marks]
      .map(([a, b]) => [
        Math.max(0, Math.min(a, text.length)),
        Math.max(0, Math.min(b, text.length)),
      ])
      .filter(([a, b]) => b! > a!)
      .sort((x, y) => x[0]! - y[0]!) as [number, number][];
    const out: { text: string; marked: boolean }[] = [];
    let at = 0;
    for (const [start, end] of marks) {
      if (end <= at) continue;
      const from = Math.max(start, at);
      if (from > at) out.push({ text: text.slice(at, from), marked: false });
      out.push({ text: text.slice(from, end), marked: true });
      at = end;
    }
    if (at < text.length) out.push({ text: text.slice(at), marked: false });
    return out;
  }

  override render(): TemplateResult {
    return html`${HyHighlight.parts(this.value).map((p) =>
      p.marked ? html`<mark>${p.text}</mark>` : html`${p.text}`,
    )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-highlight': HyHighlight;
  }
}
