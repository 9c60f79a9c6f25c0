// Shared element styles: typography, buttons, form controls, cards. Every value comes from the
// tokens in tokens.css, so the look is changed there, once.
import { css } from 'lit';

export const shared = css`
  :host {
    display: block;
    font-family: var(--hy-font);
    color: var(--hy-color-text);
    line-height: var(--hy-line-height);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  h1,
  h2,
  h3,
  h4 {
    line-height: 1.35;
    margin: 0 0 var(--hy-space-3);
    font-weight: 600;
  }
  h1 {
    font-size: var(--hy-font-size-xxl);
  }
  h2 {
    font-size: var(--hy-font-size-xl);
  }
  h3 {
    font-size: var(--hy-font-size-lg);
  }
  p {
    margin: 0 0 var(--hy-space-3);
  }
  a {
    color: var(--hy-color-accent);
    text-underline-offset: 3px;
  }
  a:hover {
    color: var(--hy-color-accent-strong);
  }
  /* A text link that is also a comfortable tap target (at least 40px high). */
  a.tap {
    display: inline-flex;
    align-items: center;
    min-height: 40px;
  }
  :focus-visible {
    outline: 3px solid var(--hy-color-focus);
    outline-offset: 2px;
  }
  .muted {
    color: var(--hy-color-text-muted);
  }
  .small {
    font-size: var(--hy-font-size-sm);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .user-text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  /* Buttons and button-looking links */
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--hy-space-2);
    min-height: var(--hy-tap);
    padding: 0 var(--hy-space-4);
    border: 1px solid var(--hy-color-border-strong);
    border-radius: var(--hy-radius);
    background: var(--hy-color-surface);
    color: var(--hy-color-text);
    font: inherit;
    font-size: var(--hy-font-size);
    font-weight: 500;
    line-height: 1.2;
    text-decoration: none;
    cursor: pointer;
    white-space: nowrap;
  }
  .btn:hover {
    border-color: var(--hy-color-text-muted);
    color: var(--hy-color-text);
  }
  .btn.primary {
    background: var(--hy-color-accent);
    border-color: var(--hy-color-accent);
    color: var(--hy-color-on-accent);
  }
  .btn.primary:hover {
    background: var(--hy-color-accent-strong);
    border-color: var(--hy-color-accent-strong);
    color: var(--hy-color-on-accent);
  }
  .btn.danger {
    color: var(--hy-color-danger);
    border-color: var(--hy-color-danger);
  }
  .btn.danger.solid {
    background: var(--hy-color-danger);
    color: #fff;
  }
  .btn.ghost {
    border-color: transparent;
    background: transparent;
  }
  .btn.small {
    min-height: 40px;
    padding: 0 var(--hy-space-3);
    font-size: var(--hy-font-size-sm);
  }
  .btn:disabled,
  .btn[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--hy-space-3);
    align-items: center;
  }

  /* Form controls */
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--hy-space-1);
    margin-bottom: var(--hy-space-4);
    min-width: 0;
  }
  .field > label,
  .label {
    font-weight: 600;
    font-size: var(--hy-font-size-sm);
  }
  .req {
    color: var(--hy-color-danger);
    font-weight: 400;
    margin-left: 2px;
  }
  .hint {
    font-size: var(--hy-font-size-xs);
    color: var(--hy-color-text-muted);
  }
  input[type='text'],
  input[type='email'],
  input[type='search'],
  input[type='tel'],
  input[type='password'],
  input[type='number'],
  input[type='date'],
  input[type='month'],
  input[type='url'],
  input:not([type]),
  select,
  textarea {
    width: 100%;
    min-height: var(--hy-tap);
    padding: var(--hy-space-2) var(--hy-space-3);
    border: 1px solid var(--hy-color-border-strong);
    border-radius: var(--hy-radius);
    background: var(--hy-color-surface);
    color: var(--hy-color-text);
    font: inherit;
    font-size: var(--hy-font-size);
  }
  textarea {
    resize: vertical;
    min-height: 8em;
    line-height: var(--hy-line-height);
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: 3px solid var(--hy-color-focus);
    outline-offset: 0;
    border-color: var(--hy-color-focus);
  }
  [aria-invalid='true'] {
    border-color: var(--hy-color-danger) !important;
  }
  input:disabled,
  select:disabled,
  textarea:disabled {
    background: var(--hy-color-surface-alt);
    color: var(--hy-color-text-muted);
  }
  .field-error {
    color: var(--hy-color-danger);
    font-size: var(--hy-font-size-sm);
  }
  .check {
    display: flex;
    gap: var(--hy-space-2);
    align-items: flex-start;
    min-height: var(--hy-tap);
    padding-top: var(--hy-space-2);
    cursor: pointer;
  }
  .check input {
    width: 20px;
    height: 20px;
    margin: 2px 0 0;
    flex: none;
    accent-color: var(--hy-color-accent);
  }

  /* Surfaces and notices */
  .card {
    background: var(--hy-color-surface);
    border: 1px solid var(--hy-color-border);
    border-radius: var(--hy-radius-lg);
    padding: var(--hy-space-5);
  }
  .notice {
    border-radius: var(--hy-radius);
    padding: var(--hy-space-3) var(--hy-space-4);
    border: 1px solid var(--hy-color-border);
    background: var(--hy-color-surface-alt);
    margin: 0 0 var(--hy-space-4);
  }
  .notice.error {
    background: var(--hy-color-danger-soft);
    border-color: color-mix(in srgb, var(--hy-color-danger) 35%, transparent);
    color: var(--hy-color-danger);
  }
  .notice.success {
    background: var(--hy-color-success-soft);
    border-color: color-mix(in srgb, var(--hy-color-success) 35%, transparent);
    color: var(--hy-color-success);
  }
  .notice.warning {
    background: var(--hy-color-warning-soft);
    border-color: color-mix(in srgb, var(--hy-color-warning) 35%, transparent);
    color: var(--hy-color-warning);
  }
  .notice.info {
    background: var(--hy-color-info-soft);
    border-color: color-mix(in srgb, var(--hy-color-info) 30%, transparent);
    color: var(--hy-color-info);
  }
  .notice > :last-child {
    margin-bottom: 0;
  }
  .empty {
    text-align: center;
    padding: var(--hy-space-6) var(--hy-space-4);
    color: var(--hy-color-text-muted);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: var(--hy-space-1) var(--hy-space-4);
    font-size: var(--hy-font-size-sm);
    color: var(--hy-color-text-muted);
  }
  .tag {
    display: inline-flex;
    align-items: center;
    padding: 0 var(--hy-space-2);
    border-radius: 999px;
    font-size: var(--hy-font-size-xs);
    line-height: 22px;
    background: var(--hy-color-accent-soft);
    color: var(--hy-color-accent-strong);
    white-space: nowrap;
  }
  .tag.neutral {
    background: var(--hy-color-surface-alt);
    color: var(--hy-color-text-muted);
    border: 1px solid var(--hy-color-border);
  }
  .tag.danger {
    background: var(--hy-color-danger-soft);
    color: var(--hy-color-danger);
    font-weight: 600;
  }
  .tag.warning {
    background: var(--hy-color-warning-soft);
    color: var(--hy-color-warning);
  }
  .tag.success {
    background: var(--hy-color-success-soft);
    color: var(--hy-color-success);
  }
  .tag.info {
    background: var(--hy-color-info-soft);
    color: var(--hy-color-info);
  }
  /* A date that has passed without an answer. */
  .overdue {
    color: var(--hy-color-danger);
    font-weight: 600;
  }
  /* Disclosure sections (a secondary form behind a summary line). */
  details.more {
    border: 1px solid var(--hy-color-border);
    border-radius: var(--hy-radius);
    background: var(--hy-color-surface);
  }
  details.more > summary {
    display: list-item;
    list-style-position: inside;
    min-height: var(--hy-tap);
    padding: var(--hy-space-2) var(--hy-space-4);
    line-height: 28px;
    cursor: pointer;
    font-weight: 600;
  }
  details.more[open] > summary {
    border-bottom: 1px solid var(--hy-color-border);
  }
  details.more > .inner {
    padding: var(--hy-space-4);
  }
  .counter {
    font-size: var(--hy-font-size-xs);
    color: var(--hy-color-text-muted);
    text-align: right;
  }
`;
