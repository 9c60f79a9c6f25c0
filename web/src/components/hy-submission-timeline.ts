import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Role, TimelineEvent } from '../api/types.ts';
import { formatDateTime, getLocale, t } from '../i18n/index.ts';
import { reasonLine, timelineText } from '../lib/handling-text.ts';
import { HyElement } from '../lib/hy-element.ts';
import { OrganisationsController } from '../lib/orgs.ts';
import { shared } from '../styles/shared.ts';
import { roles } from '../../../schema/states.ts';

/**
 * A submission's timeline, oldest first: what happened as a sentence (the unit it went to, the
 * due date, the rating…), who did it (role, and name for staff), when, and why.
 */
@customElement('hy-submission-timeline')
export class HySubmissionTimeline extends HyElement {
  @property({ attribute: false }) events: TimelineEvent[] = [];
  /** The reader is staff: return reasons are shown too. */
  @property({ type: Boolean }) staff = false;

  private readonly orgs = new OrganisationsController(this);

  static override styles = [
    shared,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        position: relative;
        padding: 0 0 var(--hy-space-4) var(--hy-space-5);
        border-left: 2px solid var(--hy-color-border);
        margin-left: 6px;
      }
      li:last-child {
        border-left-color: transparent;
        padding-bottom: 0;
      }
      li::before {
        content: '';
        position: absolute;
        left: -7px;
        top: 5px;
        width: 12px;
        height: 12px;
        border-radius: 50%;
        background: var(--hy-color-surface);
        border: 2px solid var(--hy-color-accent);
      }
      .what {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .who,
      time {
        font-size: var(--hy-font-size-sm);
        color: var(--hy-color-text-muted);
      }
      .why {
        margin-top: var(--hy-space-1);
        padding: var(--hy-space-2) var(--hy-space-3);
        background: var(--hy-color-surface-alt);
        border-radius: var(--hy-radius);
        font-size: var(--hy-font-size-sm);
      }
    `,
  ];

  private who(e: TimelineEvent): string {
    if (!e.actor) return t('timeline.system');
    const role = (roles as readonly string[]).includes(e.actor.role)
      ? t(`role.${e.actor.role as Role}`)
      : e.actor.role;
    if (!e.actor.name) return role;
    return getLocale() === 'en' ? `${e.actor.name} (${role})` : `${e.actor.name}（${role}）`;
  }

  override render() {
    if (this.events.length === 0) {
      return html`<p class="muted">${t('submission.timelineEmpty')}</p>`;
    }
    const sorted = [...this.events].sort((a, b) => a.at - b.at || a.id - b.id);
    return html`<ol data-testid="timeline">
      ${sorted.map((e) => {
        // An event type newer than this build of the UI is shown as it is rather than hidden.
        const { text, reason } = timelineText(e, this.staff);
        return html`<li data-testid="timeline-event" data-type=${e.type}>
          <div class="what" data-testid="timeline-text">${text}</div>
          <div>
            <span class="who">${this.who(e)}</span> ·
            <time datetime=${new Date(e.at).toISOString()}>${formatDateTime(e.at)}</time>
          </div>
          ${
            reason && e.reason
              ? html`<div class="why">
                  <span class="user-text">${reasonLine(reason, e.reason)}</span>
                </div>`
              : nothing
          }
        </li>`;
      })}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-submission-timeline': HySubmissionTimeline;
  }
}
