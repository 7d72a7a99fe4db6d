import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type Locale = 'zh-CN' | 'en';
export type MsgKey = keyof typeof en;
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const CATALOGUES: Record<Locale, Record<MsgKey, string>> = { en, 'zh-CN': zhCN };
const STORAGE_KEY = 'netreview.locale';

let current: Locale = initialLocale();

/** The remembered choice, else zh-CN when the browser prefers Chinese, else English. */
function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en') return saved;
  } catch {
    // Storage can be disabled; fall through to the browser's preference.
  }
  const langs = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en'];
  return langs.some((l) => /^zh\b/i.test(l)) ? 'zh-CN' : 'en';
}

export function locale(): Locale {
  return current;
}

export function setLocale(l: Locale): void {
  current = l;
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    // Not remembered, but still applied for this page.
  }
  document.documentElement.lang = l;
}

export function t(key: MsgKey, vars?: Record<string, string | number>): string {
  const s = CATALOGUES[current][key] ?? key;
  return vars ? s.replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k] ?? `{${k}}`)) : s;
}

/** A label for a value from the server (state, action, role…); an unknown value shows as itself. */
export function label(prefix: string, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const cat = CATALOGUES[current] as Record<string, string>;
  return cat[`${prefix}.${value}`] ?? String(value).replace(/_/g, ' ');
}

export function hasLabel(prefix: string, value: string): boolean {
  return `${prefix}.${value}` in CATALOGUES[current];
}

// Formatters are costly to build: one per locale and style, reused for every date on the page.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(style: 'date' | 'datetime'): Intl.DateTimeFormat {
  const key = `${current}|${style}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(current, style === 'date' ? { dateStyle: 'medium', timeZone: 'Asia/Shanghai' } : { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
    formatters.set(key, f);
  }
  return f;
}
function numberFormat(digits: number): Intl.NumberFormat {
  const key = `${current}|n${digits}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(current, { maximumFractionDigits: digits });
    formatters.set(key, f);
  }
  return f;
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00+08:00` : iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat('date').format(d);
}

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat('datetime').format(d);
}

export function fmtNum(n: number): string {
  return numberFormat(3).format(n);
}

export function fmtBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${numberFormat(i ? 1 : 0).format(v)} ${units[i]}`;
}
