import { css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { isSoftNavigation, matchRoute, navigate, onNavigate, type Route } from '../lib/router.ts';
import { shared } from '../styles/shared.ts';
import './hy-header.ts';
import '../pages/hy-page-home.ts';
import '../pages/hy-page-campaign.ts';
import '../pages/hy-page-submit.ts';
import '../pages/hy-page-submission.ts';
import '../pages/hy-page-me.ts';
import '../pages/hy-page-login.ts';
import '../pages/hy-page-register.ts';
import '../pages/hy-page-not-found.ts';
import '../pages/hy-page-notifications.ts';
import '../pages/hy-page-search.ts';
import '../pages/hy-page-security.ts';
import { session } from '../lib/session.ts';

/** The application shell: header, the page for the current route, footer. */
@customElement('hy-app')
export class HyApp extends HyElement {
  @state() private route: Route = matchRoute(window.location.pathname);
  @state() private search = window.location.search;

  private offNavigate: (() => void) | undefined;

  static override styles = [
    shared,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 100vh;
      }
      .skip {
        position: absolute;
        left: var(--hy-space-3);
        top: -100px;
        z-index: 10;
        padding: var(--hy-space-2) var(--hy-space-4);
        background: var(--hy-color-surface);
        border-radius: var(--hy-radius);
        box-shadow: var(--hy-shadow-lg);
      }
      .skip:focus {
        top: var(--hy-space-3);
      }
      main {
        flex: 1;
        width: 100%;
        max-width: var(--hy-max-width);
        margin: 0 auto;
        padding: var(--hy-space-5) var(--hy-space-4) var(--hy-space-7);
      }
      main:focus {
        outline: none;
      }
      footer {
        border-top: 1px solid var(--hy-color-border);
        background: var(--hy-color-surface);
        color: var(--hy-color-text-muted);
        font-size: var(--hy-font-size-sm);
      }
      footer div {
        max-width: var(--hy-max-width);
        margin: 0 auto;
        padding: var(--hy-space-5) var(--hy-space-4);
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: var(--hy-space-2) var(--hy-space-5);
      }
      footer p {
        margin: 0;
      }
      footer a {
        color: var(--hy-color-text-muted);
      }
      @media (max-width: 640px) {
        main {
          padding: var(--hy-space-4) var(--hy-space-3) var(--hy-space-6);
        }
      }
    `,
  ];

  /** Staff whom the platform requires to use 2FA set it up before anything else. */
  private readonly sendToEnrol = () => {
    const user = session.user;
    if (
      user?.twoFactor.mustEnrol &&
      this.route.name !== 'security' &&
      this.route.name !== 'login'
    ) {
      navigate('/me/security', { replace: true });
    }
  };

  override updated(): void {
    this.sendToEnrol();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    session.addEventListener('change', this.sendToEnrol);
    this.offNavigate = onNavigate((event) => {
      this.route = matchRoute(window.location.pathname);
      this.search = window.location.search;
      // Back/forward: the browser restores the scroll position itself.
      if (event.type !== 'popstate') void this.updateComplete.then(() => this.afterNavigate());
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.offNavigate?.();
    session.removeEventListener('change', this.sendToEnrol);
  }

  /** After a route change: back to the top and focus on the content, as a page load would. */
  private afterNavigate() {
    if (isSoftNavigation()) return;
    if (!window.location.hash) window.scrollTo(0, 0);
    this.renderRoot.querySelector<HTMLElement>('main')?.focus({ preventScroll: true });
  }

  private skipToMain(e: Event) {
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  private renderPage() {
    const r = this.route;
    switch (r.name) {
      case 'home':
        return html`<hy-page-home .search=${this.search}></hy-page-home>`;
      case 'campaign':
        return html`<hy-page-campaign .slug=${r.slug} .search=${this.search}></hy-page-campaign>`;
      case 'submit':
        return html`<hy-page-submit .slug=${r.slug} .search=${this.search}></hy-page-submit>`;
      case 'submission':
        return html`<hy-page-submission .submissionId=${r.id}></hy-page-submission>`;
      case 'me':
        return html`<hy-page-me .search=${this.search}></hy-page-me>`;
      case 'security':
        return html`<hy-page-security></hy-page-security>`;
      case 'login':
        return html`<hy-page-login .search=${this.search}></hy-page-login>`;
      case 'register':
        return html`<hy-page-register .search=${this.search}></hy-page-register>`;
      case 'console':
        void import('../pages/hy-page-console.ts');
        return html`<hy-page-console .tab=${r.tab} .item=${r.item}></hy-page-console>`;
      case 'notifications':
        return html`<hy-page-notifications .search=${this.search}></hy-page-notifications>`;
      case 'search':
        return html`<hy-page-search .search=${this.search}></hy-page-search>`;
      case 'api-docs':
        void import('../pages/hy-page-api-docs.ts');
        return html`<hy-page-api-docs></hy-page-api-docs>`;
      case 'adopted':
        void import('../pages/hy-page-adopted.ts');
        return html`<hy-page-adopted .slug=${r.slug}></hy-page-adopted>`;
      case 'data':
        // Loaded on demand: its charts pull in ECharts, which no other public page needs.
        void import('../pages/hy-page-data.ts');
        return html`<hy-page-data .slug=${r.slug} .search=${this.search}></hy-page-data>`;
      case 'scorecards':
        void import('../pages/hy-page-scorecards.ts');
        return html`<hy-page-scorecards .search=${this.search}></hy-page-scorecards>`;
      case 'boards':
        void import('../pages/hy-page-boards.ts');
        return html`<hy-page-boards .search=${this.search}></hy-page-boards>`;
      case 'region-board':
        void import('../pages/hy-page-region-board.ts');
        return html`<hy-page-region-board
          .code=${r.code}
          .search=${this.search}
        ></hy-page-region-board>`;
      case 'addressee-board':
        void import('../pages/hy-page-addressee-board.ts');
        return html`<hy-page-addressee-board
          .key=${r.key}
          .search=${this.search}
        ></hy-page-addressee-board>`;
      case 'not-found':
        return html`<hy-page-not-found></hy-page-not-found>`;
    }
  }

  override render() {
    return html`<a class="skip" href="#main" @click=${this.skipToMain}>${t('nav.skip')}</a>
      <hy-header .route=${this.route}></hy-header>
      <main id="main" tabindex="-1">${this.renderPage()}</main>
      <footer>
        <div>
          <p>${t('footer.note')}</p>
          <p>${t('footer.privacy')}</p>
          <p>
            <a class="tap" href="/data" data-testid="footer-data">${t('nav.data')}</a>
            <a class="tap" href="/api-docs" data-testid="footer-api-docs">${t('nav.apiDocs')}</a>
          </p>
        </div>
      </footer>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-app': HyApp;
  }
}
