// Base class of every hy- element: re-renders on a locale change so t() and localText() follow.
import { LitElement } from 'lit';
import { LocaleController } from '../i18n/index.ts';

export class HyElement extends LitElement {
  protected readonly locale = new LocaleController(this);
}

/** Sets the document title as "<page> · 回音 Huiyin". */
export function setPageTitle(page?: string): void {
  document.title = page ? `${page} · 回音 Huiyin` : '回音 Huiyin';
}
