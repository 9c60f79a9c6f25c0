import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { User } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { navigate, redirectToLogin, type ConsoleTab } from '../lib/router.ts';
import { hasRole, isStaff, SessionController } from '../lib/session.ts';
import { shared } from '../styles/shared.ts';
import '../components/hy-console-campaigns.ts';
import '../components/hy-loading.ts';
import '../components/hy-moderation-queue.ts';

/** Which console tabs a user's roles open. */
function tabsFor(user: User | null | undefined): ConsoleTab[] {
  const tabs: ConsoleTab[] = [];
  if (hasRole(user, 'reviewer', 'admin')) tabs.push('moderation');
  if (hasRole(user, 'owner', 'admin')) tabs.push('campaigns');
  return tabs;
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
  }

  override render() {
    const user = this.session.user;
    if (user === undefined || user === null) return html`<hy-loading></hy-loading>`;
    if (!isStaff(user)) {
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
      ${tab === 'moderation' ? html`<hy-moderation-queue></hy-moderation-queue>` : nothing}
      ${tab === 'campaigns' ? html`<hy-console-campaigns .item=${this.item}></hy-console-campaigns>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-console': HyPageConsole;
  }
}
