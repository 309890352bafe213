import { Alert, Button } from 'antd';
import { errorText } from '../app/errors';
import { useLocale, useT } from '../app/locale';

/** An error from the API, in the page's language, with an optional retry. */
export function ErrorAlert({
  error,
  onRetry,
  testId,
}: {
  error: unknown;
  onRetry?: () => void;
  testId?: string;
}) {
  const { locale } = useLocale();
  const t = useT();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={testId ?? 'error-alert'}
      title={errorText(locale, error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
