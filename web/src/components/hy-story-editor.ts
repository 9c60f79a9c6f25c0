import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { createStory, listAdoptions, listStories, updateStory } from '../api/adoption.ts';
import { listCampaigns } from '../api/campaigns.ts';
import { localText, t } from '../i18n/index.ts';
import { HyElement } from '../lib/hy-element.ts';
import { shared } from '../styles/shared.ts';
import './hy-error-box.ts';
import './hy-loading.ts';

/** Stories about adoptions: draft one, link the adoptions it tells of, publish or take back. */
@customElement('hy-story-editor')
export class HyStoryEditor extends HyElement {
  @state() private version = 0;
  @state() private campaign = '';
  @state() private error: unknown = null;

  private readonly data = new Task(this, {
    task: async (_args, { signal }) => {
      const [stories, adoptions, campaigns] = await Promise.all([
        listStories({ drafts: '1' }, signal),
        listAdoptions(undefined, signal),
        listCampaigns('all', signal),
      ]);
      return { stories: stories.items, adoptions: adoptions.items, campaigns };
    },
    args: () => [this.version] as const,
  });

  static override styles = [
    shared,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0 0 var(--hy-space-4);
      }
      li {
        padding: var(--hy-space-2) 0;
        border-bottom: 1px solid var(--hy-color-border);
        display: flex;
        flex-wrap: wrap;
        gap: var(--hy-space-2);
        align-items: center;
      }
      li strong {
        flex: 1;
        overflow-wrap: anywhere;
      }
      input,
      textarea,
      select {
        width: 100%;
      }
      textarea {
        min-height: 8em;
      }
    `,
  ];

  private async run(action: () => Promise<unknown>) {
    this.error = null;
    try {
      await action();
      this.version++;
    } catch (err) {
      this.error = err;
    }
  }

  private save(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const publish = (e.submitter as HTMLButtonElement | null)?.value === 'publish';
    void this.run(async () => {
      const { story } = await createStory(String(data.get('campaign')), {
        title: String(data.get('title') ?? ''),
        body: String(data.get('body') ?? ''),
        adoptions: data.getAll('adoptions').map(String),
      });
      if (publish) await updateStory(story.id, { published: true });
      form.reset();
    });
  }

  override render() {
    return html`<h2>${t('tracing.stories')}</h2>
      ${this.data.render({
        pending: () => html`<hy-loading></hy-loading>`,
        error: (e) => html`<hy-error-box .error=${e}></hy-error-box>`,
        complete: ({ stories, adoptions, campaigns }) => {
          const campaign = this.campaign || campaigns[0]?.slug || '';
          const mine = adoptions.filter((a) => a.campaign.slug === campaign);
          return html`<ul data-testid="story-list">
              ${stories.map(
                (s) =>
                  html`<li>
                    <strong>${s.title}</strong>
                    <span class="tag"
                      >${
                        s.status === 'published' ? t('tracing.published') : t('tracing.draft')
                      }</span
                    >
                    <button
                      class="btn small"
                      @click=${() =>
                        this.run(() => updateStory(s.id, { published: s.status !== 'published' }))}
                    >
                      ${s.status === 'published' ? t('tracing.unpublish') : t('tracing.publish')}
                    </button>
                  </li>`,
              )}
            </ul>
            <form @submit=${this.save} data-testid="story-form">
              <label class="field"
                ><span class="label">${t('tracing.storyCampaign')}</span>
                <select
                  name="campaign"
                  @change=${(e: Event) => (this.campaign = (e.target as HTMLSelectElement).value)}
                >
                  ${campaigns.map(
                    (c) =>
                      html`<option value=${c.slug} ?selected=${c.slug === campaign}>
                        ${localText(c.title)}
                      </option>`,
                  )}
                </select></label
              >
              <label class="field"
                ><span class="label">${t('tracing.storyTitle')}</span
                ><input name="title" required minlength="2" maxlength="120"
              /></label>
              <label class="field"
                ><span class="label">${t('tracing.storyBody')}</span
                ><textarea name="body" required minlength="10" maxlength="10000"></textarea>
              </label>
              ${
                mine.length
                  ? html`<fieldset>
                      <legend class="label">${t('tracing.storyAdoptions')}</legend>
                      ${mine.map(
                        (a) =>
                          html`<label class="check"
                            ><input type="checkbox" name="adoptions" value=${a.id} />
                            ${a.target.title} → 《${a.document.title}》${a.clause.label}</label
                          >`,
                      )}
                    </fieldset>`
                  : nothing
              }
              ${this.error ? html`<hy-error-box .error=${this.error}></hy-error-box>` : nothing}
              <div class="actions">
                <button class="btn" value="draft">${t('tracing.saveDraft')}</button>
                <button class="btn primary" value="publish">${t('tracing.publish')}</button>
              </div>
            </form>`;
        },
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hy-story-editor': HyStoryEditor;
  }
}
