import { useState } from 'react';
import { Button, Descriptions, Empty, Form, Input, Radio, Tag, Timeline, Typography } from 'antd';
import { useLocale, useT } from '../../app/locale';
import { formatDateTime } from '../../app/format';
import { translateOptional } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  BODY_MAX,
  SATISFACTIONS,
  SOLVED,
  STATUS_COLOR,
  eventDepartment,
  type OpinionEvent,
  type OpinionStatus,
  type OpinionView,
  type Satisfaction,
  type Solved,
} from './types';

/** A status as a coloured tag. */
export function StatusTag({ status }: { status: OpinionStatus | string }) {
  const { locale } = useLocale();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} data-testid="opinion-status">
      {translateOptional(locale, `opinions.status.${status}`) ?? status}
    </Tag>
  );
}

export function KindTag({ kind }: { kind: string }) {
  const { locale } = useLocale();
  return <Tag>{translateOptional(locale, `opinions.kind.${kind}`) ?? kind}</Tag>;
}

/** The timeline: each step with its date (and time only where one was stored), text as text. */
export function OpinionTimeline({ events }: { events: OpinionEvent[] | undefined }) {
  const t = useT();
  const { locale } = useLocale();
  if (!events?.length) return <Empty description={t('opinions.detail.noEvents')} />;
  return (
    <Timeline
      data-testid="opinion-timeline"
      items={events.map((e, i) => ({
        key: String(e.id ?? i),
        content: (
          <div data-testid="opinion-event" data-type={e.type}>
            <Typography.Text strong>
              {translateOptional(locale, `opinions.event.${e.type}`) ?? e.type}
            </Typography.Text>{' '}
            <Typography.Text type="secondary">
              {eventDepartment(e) ??
                e.authorName ??
                translateOptional(locale, `opinions.author.${e.author}`) ??
                ''}
              {' · '}
              {e.at ? formatDateTime(e.at) : e.on}
            </Typography.Text>
            {e.visibleToSubmitter === false ? (
              <Tag style={{ marginLeft: 8 }}>{t('opinions.internalTag')}</Tag>
            ) : null}
            {e.body ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {e.body}
              </Typography.Paragraph>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}

/** The submitter's rating, once given. */
export function RatingSummary({ opinion }: { opinion: OpinionView }) {
  const t = useT();
  if (!opinion.satisfaction) return null;
  return (
    <Descriptions size="small" column={1} title={t('opinions.detail.rating')}>
      <Descriptions.Item label={t('opinions.form.satisfaction')}>
        {t(`opinions.satisfaction.${opinion.satisfaction}`)}
      </Descriptions.Item>
      {opinion.solved ? (
        <Descriptions.Item label={t('opinions.form.solved')}>
          {t(`opinions.solved.${opinion.solved}`)}
        </Descriptions.Item>
      ) : null}
      {opinion.ratingComment ? (
        <Descriptions.Item label={t('opinions.form.comment')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{opinion.ratingComment}</span>
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

/** Answer a handler's question (named: /:id/answer; anonymous: /track/answer). */
export function AnswerForm({ onSubmit }: { onSubmit: (body: string) => Promise<unknown> }) {
  const t = useT();
  const [form] = Form.useForm<{ body: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={async ({ body }) => {
        setBusy(true);
        setError(null);
        try {
          await onSubmit(body.trim());
          form.resetFields();
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <ErrorAlert error={error} />
      <Form.Item
        name="body"
        label={t('opinions.action.answer')}
        rules={[{ required: true, whitespace: true, message: t('opinions.required') }]}
      >
        <Input.TextArea rows={3} maxLength={BODY_MAX} showCount data-testid="opinion-answer-body" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="opinion-answer-submit">
        {t('common.submit')}
      </Button>
    </Form>
  );
}

export interface RatingValues {
  satisfaction: Satisfaction;
  solved: Solved;
  comment?: string;
}

/** The two-part rating: satisfaction and solved, with an optional comment. */
export function RatingForm({
  onSubmit,
  redoPossible,
}: {
  onSubmit: (values: RatingValues) => Promise<unknown>;
  redoPossible?: boolean;
}) {
  const t = useT();
  const [form] = Form.useForm<RatingValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="opinion-rate-form"
      onFinish={async (values) => {
        setBusy(true);
        setError(null);
        try {
          const comment = values.comment?.trim();
          await onSubmit({ ...values, comment: comment || undefined });
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <ErrorAlert error={error} />
      <Form.Item
        name="satisfaction"
        label={t('opinions.form.satisfaction')}
        rules={[{ required: true, message: t('opinions.required') }]}
      >
        <Radio.Group data-testid="opinion-rate-satisfaction">
          {SATISFACTIONS.map((s) => (
            <Radio.Button key={s} value={s}>
              <span data-testid={`opinion-rate-option-${s}`}>
                {t(`opinions.satisfaction.${s}`)}
              </span>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="solved"
        label={t('opinions.form.solved')}
        rules={[{ required: true, message: t('opinions.required') }]}
      >
        <Radio.Group data-testid="opinion-rate-solved">
          {SOLVED.map((s) => (
            <Radio.Button key={s} value={s}>
              <span data-testid={`opinion-rate-option-${s}`}>{t(`opinions.solved.${s}`)}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="comment" label={t('opinions.form.comment')}>
        <Input.TextArea rows={2} maxLength={1000} showCount data-testid="opinion-rate-comment" />
      </Form.Item>
      {redoPossible ? (
        <Typography.Paragraph type="secondary">{t('opinions.rate.redoNote')}</Typography.Paragraph>
      ) : null}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="opinion-rate-submit">
        {t('opinions.action.rate')}
      </Button>
    </Form>
  );
}

/** What the submitter sees of their item (named or by receipt): text, timeline, answer, rate. */
export function SubmitterView({
  opinion,
  onAnswer,
  onRate,
}: {
  opinion: OpinionView;
  onAnswer: (body: string) => Promise<unknown>;
  onRate: (values: RatingValues) => Promise<unknown>;
}) {
  const t = useT();
  return (
    <div data-testid="opinion-submitter-view">
      <Typography.Title level={4} data-testid="opinion-title" style={{ marginTop: 0 }}>
        {opinion.title}
      </Typography.Title>
      <div style={{ marginBottom: 8 }}>
        <KindTag kind={opinion.kind} />
        <StatusTag status={opinion.status} />
        <Typography.Text type="secondary">
          {t('opinions.detail.submittedOn')} {opinion.submittedOn}
        </Typography.Text>
      </div>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="opinion-content">
        {opinion.content}
      </Typography.Paragraph>
      {opinion.status === 'merged' ? (
        <Typography.Paragraph type="warning">
          {t('opinions.detail.mergedInto')}
        </Typography.Paragraph>
      ) : null}
      <Typography.Title level={5}>{t('opinions.detail.timeline')}</Typography.Title>
      <OpinionTimeline events={opinion.timeline} />
      {opinion.followed ? (
        // A merged item's answers are those of the item it joined: the submitter reads them here.
        <div data-testid="opinion-followed">
          <Typography.Title level={5}>{t('opinions.detail.followedAnswers')}</Typography.Title>
          <OpinionTimeline events={opinion.followed.events} />
        </div>
      ) : null}
      <RatingSummary opinion={opinion} />
      {opinion.abilities.answer ? <AnswerForm onSubmit={onAnswer} /> : null}
      {opinion.abilities.rate ? (
        <RatingForm onSubmit={onRate} redoPossible={!opinion.redoUsed} />
      ) : null}
    </div>
  );
}
