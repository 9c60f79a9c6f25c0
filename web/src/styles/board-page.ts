import { css } from 'lit';

/** What the board pages share: the crumb trail, sections, and the grid of leaders. */
export const boardPageStyles = css`
  .crumb {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 var(--hy-space-2);
    margin-bottom: var(--hy-space-2);
    font-size: var(--hy-font-size-sm);
    color: var(--hy-color-text-muted);
  }
  h1 {
    overflow-wrap: anywhere;
  }
  section {
    margin-top: var(--hy-space-5);
    min-width: 0;
  }
  section > h2 {
    font-size: var(--hy-font-size-lg);
    margin-bottom: var(--hy-space-3);
  }
  section.card {
    padding: var(--hy-space-4) var(--hy-space-5);
  }
  .leaders {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
    gap: var(--hy-space-3);
  }
  .two {
    display: grid;
    grid-template-columns: 1fr;
    gap: 0 var(--hy-space-5);
  }
  @media (min-width: 900px) {
    .two {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
  }
  @media (max-width: 640px) {
    section.card {
      padding: var(--hy-space-3);
    }
    h1 {
      font-size: var(--hy-font-size-xl);
    }
  }
`;
