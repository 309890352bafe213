import { en } from './en.js';
import { zhCN, type MessageKey as CoreMessageKey } from './zh-CN.js';
import { calendarEn, calendarZhCN } from '../services/calendar.js';
import { notificationsEn, notificationsZhCN } from '../services/notifications.js';
import { filesEn, filesZhCN } from '../services/files.js';
import { searchEn, searchZhCN } from '../services/search.js';
import { poolEn, poolZhCN } from '../services/pool.js';
import { opinionsEn, opinionsZhCN } from '../modules/opinions.js';
import { opinionsHandlingEn, opinionsHandlingZhCN } from '../modules/opinions-handling.js';
import { opinionsFiguresEn, opinionsFiguresZhCN } from '../modules/opinions-figures.js';
import { opinionsWebEn, opinionsWebZhCN } from '../modules/opinions-web.js';
import { noticesEn, noticesZhCN } from '../modules/notices.js';
import { noticesWebEn, noticesWebZhCN } from '../modules/notices-web.js';
import { surveysEn, surveysZhCN } from '../modules/surveys.js';
import { surveysTextEn, surveysTextZhCN } from '../modules/surveys-text.js';
import { surveysResultsEn, surveysResultsZhCN } from '../modules/surveys-results.js';
import { surveysWebEn, surveysWebZhCN } from '../modules/surveys-web.js';
import { consultationsEn, consultationsZhCN } from '../modules/consultations.js';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** Every shared key: the core's and each shared service's. */
export type MessageKey =
  | CoreMessageKey
  | keyof typeof calendarZhCN
  | keyof typeof notificationsZhCN
  | keyof typeof filesZhCN
  | keyof typeof searchZhCN
  | keyof typeof poolZhCN
  | keyof typeof opinionsZhCN
  | keyof typeof opinionsHandlingZhCN
  | keyof typeof opinionsFiguresZhCN
  | keyof typeof opinionsWebZhCN
  | keyof typeof noticesZhCN
  | keyof typeof noticesWebZhCN
  | keyof typeof surveysZhCN
  | keyof typeof surveysTextZhCN
  | keyof typeof surveysResultsZhCN
  | keyof typeof surveysWebZhCN
  | keyof typeof consultationsZhCN;

const dictionaries: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    ...zhCN,
    ...calendarZhCN,
    ...notificationsZhCN,
    ...filesZhCN,
    ...searchZhCN,
    ...poolZhCN,
    ...opinionsZhCN,
    ...opinionsHandlingZhCN,
    ...opinionsFiguresZhCN,
    ...opinionsWebZhCN,
    ...noticesZhCN,
    ...noticesWebZhCN,
    ...surveysZhCN,
    ...surveysTextZhCN,
    ...surveysResultsZhCN,
    ...surveysWebZhCN,
    ...consultationsZhCN,
  },
  en: {
    ...en,
    ...calendarEn,
    ...notificationsEn,
    ...filesEn,
    ...searchEn,
    ...poolEn,
    ...opinionsEn,
    ...opinionsHandlingEn,
    ...opinionsFiguresEn,
    ...opinionsWebEn,
    ...noticesEn,
    ...noticesWebEn,
    ...surveysEn,
    ...surveysTextEn,
    ...surveysResultsEn,
    ...surveysWebEn,
    ...consultationsEn,
  },
};

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
