import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Form, Typography } from 'antd';
import { apiRequest } from '../../app/api';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';
import { SubmitterView, type RatingValues } from './parts';
import { ReceiptCodeItem } from './ReceiptStep';
import { normalizeReceipt, type OpinionView } from './types';

/** Public calls: the session (if any) is irrelevant, and a 401 must never bounce to the login. */
const post = <T,>(path: string, body: unknown) =>
  apiRequest<T>(path, { method: 'POST', body, noAuthRedirect: true });

/**
 * 查询进度 (public, no sign-in): the receipt code finds the anonymous item; the code is kept
 * only in this page's memory, never in storage or the address.
 */
export default function TrackPage() {
  const t = useT();
  usePageTitle('menu.opinionTrack');
  const [code, setCode] = useState<string | null>(null);
  const [opinion, setOpinion] = useState<OpinionView | null>(null);
  const [form] = Form.useForm<{ receiptCode: string }>();

  const track = useMutation({
    mutationFn: (receiptCode: string) =>
      post<{ opinion: OpinionView }>('/api/opinions/track', { receiptCode }),
    onSuccess: (res, receiptCode) => {
      setCode(receiptCode);
      setOpinion(res.opinion);
    },
    onError: () => setOpinion(null),
  });
  const reload = async (receiptCode: string) => {
    const res = await post<{ opinion: OpinionView }>('/api/opinions/track', { receiptCode });
    setOpinion(res.opinion);
  };
  const answer = async (body: string) => {
    if (!code) return;
    await post('/api/opinions/track/answer', { receiptCode: code, body });
    await reload(code);
  };
  const rate = async (values: RatingValues) => {
    if (!code) return;
    await post('/api/opinions/track/rate', { receiptCode: code, ...values });
    await reload(code);
  };
  const clear = () => {
    setCode(null);
    setOpinion(null);
    track.reset();
    form.resetFields();
  };

  return (
    <div style={{ maxWidth: 720, margin: '0 auto', padding: 12 }}>
      <PageHeader title={t('menu.opinionTrack')} />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('opinions.track.intro')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={({ receiptCode }) => {
            const digits = normalizeReceipt(receiptCode);
            if (digits) track.mutate(digits);
          }}
        >
          <ErrorAlert error={track.error} testId="track-error" />
          <ReceiptCodeItem
            label={t('opinions.track.code')}
            invalid={t('opinions.track.invalid')}
            testId="track-code"
          />
          <Button
            type="primary"
            htmlType="submit"
            loading={track.isPending}
            data-testid="track-submit"
          >
            {t('opinions.track.go')}
          </Button>{' '}
          {opinion ? (
            <Button onClick={clear} data-testid="track-clear">
              {t('opinions.track.forget')}
            </Button>
          ) : null}
        </Form>
      </Card>
      {opinion ? (
        <Card data-testid="track-result">
          <SubmitterView opinion={opinion} onAnswer={answer} onRate={rate} />
        </Card>
      ) : null}
    </div>
  );
}
