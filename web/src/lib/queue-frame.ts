// The frame every staff work queue shares (延期申请, 回复审核, 分办): a toolbar with the count of
// what is left and a refresh button, a live region for what the last action did, and the
// loading / error / loaded states of the queue's task. Test ids are `${id}-count`,
// `${id}-refresh`, `${id}-status`.
import type { Task } from '@lit/task';
import { css, html, nothing, type TemplateResult } from 'lit';
import { t } from '../i18n/index.ts';
import '../components/hy-error-box.ts';
import '../components/hy-loading.ts';

/** A task's states as the console shows them: a spinner, the result, or an error with retry. */
export function renderTask<T>(
  task: Task<readonly unknown[], T>,
  complete: (value: T) => unknown,
): unknown {
  return task.render({
    initial: () => html`<hy-loading></hy-loading>`,
    pending: () => html`<hy-loading></hy-loading>`,
    complete,
    error: (e) =>
      html`<hy-error-box .error=${e} retry @hy-retry=${() => task.run()}></hy-error-box>`,
  });
}

export function queueFrame<T>(options: {
  id: string;
  /** "N to decide", or null before the first load. */
  count: string | null;
  status: string;
  onRefresh: () => void;
  task: Task<readonly unknown[], T>;
  body: (value: T) => unknown;
}): TemplateResult {
  const { id } = options;
  return html`<div class="toolbar">
      <p class="count" data-testid="${id}-count">${options.count ?? nothing}</p>
      <button class="btn" type="button" data-testid="${id}-refresh" @click=${options.onRefresh}>
        ${t('common.refresh')}
      </button>
    </div>
    <div aria-live="polite" data-testid="${id}-status">
      ${
        options.status
          ? html`<div class="notice success" role="status">${options.status}</div>`
          : nothing
      }
    </div>
    ${renderTask(options.task, options.body)}`;
}

/** The styles of that frame and of the queue's list of cards. */
export const queueStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--hy-space-3);
    align-items: center;
    justify-content: space-between;
    margin-bottom: var(--hy-space-4);
  }
  .count {
    font-weight: 600;
    margin: 0;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--hy-space-4);
  }
  li.card {
    padding: var(--hy-space-4) var(--hy-space-5);
  }
  .ref {
    font-family: var(--hy-font-mono);
    color: var(--hy-color-text);
  }
  h3 {
    margin: var(--hy-space-2) 0 var(--hy-space-3);
    overflow-wrap: anywhere;
  }
  @media (max-width: 640px) {
    li.card {
      padding: var(--hy-space-3);
    }
  }
`;
