import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Flex, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useT } from '../../app/locale';
import { groupReceipt } from './types';

/** The receipt code, shown once: copy it, tick "written down", only then leave. */
export function ReceiptStep({ code, onDone }: { code: string; onDone: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [confirmed, setConfirmed] = useState(false);
  const grouped = groupReceipt(code);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(grouped);
      void message.success(t('opinions.receipt.copied'));
    } catch {
      void message.warning(t('opinions.receipt.copyFailed'));
    }
  };
  return (
    <Card data-testid="opinion-receipt">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('opinions.receipt.title')}
      </Typography.Title>
      <Alert
        type="warning"
        showIcon
        title={t('opinions.receipt.once')}
        style={{ marginBottom: 16 }}
      />
      <Flex align="center" gap={8} wrap style={{ marginBottom: 16 }}>
        <Typography.Text
          code
          copyable={false}
          style={{ fontSize: 22, letterSpacing: 1, userSelect: 'all' }}
          data-testid="opinion-receipt-code"
        >
          {grouped}
        </Typography.Text>
        <Button
          icon={<CopyOutlined />}
          onClick={() => void copy()}
          data-testid="opinion-receipt-copy"
        >
          {t('opinions.receipt.copy')}
        </Button>
      </Flex>
      <Checkbox
        checked={confirmed}
        onChange={(e) => setConfirmed(e.target.checked)}
        data-testid="opinion-receipt-confirm"
        style={{ marginBottom: 16 }}
      >
        {t('opinions.receipt.confirm')}
      </Checkbox>
      <Flex gap={8} wrap>
        <Button
          type="primary"
          disabled={!confirmed}
          onClick={onDone}
          data-testid="opinion-receipt-done"
        >
          {t('opinions.receipt.done')}
        </Button>
        <Button disabled={!confirmed} onClick={() => void navigate('/track')}>
          {t('opinions.receipt.track')}
        </Button>
      </Flex>
    </Card>
  );
}
