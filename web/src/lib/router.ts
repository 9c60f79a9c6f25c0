// A tiny History API router: pathname → Route, same-origin links intercepted, popstate handled.
// Pages read their query string from the `search` property the app passes down.

/** Console tabs, in the order they are shown (the first one a user may open is the default). */
export const consoleTabs = [
  'office',
  'inbox',
  'monthly',
  'moderation',
  'reviews',
  'triage',
  'extensions',
  'campaigns',
  'collective',
  'supervision',
  'alarms',
  'classifier',
  'clusters',
  'adoption',
  'reports',
  'bursts',
  'security',
  'dashboard',
] as const;
export type ConsoleTab = (typeof consoleTabs)[number];

export type Route =
  | { name: 'home' }
  | { name: 'campaign'; slug: string }
  | { name: 'submit'; slug: string }
  | { name: 'submission'; id: string }
  | { name: 'me' }
  | { name: 'security' }
  | { name: 'login' }
  | { name: 'register' }
  | { name: 'console'; tab: ConsoleTab | null; item: string | null }
  | { name: 'notifications' }
  | { name: 'search' }
  | { name: 'api-docs' }
  | { name: 'adopted'; slug: string | null }
  | { name: 'data'; slug: string | null }
  | { name: 'scorecards' }
  | { name: 'boards' }
  | { name: 'region-board'; code: string }
  | { name: 'addressee-board'; key: string }
  | { name: 'not-found' };

const seg = '([^/]+)';
const table: [RegExp, (m: string[]) => Route][] = [
  [/^\/$/, () => ({ name: 'home' })],
  [new RegExp(`^/c/${seg}/?$`), (m) => ({ name: 'campaign', slug: m[1]! })],
  [new RegExp(`^/c/${seg}/submit/?$`), (m) => ({ name: 'submit', slug: m[1]! })],
  [new RegExp(`^/c/${seg}/data/?$`), (m) => ({ name: 'data', slug: m[1]! })],
  [/^\/data\/?$/, () => ({ name: 'data', slug: null })],
  [/^\/data\/scorecards\/?$/, () => ({ name: 'scorecards' })],
  [new RegExp(`^/s/${seg}/?$`), (m) => ({ name: 'submission', id: m[1]! })],
  [/^\/me\/?$/, () => ({ name: 'me' })],
  [/^\/me\/security\/?$/, () => ({ name: 'security' })],
  [/^\/login\/?$/, () => ({ name: 'login' })],
  [/^\/register\/?$/, () => ({ name: 'register' })],
  [/^\/console\/?$/, () => ({ name: 'console', tab: null, item: null })],
  [
    new RegExp(`^/console/(${consoleTabs.join('|')})(?:/${seg})?/?$`),
    (m) => ({ name: 'console', tab: m[1] as ConsoleTab, item: m[2] ?? null }),
  ],
  [/^\/notifications\/?$/, () => ({ name: 'notifications' })],
  [/^\/search\/?$/, () => ({ name: 'search' })],
  [/^\/api-docs\/?$/, () => ({ name: 'api-docs' })],
  [/^\/adopted\/?$/, () => ({ name: 'adopted', slug: null })],
  [new RegExp(`^/c/${seg}/adopted/?$`), (m) => ({ name: 'adopted', slug: m[1]! })],
  [/^\/boards\/?$/, () => ({ name: 'boards' })],
  [/^\/boards\/r\/(\d{2}(?:\d{2}){0,2})\/?$/, (m) => ({ name: 'region-board', code: m[1]! })],
  [new RegExp(`^/boards/a/${seg}/?$`), (m) => ({ name: 'addressee-board', key: m[1]! })],
];

export function matchRoute(pathname: string): Route {
  for (const [re, make] of table) {
    const m = re.exec(pathname);
    if (m) {
      try {
        return make(m.map((s) => (s === undefined ? s : decodeURIComponent(s))) as string[]);
      } catch {
        return { name: 'not-found' };
      }
    }
  }
  return { name: 'not-found' };
}

const events = new EventTarget();

/** Calls listener after navigate() and on popstate (the event tells which). */
export function onNavigate(listener: (event: Event) => void): () => void {
  events.addEventListener('navigate', listener);
  window.addEventListener('popstate', listener);
  return () => {
    events.removeEventListener('navigate', listener);
    window.removeEventListener('popstate', listener);
  };
}

export type NavigateOptions = {
  /** Replace the current history entry instead of adding one. */
  replace?: boolean;
  /** An in-page change (filter, sort, page): keep the scroll position and the focus. */
  soft?: boolean;
};

/** True when the current history entry came from a soft navigation. */
export function isSoftNavigation(): boolean {
  const state: unknown = window.history.state;
  return !!state && typeof state === 'object' && (state as { soft?: unknown }).soft === true;
}

/** Goes to a same-origin path (with query), adding a history entry unless replace. */
export function navigate(to: string, options: NavigateOptions = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  const here = window.location.pathname + window.location.search + window.location.hash;
  if (target === here && !options.replace) return;
  const state = options.soft ? { soft: true } : null;
  if (options.replace) window.history.replaceState(state, '', target);
  else window.history.pushState(state, '', target);
  events.dispatchEvent(new Event('navigate'));
}

/** A `next` parameter is only followed when it is a local path (no open redirects). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** The current path with query, for ?next= links. */
export function currentPath(): string {
  return window.location.pathname + window.location.search;
}

/**
 * Intercepts clicks on same-origin <a href> anywhere, including inside shadow roots
 * (composedPath sees through them). Modified clicks, downloads, targets and /api links are left
 * to the browser.
 */
export function interceptLinks(root: Document = document): void {
  root.addEventListener('click', (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event
      .composedPath()
      .find(
        (el): el is HTMLAnchorElement => el instanceof HTMLAnchorElement && el.hasAttribute('href'),
      );
    if (!anchor) return;
    if (anchor.target && anchor.target !== '_self') return;
    if (anchor.hasAttribute('download') || anchor.getAttribute('rel')?.includes('external')) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    if (url.pathname.startsWith('/api/')) return;
    if (
      url.pathname === window.location.pathname &&
      url.search === window.location.search &&
      url.hash
    ) {
      return; // in-page anchor: let the browser scroll
    }
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}

/** Sends a signed-out visitor to /login, to come back to the current page afterwards. */
export function redirectToLogin(): void {
  if (window.location.pathname === '/login') return;
  navigate(`/login?next=${encodeURIComponent(currentPath())}`, { replace: true });
}
