import { Task } from '@lit/task';
import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { listCampaigns } from '../api/campaigns.ts';
import type { CampaignSummary } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import '../components/hy-campaign-card.ts';
import '../components/hy-error-box.ts';
import '../components/hy-loading.ts';

/** Home: the open campaigns as cards (?state=all also lists closed ones). */
@customElement('hy-page-home')
export class HyPageHome extends HyElement {
  @property() search = '';

  private readonly campaigns = new Task(this, {
    task: ([state], { signal }) => listCampaigns(state, signal),
    args: () => [this.showAll ? ('all' as const) : ('open' as const)] as const,
  });

  static override styles = [
    shared,
    css`
      .hero {
        padding: var(--hy-space-5) 0 var(--hy-space-5);
      }
      .hero h1 {
        margin-bottom: var(--hy-space-2);
      }
      .tagline {
        color: var(--hy-color-accent);
        font-weight: 600;
        margin-bottom: var(--hy-space-2);
        letter-spacing: 0.05em;
      }
      .intro {
        color: var(--hy-color-text-muted);
        max-width: 44em;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 320px), 1fr));
        gap: var(--hy-space-4);
      }
      .more {
        margin-top: var(--hy-space-5);
      }
      @media (max-width: 640px) {
        .hero {
          padding-top: var(--hy-space-2);
        }
        h1 {
          font-size: var(--hy-font-size-xl);
        }
      }
    `,
  ];

  private get showAll(): boolean {
    return new URLSearchParams(this.search).get('state') === 'all';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setPageTitle();
  }

  private renderList(items: CampaignSummary[]) {
    if (items.length === 0)
      return html`<p class="empty card" data-testid="home-empty">${t('home.empty')}</p>`;
    return html`<div class="grid" data-testid="campaign-list">
      ${items.map((c) => html`<hy-campaign-card .campaign=${c}></hy-campaign-card>`)}
    </div>`;
  }

  override render() {
    return html`<section class="hero">
        <p class="tagline">${t('app.tagline')}</p>
        <h1>${this.showAll ? t('home.titleAll') : t('home.title')}</h1>
        <p class="intro">${t('home.intro')}</p>
      </section>
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
      <p class="more">
        ${
          this.showAll
            ? html`<a class="tap" href="/" data-testid="home-show-open">${t('home.showOpen')}</a>`
            : html`<a class="tap" href="/?state=all" data-testid="home-show-all"
                >${t('home.showAll')}</a
              >`
        }
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-home': HyPageHome;
  }
}
