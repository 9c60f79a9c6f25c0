import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { listCampaigns } from '../api/campaigns.ts';
import type { CampaignSummary } from '../api/types.ts';
import { localText, t } from '../i18n/index.ts';
import type { CampaignSavedDetail } from '../lib/events.ts';
import { HyElement } from '../lib/hy-element.ts';
import { navigate } from '../lib/router.ts';
import { SessionController } from '../lib/session.ts';
import { shared } from '../styles/shared.ts';
import './hy-campaign-editor.ts';
import './hy-error-box.ts';
import './hy-loading.ts';

/** Campaign management: the list of campaigns beside the editor of the chosen one. */
@customElement('hy-console-campaigns')
export class HyConsoleCampaigns extends HyElement {
  /** The slug being edited, 'new' for a new campaign, or null. */
  @property() item: string | null = null;

  private readonly session = new SessionController(this);

  private readonly campaigns = new Task(this, {
    task: (_args, { signal }) => listCampaigns('all', signal),
    args: () => [] as const,
  });

  static override styles = [
    shared,
    css`
      .layout {
        display: grid;
        grid-template-columns: 280px minmax(0, 1fr);
        gap: var(--hy-space-5);
        align-items: start;
      }
      nav.card {
        padding: var(--hy-space-3);
      }
      nav ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 2px;
      }
      nav a {
        display: block;
        padding: var(--hy-space-2) var(--hy-space-3);
        min-height: var(--hy-tap);
        border-radius: var(--hy-radius);
        color: var(--hy-color-text);
        text-decoration: none;
        overflow-wrap: anywhere;
      }
      nav a:hover {
        background: var(--hy-color-surface-alt);
      }
      nav a[aria-current='page'] {
        background: var(--hy-color-accent-soft);
        color: var(--hy-color-accent-strong);
        font-weight: 600;
      }
      nav .slug {
        display: block;
        font-family: var(--hy-font-mono);
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-text-muted);
        font-weight: 400;
      }
      nav .btn {
        width: 100%;
        margin-bottom: var(--hy-space-3);
      }
      .back {
        display: none;
      }
      @media (max-width: 900px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
        /* One column: while a campaign is open, the list folds away behind a back link. */
        .has-item nav.card {
          display: none;
        }
        .has-item .back {
          display: inline-flex;
          align-items: center;
          min-height: var(--hy-tap);
          margin-bottom: var(--hy-space-2);
        }
      }
    `,
  ];

  private onSaved(e: CustomEvent<CampaignSavedDetail>) {
    void this.campaigns.run();
    if (e.detail.created) navigate(`/console/campaigns/${encodeURIComponent(e.detail.slug)}`);
  }

  private renderList(items: CampaignSummary[]) {
    return html`<ul>
      ${items.map(
        (c) =>
          html`<li>
            <a
              href="/console/campaigns/${encodeURIComponent(c.slug)}"
              aria-current=${this.item === c.slug ? 'page' : nothing}
              data-testid="campaigns-item"
              data-slug=${c.slug}
              >${localText(c.title)}<span class="slug">${c.slug}</span></a
            >
          </li>`,
      )}
    </ul>`;
  }

  override render() {
    const user = this.session.user;
    const owners = [
      ...new Set(
        (user?.roles ?? [])
          .filter((r) => (r.role === 'owner' || r.role === 'admin') && r.org)
          .map((r) => r.org!.code),
      ),
    ];
    return html`<div class="layout ${this.item === null ? '' : 'has-item'}">
      <nav class="card" aria-label=${t('editor.list')}>
        <a
          class="btn primary"
          href="/console/campaigns/new"
          data-testid="campaigns-new"
          aria-current=${this.item === 'new' ? 'page' : nothing}
          >+ ${t('editor.new')}</a
        >
        ${this.campaigns.render({
          initial: () => html`<hy-loading></hy-loading>`,
          pending: () =>
            this.campaigns.value
              ? this.renderList(this.campaigns.value)
              : html`<hy-loading></hy-loading>`,
          complete: (items) => this.renderList(items),
          error: (e) =>
            html`<hy-error-box
              .error=${e}
              retry
              @hy-retry=${() => this.campaigns.run()}
            ></hy-error-box>`,
        })}
      </nav>
      <div>
        <a class="back" href="/console/campaigns" data-testid="campaigns-back"
          >← ${t('editor.list')}</a
        >
        ${
          this.item === null
            ? html`<div class="card empty">${t('editor.pick')}</div>`
            : html`<hy-campaign-editor
                .slug=${this.item === 'new' ? null : this.item}
                .defaultOwner=${owners[0] ?? ''}
                .ownerOptions=${owners}
                @hy-campaign-saved=${this.onSaved}
              ></hy-campaign-editor>`
        }
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-console-campaigns': HyConsoleCampaigns;
  }
}
