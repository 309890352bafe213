import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { api } from '../../app/api';
import { useLocale, useT } from '../../app/locale';
import { translateOptional } from '../../i18n';
import { todayInShanghai } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSpinner } from '../../components/PageSpinner';
import { usePageTitle } from '../../components/usePageTitle';
import { queryClient } from '../../app/queryClient';
import type { TKey } from '../../i18n';
import { AttachmentList } from '../files/AttachmentList';
import { useDepartments } from '../org/api';
import { departmentOptions } from '../org/departments/tree';
import { KindTag, OpinionTimeline, RatingSummary, StatusTag, SubmitterView } from './parts';
import {
  BODY_MAX,
  TITLE_MAX,
  CONTENT_MAX,
  departmentLabel,
  isLate,
  submitterAbilities,
  type OpinionAbilities,
  type OpinionView,
} from './types';
import { ACTIONS, isHandlerView, type ActionName } from './actions';

/**
 * One opinion: for handlers the full record, timeline and the actions its `abilities` allow; for
 * its named submitter the submitter's view (answer a question, rate).
 */
export default function OpinionPage() {
  const t = useT();
  const { locale } = useLocale();
  usePageTitle('menu.opinions');
  const { id = '' } = useParams();
  const key = ['opinions', 'item', id];
  const item = useQuery({
    queryKey: key,
    queryFn: () => api.get<{ opinion: OpinionView }>(`/api/opinions/${encodeURIComponent(id)}`),
  });
  const [acting, setActing] = useState<ActionName | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['opinions'] });

  if (item.isPending) return <PageSpinner />;
  if (item.error || !item.data) {
    return (
      <>
        <PageHeader title={t('menu.opinions')} />
        <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />
      </>
    );
  }
  const o = item.data.opinion;
  const handler = o.viewer ? o.viewer === 'handler' : isHandlerView(o);
  const path = `/api/opinions/${encodeURIComponent(o.id)}`;
  const submitterActions = {
    onAnswer: async (body: string) => {
      await api.post(`${path}/answer`, { body });
      await refresh();
    },
    onRate: async (values: object) => {
      await api.post(`${path}/rate`, values);
      await refresh();
    },
  };
  if (!handler) {
    return (
      <>
        <PageHeader title={t('menu.opinions')} />
        <Card>
          <SubmitterView
            opinion={{ ...o, abilities: { ...o.abilities, ...submitterAbilities(o) } }}
            {...submitterActions}
          />
          {o.attachments?.length ? <AttachmentList items={o.attachments} /> : null}
        </Card>
      </>
    );
  }

  const allowed = ACTIONS.filter((a) => o.abilities[a.ability]);
  return (
    <>
      <PageHeader
        title={
          <span data-testid="opinion-title" style={{ wordBreak: 'break-word' }}>
            {o.title}
          </span>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="opinion-actions">
        {allowed.map((a) => (
          <Button
            key={a.name}
            type={a.primary ? 'primary' : 'default'}
            danger={a.danger}
            onClick={() => setActing(a.name)}
            data-testid={`opinion-action-${a.name}`}
          >
            {t(a.label)}
          </Button>
        ))}
      </Flex>
      <Card style={{ marginBottom: 16 }}>
        <div style={{ marginBottom: 8 }}>
          <KindTag kind={o.kind} />
          <StatusTag status={o.status} />
          <Tag>{o.anonymous ? t('opinions.anonymousTag') : t('opinions.namedTag')}</Tag>
          {isLate(o, todayInShanghai()) ? <Tag color="red">{t('opinions.lateTag')}</Tag> : null}
          {o.category ? <Tag>{o.category}</Tag> : null}
        </div>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="opinion-content">
          {o.content}
        </Typography.Paragraph>
        <Descriptions size="small" column={1} bordered={false}>
          <Descriptions.Item label={t('opinions.detail.submittedOn')}>
            {o.submittedOn}
          </Descriptions.Item>
          {!o.anonymous && o.submitterName ? (
            <Descriptions.Item label={t('opinions.detail.submitter')}>
              <span data-testid="opinion-submitter">{o.submitterName}</span>
            </Descriptions.Item>
          ) : null}
          {(o.targetDepartment?.name ?? o.targetDepartmentName) ? (
            <Descriptions.Item label={t('opinions.field.targetDepartment')}>
              {o.targetDepartment?.name ?? o.targetDepartmentName}
            </Descriptions.Item>
          ) : null}
          {o.departments?.length ? (
            <Descriptions.Item label={t('opinions.detail.departments')}>
              <Flex vertical gap={4}>
                {o.departments.map((d) => (
                  <span key={d.department.id} data-testid="opinion-department">
                    {departmentLabel(d)} · {t(`opinions.role.${d.role}`)} ·{' '}
                    {t(`opinions.deptStatus.${d.status}`)}
                  </span>
                ))}
              </Flex>
            </Descriptions.Item>
          ) : null}
          {(o.deadlines ?? []).map((d) => (
            <Descriptions.Item
              key={d.step}
              label={`${t('opinions.detail.due')} · ${translateOptional(locale, `opinions.step.${d.step}`) ?? d.step}`}
            >
              <span data-testid="opinion-deadline">
                {d.dueDate}
                {d.late ? (
                  <Tag color="red" style={{ marginLeft: 8 }}>
                    {t('opinions.lateTag')}
                  </Tag>
                ) : null}
                {d.extensionStatus ? (
                  <Tag style={{ marginLeft: 8 }}>
                    {t('opinions.action.extension')}:{' '}
                    {translateOptional(locale, `opinions.extension.${d.extensionStatus}`) ??
                      d.extensionStatus}
                    {d.extensionDays ? ` +${d.extensionDays}` : ''}
                  </Tag>
                ) : null}
              </span>
            </Descriptions.Item>
          ))}
          {o.notAcceptedReason ? (
            <Descriptions.Item label={t('opinions.detail.notAcceptedReason')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{o.notAcceptedReason}</span>
            </Descriptions.Item>
          ) : null}
          {o.suggestedChannel ? (
            <Descriptions.Item label={t('opinions.detail.suggestedChannel')}>
              {o.suggestedChannel}
            </Descriptions.Item>
          ) : null}
          {o.closeReason ? (
            <Descriptions.Item label={t('opinions.status.closed')}>
              {t(`opinions.closeReason.${o.closeReason}` as TKey)}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {o.attachments?.length ? <AttachmentList items={o.attachments} /> : null}
      </Card>
      {o.published ? (
        <Card size="small" title={t('opinions.detail.publicVersion')} style={{ marginBottom: 16 }}>
          <Typography.Text strong>{o.publicTitle}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            {o.publicContent}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            {o.publicReply}
          </Typography.Paragraph>
        </Card>
      ) : null}
      <Card title={t('opinions.detail.timeline')} style={{ marginBottom: 16 }}>
        <OpinionTimeline events={o.timeline} />
        <RatingSummary opinion={o} />
      </Card>
      {acting ? (
        <ActionModal
          action={acting}
          opinion={o}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            void refresh();
          }}
        />
      ) : null}
    </>
  );
}

type Values = Record<string, unknown>;

/** One action's form in a modal; the server decides, the modal shows its refusal in words. */
function ActionModal({
  action,
  opinion,
  onClose,
  onDone,
}: {
  action: ActionName;
  opinion: OpinionView;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const departments = useDepartments();
  const spec = ACTIONS.find((a) => a.name === action)!;
  const treeData = departmentOptions((departments.data?.items ?? []).filter((d) => d.active));

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(
        `/api/opinions/${encodeURIComponent(opinion.id)}/${spec.path}`,
        spec.body(values),
      );
      void message.success(t('opinions.action.done'));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const text = (name: string, label: TKey, max = BODY_MAX, rows = 4): ReactNode => (
    <Form.Item
      key={name}
      name={name}
      label={t(label)}
      rules={[{ required: true, whitespace: true, message: t('opinions.required') }]}
    >
      {rows > 1 ? (
        <Input.TextArea rows={rows} maxLength={max} showCount data-testid={`action-${name}`} />
      ) : (
        <Input maxLength={max} showCount data-testid={`action-${name}`} />
      )}
    </Form.Item>
  );

  const fields: Record<ActionName, ReactNode> = {
    accept: null,
    sign: null,
    notAccept: (
      <>
        {text('reason', 'opinions.form.reason', 1000, 3)}
        {text('suggestedChannel', 'opinions.form.suggestedChannel', 200, 1)}
      </>
    ),
    dispatch: (
      <>
        <Form.Item
          name="leadDepartmentId"
          label={t('opinions.form.leadDepartment')}
          rules={[{ required: true, message: t('opinions.required') }]}
          initialValue={opinion.targetDepartment?.id ?? opinion.targetDepartmentId ?? undefined}
        >
          <TreeSelect
            showSearch
            treeNodeFilterProp="title"
            treeDefaultExpandAll
            treeData={treeData}
            data-testid="action-leadDepartmentId"
          />
        </Form.Item>
        <Form.Item name="coDepartmentIds" label={t('opinions.form.coDepartments')}>
          <TreeSelect
            multiple
            showSearch
            treeNodeFilterProp="title"
            treeDefaultExpandAll
            treeData={treeData}
            data-testid="action-coDepartmentIds"
          />
        </Form.Item>
      </>
    ),
    bounce: text('reason', 'opinions.form.reason', 1000, 3),
    ask: text('body', 'opinions.form.body'),
    reply: text('body', 'opinions.form.body', BODY_MAX, 6),
    extension: (
      <>
        <Form.Item
          name="days"
          label={t('opinions.form.days')}
          rules={[{ required: true, message: t('opinions.required') }]}
          initialValue={3}
        >
          <InputNumber min={1} max={5} precision={0} data-testid="action-days" />
        </Form.Item>
        {text('reason', 'opinions.form.reason', 1000, 3)}
      </>
    ),
    decision: (
      <>
        <Form.Item name="approve" initialValue={true}>
          <Radio.Group data-testid="action-approve">
            <Radio.Button value={true}>{t('opinions.form.approve')}</Radio.Button>
            <Radio.Button value={false}>{t('opinions.form.reject')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reason" label={t('opinions.form.reason')}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="action-reason" />
        </Form.Item>
      </>
    ),
    merge: text('intoId', 'opinions.form.intoId', 22, 1),
    publish: (
      <>
        <Form.Item
          name="publicTitle"
          label={t('opinions.form.publicTitle')}
          initialValue={opinion.publicTitle ?? opinion.title}
          rules={[{ required: true, whitespace: true, message: t('opinions.required') }]}
        >
          <Input maxLength={TITLE_MAX} showCount data-testid="action-publicTitle" />
        </Form.Item>
        <Form.Item
          name="publicContent"
          label={t('opinions.form.publicContent')}
          initialValue={opinion.publicContent ?? opinion.content}
          rules={[{ required: true, whitespace: true, message: t('opinions.required') }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={CONTENT_MAX}
            showCount
            data-testid="action-publicContent"
          />
        </Form.Item>
        <Form.Item
          name="publicReply"
          label={t('opinions.form.publicReply')}
          initialValue={opinion.publicReply ?? lastReply(opinion) ?? ''}
          rules={[{ required: true, whitespace: true, message: t('opinions.required') }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={BODY_MAX}
            showCount
            data-testid="action-publicReply"
          />
        </Form.Item>
      </>
    ),
  };

  return (
    <Modal
      open
      title={t(spec.label)}
      onCancel={onClose}
      okText={t(spec.label)}
      okButtonProps={{ loading: busy, danger: spec.danger, ...{ 'data-testid': 'action-ok' } }}
      onOk={() => form.submit()}
      destroyOnHidden
      data-testid="action-modal"
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <ErrorAlert error={error} testId="action-error" />
        {fields[action]}
      </Form>
    </Modal>
  );
}

/** The newest reply's text, to start the public reply from. */
function lastReply(o: OpinionView): string | null {
  const replies = (o.timeline ?? []).filter((e) => e.type === 'reply' && e.body);
  return replies.length ? (replies[replies.length - 1]!.body ?? null) : null;
}

export type { OpinionAbilities };
