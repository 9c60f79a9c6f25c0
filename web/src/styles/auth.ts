// Layout shared by the sign-in and registration pages.
import { css } from 'lit';

export const authStyles = css`
  .auth {
    max-width: 440px;
    margin: var(--hy-space-5) auto;
    padding: var(--hy-space-6) var(--hy-space-5);
  }
  .auth h1 {
    font-size: var(--hy-font-size-xl);
    margin-bottom: var(--hy-space-5);
  }
  .btn.wide {
    width: 100%;
    margin-top: var(--hy-space-2);
  }
  .switch {
    margin: var(--hy-space-5) 0 0;
    text-align: center;
    font-size: var(--hy-font-size-sm);
    color: var(--hy-color-text-muted);
  }
  .switch a {
    display: inline-block;
    padding: var(--hy-space-2) var(--hy-space-1);
  }
  @media (max-width: 640px) {
    .auth {
      margin: 0 auto;
      padding: var(--hy-space-5) var(--hy-space-4);
    }
  }
`;
