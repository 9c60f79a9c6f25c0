import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const csp =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

describe('security headers', () => {
  it.each([
    ['an answer', '/api/campaigns'],
    ['an error', '/api/no-such-route'],
    // A download builds its own streamed Response, past the headers prepared for the context.
    ['a download', '/api/campaigns/leadership-board/exports/submissions?format=csv'],
  ])('are on %s', async (_what, path) => {
    const res = await t.app.request(path);
    expect(res.headers.get('content-security-policy')).toBe(csp);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    // Each header once, and the answer's own type is kept.
    expect(res.headers.get('content-type')).not.toContain(',');
  });
});
