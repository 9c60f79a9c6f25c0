import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { getLocale, setLocale, t, type Locale } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { navigate, type Route } from '../lib/router.ts';
import { hasConsole, session, SessionController } from '../lib/session.ts';
import { shared } from '../styles/shared.ts';
import './hy-notification-bell.ts';

/**
 * Site header: logo, navigation, the notification bell and the signed-in user with sign-out,
 * language switch.
 */
@customElement('hy-header')
export class HyHeader extends HyElement {
  @property({ attribute: false }) route: Route = { name: 'home' };

  private readonly session = new SessionController(this);

  static override styles = [
    shared,
    css`
      header {
        background: var(--hy-color-surface);
        border-bottom: 3px solid var(--hy-color-accent);
      }
      .bar {
        max-width: var(--hy-max-width);
        margin: 0 auto;
        padding: var(--hy-space-2) var(--hy-space-4);
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--hy-space-2) var(--hy-space-5);
      }
      .logo {
        display: inline-flex;
        align-items: center;
        gap: var(--hy-space-2);
        min-height: var(--hy-tap);
        text-decoration: none;
        color: var(--hy-color-text);
      }
      .mark {
        display: inline-grid;
        place-items: center;
        width: 34px;
        height: 34px;
        border-radius: 8px;
        background: var(--hy-color-accent);
        color: var(--hy-color-on-accent);
        font-weight: 700;
        font-size: 18px;
      }
      .logo-text {
        font-size: 20px;
        font-weight: 700;
        letter-spacing: 0.04em;
        color: var(--hy-color-accent);
      }
      .logo-text small {
        font-size: 15px;
        font-weight: 600;
        letter-spacing: 0;
        color: var(--hy-color-text-muted);
        margin-left: 6px;
      }
      nav {
        flex: 1;
        min-width: 0;
      }
      nav ul {
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-1);
        margin: 0;
        padding: 0;
      }
      nav a {
        display: inline-flex;
        align-items: center;
        min-height: var(--hy-tap);
        padding: 0 var(--hy-space-3);
        border-radius: var(--hy-radius);
        color: var(--hy-color-text);
        text-decoration: none;
        font-weight: 500;
      }
      nav a:hover {
        background: var(--hy-color-accent-soft);
        color: var(--hy-color-accent-strong);
      }
      nav a[aria-current='page'] {
        color: var(--hy-color-accent);
        box-shadow: inset 0 -3px 0 var(--hy-color-accent);
        border-radius: var(--hy-radius) var(--hy-radius) 0 0;
      }
      .side {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--hy-space-2) var(--hy-space-3);
      }
      .user {
        display: inline-flex;
        align-items: center;
        gap: var(--hy-space-2);
        font-size: var(--hy-font-size-sm);
        max-width: 14em;
      }
      .user-name {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        font-weight: 600;
      }
      .lang {
        display: inline-flex;
        border: 1px solid var(--hy-color-border-strong);
        border-radius: var(--hy-radius);
        overflow: hidden;
      }
      .lang button {
        min-height: 40px;
        min-width: 44px;
        padding: 0 var(--hy-space-3);
        border: 0;
        background: var(--hy-color-surface);
        color: var(--hy-color-text);
        font: inherit;
        font-size: var(--hy-font-size-sm);
        cursor: pointer;
      }
      .lang button + button {
        border-left: 1px solid var(--hy-color-border-strong);
      }
      .lang button[aria-pressed='true'] {
        background: var(--hy-color-accent);
        color: var(--hy-color-on-accent);
        font-weight: 600;
      }
      .logo-text {
        white-space: nowrap;
      }
      form.search {
        display: flex;
        align-items: center;
      }
      form.search input {
        width: 8em;
        min-height: 40px;
        padding: 0 var(--hy-space-3);
        border-radius: var(--hy-radius) 0 0 var(--hy-radius);
        border-right: 0;
      }
      form.search button {
        display: inline-grid;
        place-items: center;
        min-height: 40px;
        min-width: 44px;
        border: 1px solid var(--hy-color-border-strong);
        border-radius: 0 var(--hy-radius) var(--hy-radius) 0;
        background: var(--hy-color-surface-alt);
        color: var(--hy-color-text);
        cursor: pointer;
      }
      form.search button:hover {
        background: var(--hy-color-accent-soft);
        color: var(--hy-color-accent-strong);
      }
      li.phone-only,
      nav .short {
        display: none;
      }
      @media (max-width: 720px) {
        form.search {
          display: none;
        }
        li.phone-only {
          display: list-item;
        }
        /* A phone says 留言榜 for 领导留言榜, so the links still fit on one row. */
        nav .long {
          display: none;
        }
        nav .short {
          display: inline;
        }
        /*
         * Phone: logo and language on the first row, the navigation across the whole second (at
         * 375 px six Chinese links fit only there), the signed-in user on a third.
         */
        .bar {
          display: grid;
          grid-template-columns: minmax(0, 1fr) auto auto;
          grid-template-areas: 'logo bell lang' 'nav nav nav' 'user user user';
          gap: 0 var(--hy-space-2);
          padding: var(--hy-space-1) var(--hy-space-3) 0;
        }
        .logo {
          grid-area: logo;
        }
        .side {
          display: contents;
        }
        .lang {
          grid-area: lang;
          align-self: center;
        }
        nav {
          grid-area: nav;
          min-width: 0;
        }
        nav ul {
          /* Longer (English) labels take a second row rather than hide off screen. */
          flex-wrap: wrap;
          gap: 0;
        }
        nav a {
          padding: 0 var(--hy-space-2);
          white-space: nowrap;
        }
        .user {
          grid-area: user;
          justify-self: end;
          max-width: 100%;
          gap: 0;
          padding-bottom: var(--hy-space-1);
        }
        .bell {
          grid-area: bell;
        }
        .logo-text small {
          display: none;
        }
      }
    `,
  ];

