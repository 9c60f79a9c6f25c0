import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Story } from '../api/adoption.ts';
import { formatDate, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-paragraphs.ts';

/** A published story about adoptions ("from golden idea to golden key"). */
@customElement('hy-story-card')
export class HyStoryCard extends HyElement {
  @property({ attribute: false }) story!: Story;

  static override styles = [
    shared,
    css`
      article {
        border-left: 4px solid var(--hy-color-accent);
        background: var(--hy-color-surface);
        border-radius: var(--hy-radius);
        padding: var(--hy-space-4);
        box-shadow: var(--hy-shadow);
      }
      h3 {
        margin: 0 0 var(--hy-space-2);
        font-size: var(--hy-font-size-lg);
        overflow-wrap: anywhere;
      }
    `,
  ];

  override render() {
    const s = this.story;
    return html`<article data-testid="story-card">
      <h3>${s.title}</h3>
      <hy-paragraphs class="user-text" .text=${s.body}></hy-paragraphs>
      <p class="meta muted small">
        ${s.publishedAt ? html`<span>${formatDate(s.publishedAt)}</span>` : ''}
        <span>${t('adopted.storyAbout', { count: s.adoptions.length })}</span>
      </p>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-story-card': HyStoryCard;
  }
}
