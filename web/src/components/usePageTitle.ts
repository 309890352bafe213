import { useEffect } from 'react';
import { useT } from '../app/locale';
import type { TKey } from '../i18n';

/** `页面 · 连心` in the browser tab, in the current language. */
export function usePageTitle(key: TKey): void {
  const t = useT();
  useEffect(() => {
    document.title = `${t(key)} · ${t('app.name')}`;
  }, [t, key]);
}
