import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { listCampaigns } from '../api/campaigns.ts';
import { exportUrl } from '../api/figures.ts';
import { scorecardFigureKeys, scorecards, type Scorecards } from '../api/scorecards.ts';
import { formatDateTime, localText, t } from '../i18n/index.ts';
import { unitName } from '../lib/board-format.ts';
import { HyElement, setPageTitle } from '../lib/hy-element.ts';
import { navigate } from '../lib/router.ts';
import { boardPageStyles } from '../styles/board-page.ts';
import { shared } from '../styles/shared.ts';
import type { ScorecardRow } from '../components/hy-scorecard-table.ts';
import '../components/hy-definition-list.ts';
import '../components/hy-error-box.ts';
import '../components/hy-loading.ts';
import '../components/hy-scorecard-table.ts';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** This month in China time (YYYY-MM): the latest month the picker offers. */
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

/**
 * /data/scorecards[?month=YYYY-MM]: the message boards' monthly scorecards (月度成绩单) of
 * handling units and leaders, every column defined, and the month as open data (CSV).
 */
@customElement('hy-page-scorecards')
export class HyPageScorecards extends HyElement {
  @property() search = '';

  /** The month asked for in the address; none means last month (the server's default). */
  private get month(): string | undefined {
    const m = new URLSearchParams(this.search).get('month');
    return m && monthPattern.test(m) ? m : undefined;
  }

  private readonly data = new Task(this, {
    task: ([month], { signal }) => {
      setPageTitle(t('scorecards.title'));
      return scorecards(month, signal);
    },
    args: () => [this.month] as const,
  });

  /** The message boards: each has its month of scorecards as open data. */
  private readonly boards = new Task(this, {
    task: async (_args, { signal }) =>
      (await listCampaigns('all', signal)).filter((c) => c.kind === 'message-board'),
    args: () => [] as const,
  });

  static override styles = [
    shared,
    boardPageStyles,
    css`
      .intro {
        color: var(--hy-color-text-muted);
        max-width: 48em;
      }
      .picker {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--hy-space-2) var(--hy-space-4);
      }
      .picker .field {
        margin: 0;
      }
      .picker input {
        min-width: 11rem;
      }
      .frame {
        margin: var(--hy-space-2) 0 0;
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
      }
      .downloads {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .downloads a {
        display: inline-flex;
        align-items: center;
        min-height: var(--hy-tap);
      }
    `,
  ];

  private pick(e: Event) {
    const value = (e.target as HTMLInputElement).value;
    if (value && !monthPattern.test(value)) return;
    navigate(value ? `/data/scorecards?month=${value}` : '/data/scorecards', { soft: true });
  }

  private renderCards(c: Scorecards) {
    const units: ScorecardRow[] = c.units.map((u) => ({
      ...u,
      key: u.unit.code,
      name: unitName(u.unit),
    }));
    const leaders: ScorecardRow[] = c.addressees.map((a) => ({
      ...a,
      key: a.addressee.key,
      name: localText(a.addressee.title),
      href: `/boards/a/${encodeURIComponent(a.addressee.key)}`,
    }));
    const definitions = [
      { label: t('scorecard.month'), definition: c.definitions.month },
      ...scorecardFigureKeys.map((k) => ({
        label: t(`scorecard.${k}`),
        definition: c.definitions[k],
      })),
    ];
    return html`<p class="frame" data-testid="scorecards-frame">
        ${t('scorecards.countedAt', { month: c.month, time: formatDateTime(c.countedAt) })}
      </p>
      <hy-definition-list
        .items=${definitions}
        summary=${t('boards.definitions')}
      ></hy-definition-list>
      <section class="card" data-testid="scorecards-units">
        <h2>${t('scorecards.units')}</h2>
        <hy-scorecard-table
          .rows=${units}
          .definitions=${c.definitions}
          nameLabel=${t('scorecards.unit')}
          empty=${t('scorecards.noUnits')}
        ></hy-scorecard-table>
      </section>
      <section class="card" data-testid="scorecards-leaders">
        <h2>${t('scorecards.leaders')}</h2>
        <hy-scorecard-table
          .rows=${leaders}
          .definitions=${c.definitions}
          nameLabel=${t('scorecards.leader')}
          empty=${t('scorecards.noLeaders')}
        ></hy-scorecard-table>
      </section>
      ${this.renderOpenData(c.month)}`;
  }

  private renderOpenData(month: string) {
    const boards = this.boards.value ?? [];
    if (boards.length === 0) return nothing;
    return html`<section data-testid="scorecards-open-data">
      <h2>${t('scorecards.openData')}</h2>
      <p class="muted small">${t('scorecards.csvNote')}</p>
      <ul class="downloads">
        ${boards.map(
          (b) =>
            html`<li>
              <a
                href=${exportUrl(b.slug, 'scorecards', 'csv', { from: month, to: month })}
                download
                data-testid="scorecards-csv"
                >${t('scorecards.csv', { month })}${
                  boards.length > 1 ? ` · ${localText(b.title)}` : ''
                }</a
              >
            </li>`,
        )}
      </ul>
    </section>`;
  }

  override render() {
    const shown = this.data.value?.month ?? this.month ?? '';
    return html`<nav class="crumb" aria-label=${t('nav.data')}>
        <a class="tap" href="/data">${t('nav.data')}</a><span aria-hidden="true">›</span
        ><a class="tap" href="/boards">${t('boards.crumb')}</a>
      </nav>
      <h1>${t('scorecards.title')}</h1>
      <p class="intro">${t('scorecards.intro')}</p>
      <div class="picker">
        <div class="field">
          <label for="scorecards-month">${t('scorecards.month')}</label>
          <input
            id="scorecards-month"
            type="month"
            data-testid="scorecards-month"
            placeholder="YYYY-MM"
            pattern="\\d{4}-\\d{2}"
            max=${thisMonth()}
            .value=${shown}
            @change=${this.pick}
          />
        </div>
      </div>
      ${this.data.render({
        initial: () => html`<hy-loading></hy-loading>`,
        pending: () =>
          this.data.value ? this.renderCards(this.data.value) : html`<hy-loading></hy-loading>`,
        complete: (c) => this.renderCards(c),
        error: (e) =>
          html`<hy-error-box .error=${e} retry @hy-retry=${() => this.data.run()}></hy-error-box>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-page-scorecards': HyPageScorecards;
  }
}
