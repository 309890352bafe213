import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ObjectionCard } from './parts';
import {
  FINDINGS,
  NOTICES_KEY,
  noticeKey,
  noticesApi,
  type Finding,
  type ItemAction,
  type NoticeView,
  type ObjectionView,
} from './types';

/** After any office action: the notice, the lists and the badge are fetched again. */
export function refreshNotice(id: number) {
  void queryClient.invalidateQueries({ queryKey: noticeKey(id) });
  void queryClient.invalidateQueries({ queryKey: NOTICES_KEY });
}

type Decision = 'approve' | 'schedule' | 'reject';

/** 审核: another office member approves now, schedules for a time, or rejects with a comment. */
export function ReviewModal({
  notice,
  open,
  onClose,
}: {
  notice: NoticeView;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ decision: Decision; comment?: string; publishAt?: Dayjs }>();
  const decision = Form.useWatch('decision', form) ?? 'approve';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const finish = async (v: { decision: Decision; comment?: string; publishAt?: Dayjs }) => {
    setBusy(true);
    setError(null);
    try {
      await noticesApi.review(notice.id, {
        approve: v.decision !== 'reject',
        comment: v.comment?.trim() || undefined,
        publishAt: v.decision === 'schedule' && v.publishAt ? v.publishAt.toISOString() : null,
      });
      refreshNotice(notice.id);
      form.resetFields();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('notices.web.review.title')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width="min(560px, 100vw)"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ decision: 'approve' }}
        onFinish={(v) => void finish(v)}
        data-testid="notice-review-form"
      >
        <ErrorAlert error={error} testId="notice-review-error" />
        <Form.Item name="decision">
          <Radio.Group data-testid="notice-review-decision">
            <Radio value="approve" data-testid="notice-review-approve">
              {t('notices.web.review.approve')}
            </Radio>
            <Radio value="schedule" data-testid="notice-review-schedule">
              {t('notices.web.review.schedule')}
            </Radio>
            <Radio value="reject" data-testid="notice-review-reject">
              {t('notices.web.review.reject')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {decision === 'schedule' ? (
          <Form.Item
            name="publishAt"
            label={t('notices.web.review.publishAt')}
            rules={[{ required: true, message: t('notices.web.required') }]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
              data-testid="notice-review-publish-at"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="comment"
          label={t('notices.web.review.comment')}
          rules={
            decision === 'reject'
              ? [
                  {
                    required: true,
                    whitespace: true,
                    message: t('notices.web.review.commentRequired'),
                  },
                ]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="notice-review-comment" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="notice-review-ok">
          {t('notices.web.review.ok')}
        </Button>
      </Form>
    </Modal>
  );
}

/** 结束公示: refused (with the API's reason) before the period ends or while objections are open. */
export function CloseModal({
  notice,
  open,
  onClose,
}: {
  notice: NoticeView;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = async () => {
    setBusy(true);
    setError(null);
    try {
      await noticesApi.close(notice.id, note.trim() || undefined);
      refreshNotice(notice.id);
      setNote('');
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('notices.web.close.title')}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      footer={null}
      destroyOnHidden
      width="min(560px, 100vw)"
    >
      <div data-testid="notice-close-form">
        <ErrorAlert error={error} testId="notice-close-error" />
        <Typography.Paragraph type="secondary">
          {t('notices.web.close.explain')}
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('notices.web.close.note')}
          data-testid="notice-close-note"
          style={{ marginBottom: 12 }}
        />
        <Button
          type="primary"
          loading={busy}
          onClick={() => void close()}
          data-testid="notice-close-ok"
        >
          {t('notices.web.close.ok')}
        </Button>
      </div>
    </Modal>
  );
}

interface FindingValues {
  finding: Finding;
  explanation: string;
  itemAction: ItemAction;
  name?: string;
  detail?: string;
}

/** The finding of one objection: upheld needs the item withdrawn or corrected. */
function FindingForm({ objection, notice }: { objection: ObjectionView; notice: NoticeView }) {
  const t = useT();
  const [form] = Form.useForm<FindingValues>();
  const finding = Form.useWatch('finding', form);
  const action = Form.useWatch('itemAction', form) ?? 'none';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const item = notice.items.find((i) => i.id === objection.itemId);
  const finish = async (v: FindingValues) => {
    setBusy(true);
    setError(null);
    try {
      await noticesApi.finding(objection.id, {
        finding: v.finding,
        explanation: v.explanation.trim(),
        itemAction: v.itemAction,
        ...(v.itemAction === 'correct'
          ? { correction: { name: (v.name ?? '').trim(), detail: (v.detail ?? '').trim() } }
          : {}),
      });
      void queryClient.invalidateQueries({ queryKey: [...noticeKey(notice.id), 'objections'] });
      refreshNotice(notice.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<FindingValues>
      form={form}
      layout="vertical"
      initialValues={{ itemAction: 'none', name: item?.name, detail: item?.detail }}
      onFinish={(v) => void finish(v)}
      data-testid="objection-finding-form"
      style={{ marginTop: 12, borderTop: '1px dashed #f0f0f0', paddingTop: 12 }}
    >
      <ErrorAlert error={error} testId="objection-finding-error" />
      <Form.Item
        name="finding"
        label={t('notices.web.finding.label')}
        rules={[{ required: true, message: t('notices.web.required') }]}
      >
        <Radio.Group
          data-testid="objection-finding-choice"
          onChange={(e) => {
            if (e.target.value === 'not_upheld') form.setFieldValue('itemAction', 'none');
          }}
        >
          {FINDINGS.map((f) => (
            <Radio key={f} value={f} data-testid={`objection-finding-${f}`}>
              {t(`notices.web.finding.${f}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="explanation"
        label={t('notices.web.finding.explanation')}
        rules={[{ required: true, whitespace: true, message: t('notices.web.required') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="objection-finding-explanation" />
      </Form.Item>
      {finding && finding !== 'not_upheld' ? (
        <Form.Item name="itemAction" label={t('notices.web.finding.itemAction')}>
          <Segmented
            data-testid="objection-finding-action"
            options={(['withdraw', 'correct', 'none'] as const).map((a) => ({
              value: a,
              label: t(`notices.web.finding.action.${a}`),
            }))}
          />
        </Form.Item>
      ) : null}
      {action === 'correct' ? (
        <Flex gap={8} wrap>
          <Form.Item
            name="name"
            label={t('notices.web.editor.itemName')}
            rules={[{ required: true, whitespace: true, message: t('notices.web.required') }]}
            style={{ flex: '1 1 140px' }}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="detail"
            label={t('notices.web.editor.itemDetail')}
            style={{ flex: '2 1 180px' }}
          >
            <Input maxLength={500} />
          </Form.Item>
        </Flex>
      ) : null}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="objection-finding-save">
        {t('notices.web.finding.save')}
      </Button>
    </Form>
  );
}

/** The objections to a notice (office), each with its finding or the form to record it. */
export function ObjectionsPanel({ notice }: { notice: NoticeView }) {
  const t = useT();
  const list = useQuery({
    queryKey: [...noticeKey(notice.id), 'objections'],
    queryFn: () => noticesApi.objections(notice.id),
  });
  return (
    <div data-testid="notice-objections">
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.data && !list.data.items.length ? (
        <Empty description={t('notices.web.objections.empty')} />
      ) : null}
      {(list.data?.items ?? []).map((o) => (
        <ObjectionCard
          key={o.id}
          objection={o}
          extra={o.status === 'open' ? <FindingForm objection={o} notice={notice} /> : null}
        />
      ))}
    </div>
  );
}
