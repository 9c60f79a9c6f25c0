import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import { replyQualityCodes, type ReplyQuality, type ReplyQualityCode } from '../api/types.ts';
import { getLocale, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';

type Level = 'low' | 'medium' | 'high';

/**
 * Sets a bar's width through the CSSOM: the CSP forbids style attributes (and styleMap writes
 * one on the first render), not element.style.
 */
function setWidth(pct: number) {
  return (el: Element | undefined) => {
    if (el instanceof HTMLElement) el.style.width = `${pct}%`;
  };
}

function level(score: number): Level {
  return score >= 0.6 ? 'high' : score >= 0.3 ? 'medium' : 'low';
}

function isCode(code: string): code is ReplyQualityCode {
  return (replyQualityCodes as readonly string[]).includes(code);
}

/**
 * 敷衍风险: how likely a unit's reply is perfunctory (0 substantive … 1 perfunctory), as a meter,
 * with the reasons in words. The server's detail (in English) is shown to English readers and as
 * a tooltip otherwise.
 */
@customElement('hy-reply-quality')
export class HyReplyQuality extends HyElement {
  @property({ attribute: false }) quality: ReplyQuality | null = null;

  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      .box {
        border: 1px solid var(--hy-color-border);
        border-radius: var(--hy-radius);
        padding: var(--hy-space-2) var(--hy-space-3);
        background: var(--hy-color-surface);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--hy-space-1) var(--hy-space-3);
        font-size: var(--hy-font-size-sm);
      }
      .label {
        font-weight: 600;
      }
      .bar {
        flex: 1 1 8em;
        min-width: 6em;
        max-width: 16em;
        height: 10px;
        border-radius: 999px;
        background: var(--hy-color-border);
        overflow: hidden;
      }
      .fill {
        display: block;
        height: 100%;
        border-radius: 999px;
      }
      .low .fill {
        background: var(--hy-color-success);
      }
      .medium .fill {
        background: var(--hy-color-warning);
      }
      .high .fill {
        background: var(--hy-color-danger);
      }
      .value {
        font-weight: 700;
      }
      .low .value {
        color: var(--hy-color-success);
      }
      .medium .value {
        color: var(--hy-color-warning);
      }
      .high .value {
        color: var(--hy-color-danger);
      }
      .reasons-label {
        margin-top: var(--hy-space-2);
        font-size: var(--hy-font-size-xs);
        color: var(--hy-color-text-muted);
      }
      ul {
        margin: var(--hy-space-1) 0 0;
        padding-left: 1.2em;
        font-size: var(--hy-font-size-sm);
      }
      li + li {
        margin-top: 2px;
      }
      .detail {
        color: var(--hy-color-text-muted);
        overflow-wrap: anywhere;
      }
    `,
  ];

  override render() {
    const q = this.quality;
    if (!q) return nothing;
    const score = Math.min(1, Math.max(0, q.score));
    const lv = level(score);
    const pct = Math.round(score * 100);
    const english = getLocale() === 'en';
    const reasons = q.reasons.filter((r) => isCode(r.code));
    return html`<div class="box ${lv}" data-testid="reply-quality" data-level=${lv}>
      <div class="head">
        <span class="label">${t('quality.title')}</span>
        <span
          class="bar"
          role="meter"
          aria-label=${t('quality.title')}
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow=${pct}
          aria-valuetext=${t('quality.value', { level: t(`quality.level.${lv}`), pct })}
          ><span class="fill" ${ref(setWidth(Math.max(2, pct)))}></span
        ></span>
        <span class="value" data-testid="reply-quality-value"
          >${t('quality.value', { level: t(`quality.level.${lv}`), pct })}</span
        >
      </div>
      ${
        reasons.length === 0
          ? html`<ul>
              <li>${t('quality.none')}</li>
            </ul>`
          : html`<div class="reasons-label">${t('quality.reasons')}</div>
              <ul data-testid="reply-quality-reasons">
                ${reasons.map(
                  (r) =>
                    html`<li data-code=${r.code} title=${!english && r.detail ? r.detail : nothing}>
                      ${t(`quality.reason.${r.code as ReplyQualityCode}`)}${
                        english && r.detail
                          ? html` — <span class="detail">${r.detail}</span>`
                          : nothing
                      }
                    </li>`,
                )}
              </ul>`
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-reply-quality': HyReplyQuality;
  }
}
