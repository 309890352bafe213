import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { translate, type Locale } from '@lianxin/common';
import type { TFunction } from '../i18n';
import { localeCookie, localeFromCookie } from './locale-cookie';

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState | null>(null);

function apply(locale: Locale) {
  document.cookie = localeCookie(locale, window.location.protocol === 'https:');
  document.documentElement.lang = locale;
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
}

function initialLocale(): Locale {
  const locale = localeFromCookie(document.cookie);
  // Write it back so the server answers errors in the page's language even on a first visit.
  apply(locale);
  return locale;
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    apply(next);
    setState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside LocaleProvider');
  return state;
}

/** `t(key, params)` in the current language. */
export function useT(): TFunction {
  const { locale } = useLocale();
  return useCallback<TFunction>((key, params) => translate(locale, key, params), [locale]);
}
