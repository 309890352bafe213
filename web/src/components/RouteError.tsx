import { useRouteError } from 'react-router';
import { Button } from 'antd';
import { errorText } from '../app/errors';
import { useLocale, useT } from '../app/locale';

/**
 * The last-resort screen when a page throws or its code cannot be loaded. Kept plain (no heavy
 * components) because it lives in the entry chunk.
 */
export function RouteError() {
  const error = useRouteError();
  const { locale } = useLocale();
  const t = useT();
  return (
    <div
      role="alert"
      style={{ maxWidth: 480, margin: '80px auto', padding: 24, textAlign: 'center' }}
    >
      <h2 style={{ fontWeight: 500 }}>{t('app.name')}</h2>
      <p data-testid="route-error">{errorText(locale, error)}</p>
      <Button type="primary" onClick={() => window.location.reload()}>
        {t('common.reload')}
      </Button>
    </div>
  );
}
