import { en } from './en.js';
import { zhCN, type MessageKey } from './zh-CN.js';

export type Locale = 'zh-CN' | 'en';
export type { MessageKey };
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const dictionaries: Record<Locale, Record<string, string>> = { 'zh-CN': zhCN, en };

/** Translate a key, filling `{name}` placeholders. Unknown keys fall back to zh-CN, then the key. */
export function translate(
  locale: Locale,
  key: string,
  params?: Record<string, string | number>,
): string {
  const text = dictionaries[locale][key] ?? dictionaries['zh-CN'][key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Add a module's messages (web pages register theirs at import time). */
export function registerMessages(locale: Locale, messages: Record<string, string>): void {
  Object.assign(dictionaries[locale], messages);
}

/** Pick a locale from an Accept-Language header: Chinese unless English is preferred. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