  private link(href: string, label: string, active: boolean, testid: string) {
    return html`<li>
      <a href=${href} aria-current=${active ? 'page' : nothing} data-testid=${testid}>${label}</a>
    </li>`;
  }

  private async logout() {
    // Leave the page first: pages for signed-in users would otherwise send us to /login.
    navigate('/');
    await session.logout().catch(() => undefined);
  }

  private search(e: Event) {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement;
    const q = input.value.trim();
    navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
    input.value = '';
  }

  private setLang(locale: Locale) {
    setLocale(locale);
  }

  override render() {
    const user = this.session.user;
    const r = this.route.name;
    const locale = getLocale();
    return html`<header>
      <div class="bar">
        <a class="logo" href="/" aria-label=${t('app.home')} data-testid="logo">
          <span class="mark" aria-hidden="true">回</span>
          <span class="logo-text" aria-hidden="true">回音<small>Huiyin</small></span>
        </a>
        <nav aria-label=${t('nav.main')}>
          <ul>
            ${this.link('/', t('nav.home'), r === 'home' || r === 'campaign', 'nav-home')}
            <li class="phone-only">
              <a
                href="/search"
                aria-current=${r === 'search' ? 'page' : nothing}
                data-testid="nav-search"
                >${t('nav.search')}</a
              >
            </li>
            <li>
              <a
                href="/boards"
                aria-current=${
                  r === 'boards' || r === 'region-board' || r === 'addressee-board'
                    ? 'page'
                    : nothing
                }
                data-testid="nav-boards"
                ><span class="long">${t('nav.boards')}</span
                ><span class="short">${t('nav.boardsShort')}</span></a
              >
            </li>
            ${this.link('/adopted', t('adopted.nav'), r === 'adopted', 'nav-adopted')}
            ${user ? this.link('/me', t('nav.me'), r === 'me', 'nav-me') : nothing}
            ${
              hasConsole(user)
                ? this.link('/console', t('nav.console'), r === 'console', 'nav-console')
                : nothing
            }
            ${
              user === null
                ? html`${this.link(
                    `/login`,
                    t('nav.login'),
                    r === 'login',
                    'nav-login',
                  )}${this.link('/register', t('nav.register'), r === 'register', 'nav-register')}`
                : nothing
            }
          </ul>
        </nav>
        <div class="side">
          ${
            r === 'search'
              ? nothing
              : html`<form
                  class="search"
                  role="search"
                  data-testid="header-search"
                  @submit=${this.search}
                >
                  <label class="visually-hidden" for="header-q">${t('search.label')}</label>
                  <input
                    id="header-q"
                    name="q"
                    type="search"
                    maxlength="200"
                    autocomplete="off"
                    enterkeyhint="search"
                    placeholder=${t('nav.search')}
                    data-testid="header-search-input"
                  />
                  <button type="submit" data-testid="header-search-submit">
                    <svg
                      width="18"
                      height="18"
                      viewBox="0 0 24 24"
                      aria-hidden="true"
                      focusable="false"
                    >
                      <path
                        fill="currentColor"
                        d="M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14z"
                      />
                    </svg>
                    <span class="visually-hidden">${t('search.submit')}</span>
                  </button>
                </form>`
          }
          ${
            user
              ? html`<hy-notification-bell
                    class="bell"
                    ?active=${r === 'notifications'}
                  ></hy-notification-bell>
                  <span class="user">
                    <span class="visually-hidden">${t('nav.user')}</span>
                    <span class="user-name" data-testid="header-user" title=${user.displayName}
                      >${user.displayName}</span
                    >
                    <button
                      class="btn small ghost"
                      type="button"
                      data-testid="logout"
                      @click=${this.logout}
                    >
                      ${t('nav.logout')}
                    </button>
                  </span>`
              : nothing
          }
          <div class="lang" role="group" aria-label=${t('lang.switch')}>
            <button
              type="button"
              lang="zh-CN"
              aria-pressed=${locale === 'zh-CN' ? 'true' : 'false'}
              data-testid="lang-zh"
              @click=${() => this.setLang('zh-CN')}
            >
              中文
            </button>
            <button
              type="button"
              lang="en"
              aria-pressed=${locale === 'en' ? 'true' : 'false'}
              data-testid="lang-en"
              @click=${() => this.setLang('en')}
            >
              English
            </button>
          </div>
        </div>
      </div>
    </header>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-header': HyHeader;
  }
}
