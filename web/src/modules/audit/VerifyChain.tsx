import { useMutation } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { VerifyResult } from './types';

export function VerifyChainButton({
  onResult,
}: {
  onResult: (r: VerifyResult | null, err: unknown) => void;
}) {
  const t = useT();
  const verify = useMutation({
    mutationFn: () => api.get<VerifyResult>('/api/audit/verify'),
    onMutate: () => onResult(null, null),
    onSuccess: (r) => onResult(r, null),
    onError: (err) => onResult(null, err),
  });
  return (
    <Button
      icon={<SafetyCertificateOutlined />}
      loading={verify.isPending}
      onClick={() => verify.mutate()}
      data-testid="audit-verify"
    >
      {t('audit.verify')}
    </Button>
  );
}

/** The verification's outcome: intact, or the first broken link. */
export function VerifyChainResult({
  result,
  error,
}: {
  result: VerifyResult | null;
  error: unknown;
}) {
  const t = useT();
  if (error) return <ErrorAlert error={error} testId="audit-verify-error" />;
  if (!result) return null;
  const first = result.breaks[0];
  return (
    <Alert
      type={result.ok ? 'success' : 'error'}
      showIcon
      data-testid="audit-verify-result"
      data-ok={result.ok ? 'true' : 'false'}
      style={{ marginBottom: 16 }}
      title={
        result.ok
          ? t('audit.verifyOk', { checked: result.checked })
          : !first
            ? t('error.INTERNAL')
            : t('audit.verifyBroken', {
                count: result.breaks.length,
                checked: result.checked,
                unitId: first.unitId,
                seq: first.seq,
                id: first.id,
                reason: first.reason,
              })
      }
    />
  );
}
