import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { t } from '../i18n/index.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

/** Any path the router does not know. */
@customElement('hy-page-not-found')
export class HyPageNotFound extends HyElement {
  static override styles = shared;

  override connectedCallback(): void {
    super.connectedCallback();
    setPageTitle(t('notFound.title'));
  }

  override render() {
    return html`<div class="card empty" data-testid="not-found">
      <h1>${t('notFound.title')}</h1>
      <p>${t('notFound.body')}</p>
      <a class="btn primary" href="/">${t('common.backHome')}</a>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-not-found': HyPageNotFound;
  }
}
