import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useT } from '../../app/locale';
import { groupReceipt, normalizeReceipt } from './types';

/** The message keys of a receipt step: the opinion box's, or a notice objection's. */
type ReceiptKeys = 'opinions.receipt' | 'notices.web.receipt';

/**
 * The receipt code of an anonymous item, shown once: copy it, tick "written down", only then
 * leave (to `trackPath`, the public page that follows it). Used by the opinion box and by
 * anonymous objections to notices.
 */
export function ReceiptStep({
  code,
  onDone,
  title,
  keys = 'opinions.receipt',
  trackPath = '/track',
  testId = 'opinion-receipt',
  framed = true,
}: {
  code: string;
  onDone: () => void;
  title?: string;
  keys?: ReceiptKeys;
  trackPath?: string;
  testId?: string;
  /** In a card (a page step), or bare (inside a modal). */
  framed?: boolean;
}) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [confirmed, setConfirmed] = useState(false);
  const grouped = groupReceipt(code);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(grouped);
      void message.success(t(`${keys}.copied`));
    } catch {
      void message.warning(t(`${keys}.copyFailed`));
    }
  };
  const body = (
    <>
      {title ? (
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
      ) : null}
      <Alert type="warning" showIcon title={t(`${keys}.once`)} style={{ marginBottom: 16 }} />
      <Flex align="center" gap={8} wrap style={{ marginBottom: 16 }}>
        <Typography.Text
          code
          copyable={false}
          style={{ fontSize: 22, letterSpacing: 1, userSelect: 'all' }}
          data-testid={`${testId}-code`}
        >
          {grouped}
        </Typography.Text>
        <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid={`${testId}-copy`}>
          {t(`${keys}.copy`)}
        </Button>
      </Flex>
      <Checkbox
        checked={confirmed}
        onChange={(e) => setConfirmed(e.target.checked)}
        data-testid={`${testId}-confirm`}
        style={{ marginBottom: 16 }}
      >
        {t(`${keys}.confirm`)}
      </Checkbox>
      <Flex gap={8} wrap>
        <Button
          type="primary"
          disabled={!confirmed}
          onClick={onDone}
          data-testid={`${testId}-done`}
        >
          {t(`${keys}.done`)}
        </Button>
        <Button disabled={!confirmed} onClick={() => void navigate(trackPath)}>
          {t(`${keys}.track`)}
        </Button>
      </Flex>
    </>
  );
  return framed ? <Card data-testid={testId}>{body}</Card> : <div data-testid={testId}>{body}</div>;
}

/**
 * The receipt-code field of a tracking form (name `receiptCode`): grouped by fours as typed,
 * refused unless it holds 16 digits.
 */
export function ReceiptCodeItem({
  label,
  invalid,
  testId,
}: {
  label: string;
  invalid: string;
  testId: string;
}) {
  return (
    <Form.Item
      name="receiptCode"
      label={label}
      normalize={(v: string) => groupReceipt(v.replace(/[^\d\s-]/g, '')).slice(0, 19)}
      rules={[
        {
          validator: (_r, v: string | undefined) =>
            v && normalizeReceipt(v) ? Promise.resolve() : Promise.reject(new Error(invalid)),
        },
      ]}
    >
      <Input
        inputMode="numeric"
        autoComplete="off"
        placeholder="1234 5678 9012 3456"
        style={{ fontSize: 18, letterSpacing: 1 }}
        data-testid={testId}
      />
    </Form.Item>
  );
}
