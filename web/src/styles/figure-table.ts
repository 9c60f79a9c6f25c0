import { css } from 'lit';

/** Compact tables of figures (data page, owner's dashboard): scroll sideways on a phone. */
export const figureTableStyles = css`
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.85rem;
  }
  th,
  td {
    border-bottom: 1px solid var(--hy-color-border);
    padding: 4px 6px;
    text-align: left;
  }
`;
