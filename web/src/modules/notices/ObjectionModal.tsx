import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import { useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AttachmentUpload } from '../files/AttachmentUpload';
import { newIdempotencyKey } from '../opinions/types';
import { ReceiptStep } from '../opinions/ReceiptStep';
import {
  MINE_KEY,
  REASONS_MAX,
  noticeKey,
  submitObjection,
  type NoticeItem,
  type NoticeView,
  type ObjectionView,
} from './types';

interface Values {
  itemId: number;
  reasons: string;
  anonymous: boolean;
  attachmentIds?: string[];
}

/**
 * 提出异议 on one item during the period: reasons, evidence, named by default; anonymous only
 * where the notice's type allows it, and then the receipt code is shown once.
 */
export function ObjectionModal({
  notice,
  item,
  onClose,
}: {
  notice: NoticeView;
  item: NoticeItem | null;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const anonymous = Form.useWatch('anonymous', form) ?? false;
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ objection: ObjectionView; receiptCode?: string } | null>(null);
  const open = item !== null;

  const close = () => {
    form.resetFields();
    setDone(null);
    setError(null);
    setKey(newIdempotencyKey());
    onClose();
  };

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await submitObjection(
        notice.id,
        {
          itemId: v.itemId,
          reasons: v.reasons.trim(),
          anonymous: notice.anonymousObjections && !!v.anonymous,
          attachmentIds: v.attachmentIds ?? [],
        },
        key,
      );
      setDone(answer);
      void queryClient.invalidateQueries({ queryKey: MINE_KEY });
      void queryClient.invalidateQueries({ queryKey: noticeKey(notice.id) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const choices = notice.items.filter((i) => i.status !== 'withdrawn');

  return (
    <Modal
      open={open}
      title={t('notices.web.object.title')}
      onCancel={close}
      footer={null}
      destroyOnHidden
      width="min(640px, 100vw)"
      data-testid="objection-modal"
    >
      {done ? (
        done.receiptCode ? (
          <ReceiptStep
            code={done.receiptCode}
            onDone={close}
            keys="notices.web.receipt"
            trackPath="/notices/track"
            testId="objection-receipt"
            framed={false}
          />
        ) : (
          <div data-testid="objection-submitted">
            <Typography.Paragraph>{t('notices.web.object.submitted')}</Typography.Paragraph>
            <Button type="primary" onClick={close} data-testid="objection-submitted-ok">
              {t('common.ok')}
            </Button>
          </div>
        )
      ) : open ? (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ itemId: item.id, anonymous: false, attachmentIds: [] }}
          onFinish={(v) => void onFinish(v)}
          data-testid="objection-form"
        >
          <ErrorAlert error={error} testId="objection-form-error" />
          <Form.Item
            name="itemId"
            label={t('notices.web.object.item')}
            rules={[{ required: true }]}
          >
            <Select
              data-testid="objection-item"
              options={choices.map((i) => ({ value: i.id, label: `${i.seq}. ${i.name}` }))}
            />
          </Form.Item>
          <Form.Item
            name="reasons"
            label={t('notices.web.object.reasons')}
            rules={[
              { required: true, whitespace: true, message: t('notices.web.required') },
              { max: REASONS_MAX, message: t('notices.web.tooLong', { max: REASONS_MAX }) },
            ]}
          >
            <Input.TextArea
              rows={5}
              maxLength={REASONS_MAX}
              showCount
              placeholder={t('notices.web.object.reasonsPlaceholder')}
              data-testid="objection-reasons-input"
            />
          </Form.Item>
          <Form.Item
            name="attachmentIds"
            label={t('notices.web.object.evidence')}
            key={anonymous ? 'anon' : 'named'}
          >
            <AttachmentUpload anonymous={anonymous} testId="objection-attachments-upload" />
          </Form.Item>
          {notice.anonymousObjections ? (
            <Form.Item
              name="anonymous"
              label={t('notices.web.object.anonymous')}
              valuePropName="checked"
            >
              <Switch
                data-testid="objection-anonymous"
                onChange={() => form.setFieldValue('attachmentIds', [])}
              />
            </Form.Item>
          ) : (
            <Typography.Paragraph type="secondary" data-testid="objection-named-only">
              {t('notices.web.object.namedOnly')}
            </Typography.Paragraph>
          )}
          {anonymous ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('notices.web.object.anonymousWarning')}
            />
          ) : null}
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={busy}
            data-testid="objection-submit"
          >
            {t('notices.web.object.submit')}
          </Button>
        </Form>
      ) : null}
    </Modal>
  );
}
