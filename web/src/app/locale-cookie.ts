import type { Locale } from '@lianxin/common';

/** The cookie the server reads to answer errors in the same language as the page. */
export const LOCALE_COOKIE = 'lx_locale';

/** The locale stored in a `document.cookie` string; Chinese unless English was chosen. */
export function localeFromCookie(cookie: string): Locale {
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === LOCALE_COOKIE) return rest.join('=') === 'en' ? 'en' : 'zh-CN';
  }
  return 'zh-CN';
}

/** The `document.cookie` assignment that stores a locale for a year, on every path. */
export function localeCookie(locale: Locale, secure: boolean): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? '; Secure' : ''}`;
}
