import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Form, Typography } from 'antd';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';
import { normalizeReceipt } from '../opinions/types';
import { ReceiptCodeItem } from '../opinions/ReceiptStep';
import { ObjectionCard } from './parts';
import { noticesApi, type ObjectionView } from './types';

/**
 * 查询异议 (public, no sign-in needed): an anonymous objector follows their objection with the
 * receipt code, signed out if they like, so no session ever stands beside the code.
 */
export default function TrackObjectionPage() {
  const t = useT();
  usePageTitle('notices.web.tab.track');
  return (
    <div style={{ maxWidth: 720, margin: '0 auto', padding: 12 }}>
      <PageHeader title={t('notices.web.tab.track')} />
      <TrackObjection />
    </div>
  );
}

export function TrackObjection() {
  const t = useT();
  const [form] = Form.useForm<{ receiptCode: string }>();
  const [objection, setObjection] = useState<ObjectionView | null>(null);
  const track = useMutation({
    mutationFn: (code: string) => noticesApi.track(code),
    onSuccess: (res) => setObjection(res.objection),
    onError: () => setObjection(null),
  });
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('notices.web.track.intro')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={({ receiptCode }) => {
            const digits = normalizeReceipt(receiptCode);
            if (digits) track.mutate(digits);
          }}
        >
          <ErrorAlert error={track.error} testId="objection-track-error" />
          <ReceiptCodeItem
            label={t('notices.web.track.code')}
            invalid={t('notices.web.track.invalid')}
            testId="objection-track-code"
          />
          <Button
            type="primary"
            htmlType="submit"
            loading={track.isPending}
            data-testid="objection-track-submit"
          >
            {t('notices.web.track.go')}
          </Button>
        </Form>
      </Card>
      {objection ? <ObjectionCard objection={objection} showNotice /> : null}
    </>
  );
}
