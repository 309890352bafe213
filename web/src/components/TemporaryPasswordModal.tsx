import { Alert, Modal, Typography } from 'antd';
import { useT } from '../app/locale';

/** Shows a temporary password exactly once, with a copy button. */
export function TemporaryPasswordModal({
  password,
  username,
  onClose,
}: {
  password: string | null;
  username?: string;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal
      open={password !== null}
      title={t('temporaryPassword.title')}
      onCancel={onClose}
      onOk={onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {username ? (
        <Typography.Paragraph>{t('temporaryPassword.for', { username })}</Typography.Paragraph>
      ) : null}
      <Typography.Paragraph
        data-testid="temporary-password"
        copyable={{ text: password ?? '', tooltips: [t('common.copy'), t('common.copied')] }}
        style={{
          fontSize: 20,
          fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
          letterSpacing: 1,
        }}
      >
        {password}
      </Typography.Paragraph>
      <Alert type="warning" showIcon title={t('temporaryPassword.note')} />
    </Modal>
  );
}
