import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { User } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { consoleTabs, navigate, redirectToLogin, type ConsoleTab } from '../lib/router.ts';
import { hasConsole, hasRole, SessionController } from '../lib/session.ts';
import { shared } from '../styles/shared.ts';
import '../components/hy-board-alarms.ts';
import '../components/hy-classifier-panel.ts';
import '../components/hy-collective-reply.ts';
import '../components/hy-console-campaigns.ts';
import '../components/hy-extension-queue.ts';
import '../components/hy-handling-inbox.ts';
import '../components/hy-loading.ts';
import '../components/hy-moderation-queue.ts';
import '../components/hy-office-inbox.ts';
import '../components/hy-reply-review-queue.ts';
import '../components/hy-supervision.ts';
import '../components/hy-cluster-curation.ts';
import '../components/hy-tracing-console.ts';
import '../components/hy-triage-queue.ts';
import '../components/hy-unit-month.ts';
import '../components/hy-report-queue.ts';
import '../components/hy-support-flags.ts';
import '../components/hy-security-settings.ts';

/** Which roles open each tab (the handling API checks the same on every request). */
const tabRoles: Record<ConsoleTab, User['roles'][number]['role'][]> = {
  office: ['office'],
  inbox: ['handler'],
  monthly: ['handler', 'admin'],
  moderation: ['reviewer', 'admin'],
  reviews: ['reviewer', 'admin'],
  triage: ['reviewer', 'admin'],
  extensions: ['reviewer', 'admin'],
  campaigns: ['owner', 'admin'],
  collective: ['owner', 'admin'],
  supervision: ['reviewer', 'owner', 'admin'],
  alarms: ['reviewer', 'owner', 'admin'],
  classifier: ['reviewer', 'owner', 'admin'],
  clusters: ['editor', 'owner', 'admin'],
  adoption: ['editor', 'owner', 'admin'],
  reports: ['reviewer', 'admin'],
  bursts: ['reviewer', 'admin'],
  security: ['admin'],
  dashboard: ['owner', 'admin'],
};

/** Which console tabs a user's roles open, in display order. */
function tabsFor(user: User | null | undefined): ConsoleTab[] {
  return consoleTabs.filter((tab) => hasRole(user, ...tabRoles[tab]));
}

/** The staff console: a tab per task the signed-in user's roles allow. */
@customElement('hy-page-console')
export class HyPageConsole extends HyElement {
  @property() tab: ConsoleTab | null = null;
  @property() item: string | null = null;

  private readonly session = new SessionController(this);

  static override styles = [
    shared,
    css`
      .tabs {
        position: relative;
        display: flex;
        gap: var(--hy-space-1);
        border-bottom: 1px solid var(--hy-color-border);
        margin-bottom: var(--hy-space-5);
        overflow-x: auto;
      }
      .tabs a {
        display: inline-flex;
        align-items: center;
        min-height: var(--hy-tap);
        padding: 0 var(--hy-space-4);
        color: var(--hy-color-text-muted);
        text-decoration: none;
        font-weight: 600;
        border-bottom: 3px solid transparent;
        margin-bottom: -1px;
        white-space: nowrap;
      }
      .tabs a[aria-current='page'] {
        color: var(--hy-color-accent);
        border-bottom-color: var(--hy-color-accent);
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    setPageTitle(t('console.title'));
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const user = this.session.user;
    if (user === null) {
      redirectToLogin();
      return;
    }
    const tabs = tabsFor(user);
    if (user && this.tab === null && tabs[0]) navigate(`/console/${tabs[0]}`, { replace: true });
    this.revealTab();
  }

  /** On a phone the tab row scrolls sideways: keep the current tab in view. */
  private revealTab() {
    const nav = this.renderRoot.querySelector<HTMLElement>('.tabs');
    const current = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !current || nav.scrollWidth <= nav.clientWidth) return;
    nav.scrollLeft = current.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
  }

  override render() {
    const user = this.session.user;
    if (user === undefined || user === null) return html`<hy-loading></hy-loading>`;
    if (!hasConsole(user)) {
      return html`<div class="notice warning" data-testid="console-forbidden">
        ${t('console.forbidden')}
      </div>`;
    }
    const tabs = tabsFor(user);
    const tab = this.tab && tabs.includes(this.tab) ? this.tab : null;
    return html`<h1>${t('console.title')}</h1>
      ${
        tabs.length === 0
          ? html`<div class="notice info" data-testid="console-no-tabs">
              ${t('console.noTabs')}
            </div>`
          : html`<nav class="tabs" aria-label=${t('console.tabs')}>
              ${tabs.map(
                (k) =>
                  html`<a
                    href="/console/${k}"
                    aria-current=${tab === k ? 'page' : nothing}
                    data-testid="console-tab-${k}"
                    >${t(`console.tab.${k}`)}</a
                  >`,
              )}
            </nav>`
      }
      ${
        this.tab && !tab && tabs.length > 0
          ? html`<div class="notice warning" data-testid="console-forbidden">
              ${t('error.forbidden')}
            </div>`
          : nothing
      }
      ${this.renderTab(tab)}`;
  }

  private renderTab(tab: ConsoleTab | null) {
    switch (tab) {
      case 'office':
        return html`<hy-office-inbox></hy-office-inbox>`;
      case 'inbox':
        return html`<hy-handling-inbox></hy-handling-inbox>`;
      case 'monthly':
        return html`<hy-unit-month></hy-unit-month>`;
      case 'moderation':
        return html`<hy-moderation-queue></hy-moderation-queue>`;
      case 'reviews':
        return html`<hy-reply-review-queue></hy-reply-review-queue>`;
      case 'triage':
        return html`<hy-triage-queue></hy-triage-queue>`;
      case 'extensions':
        return html`<hy-extension-queue></hy-extension-queue>`;
      case 'campaigns':
        return html`<hy-console-campaigns .item=${this.item}></hy-console-campaigns>`;
      case 'collective':
        return html`<hy-collective-reply></hy-collective-reply>`;
      case 'supervision':
        return html`<hy-supervision></hy-supervision>`;
      case 'alarms':
        return html`<hy-board-alarms></hy-board-alarms>`;
      case 'classifier':
        return html`<hy-classifier-panel></hy-classifier-panel>`;
      case 'clusters':
        return html`<hy-cluster-curation></hy-cluster-curation>`;
      case 'adoption':
        return html`<hy-tracing-console .item=${this.item}></hy-tracing-console>`;
      case 'reports':
        return html`<hy-report-queue></hy-report-queue>`;
      case 'bursts':
        return html`<hy-support-flags></hy-support-flags>`;
      case 'security':
        return html`<hy-security-settings></hy-security-settings>`;
      case 'dashboard':
        void import('../components/hy-console-dashboard.ts');
        return html`<hy-console-dashboard></hy-console-dashboard>`;
      default:
        return nothing;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-console': HyPageConsole;
  }
}
