// Locale state, translation, LocalText picking, and Intl formatting in China time.
// The choice is persisted in localStorage and mirrored on <html lang>.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '../api/request.ts';
import type { LocalText } from '../api/types.ts';
import { en } from './en.ts';
import { zhCN, type Dictionary, type MessageKey } from './zh-CN.ts';

export type { MessageKey };
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

const STORAGE_KEY = 'hy-locale';
const TIME_ZONE = 'Asia/Shanghai';
const dictionaries: Record<Locale, Dictionary> = { 'zh-CN': zhCN, en };
const events = new EventTarget();

function readStored(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let current: Locale = readStored();
document.documentElement.lang = current;

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = locale;
  events.dispatchEvent(new Event('change'));
}

export function onLocaleChange(listener: () => void): () => void {
  events.addEventListener('change', listener);
  return () => events.removeEventListener('change', listener);
}

/** Translates a key, filling {placeholders} from vars. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[current][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** Picks English when the UI is English and the text has it, else Chinese. */
export function localText(text: LocalText | null | undefined): string {
  if (!text) return '';
  return current === 'en' && text.en ? text.en : text['zh-CN'];
}

/** Organisation names come as { name, nameEn? }. */
export function orgName(org: { name: string; nameEn?: string }): string {
  return current === 'en' && org.nameEn ? org.nameEn : org.name;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${current}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(current, { timeZone: TIME_ZONE, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** An instant (epoch ms) as a date and time in China. */
export function formatDateTime(ms: number): string {
  return formatter({ dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** An instant (epoch ms) as a date in China. */
export function formatDate(ms: number): string {
  return formatter({ dateStyle: 'medium' }).format(ms);
}

/** A calendar day written YYYY-MM-DD (China time), e.g. a phase's start. */
export function formatDay(day: string): string {
  const ms = Date.parse(`${day}T12:00:00+08:00`);
  return Number.isNaN(ms) ? day : formatDate(ms);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(current).format(n);
}

/** A message for any error: localized for known API codes, else the server's own message. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'network') return t('error.network');
    if (error.code === 'unknown') return error.message || t('error.generic');
    return t(`error.${error.code}`);
  }
  if (error instanceof Error && error.message) return error.message;
  return t('error.generic');
}

/** Re-renders its host when the locale changes. */
export class LocaleController implements ReactiveController {
  private off: (() => void) | undefined;
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    this.off = onLocaleChange(() => this.host.requestUpdate());
  }
  hostDisconnected(): void {
    this.off?.();
    this.off = undefined;
  }
}
