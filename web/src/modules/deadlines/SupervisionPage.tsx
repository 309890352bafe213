import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';

interface BoardItem {
  id: number;
  subjectType: string;
  subjectId: string;
  title: string;
  departmentId: number;
  departmentPath: string;
  leaderName: string | null;
  dueDate: string;
  originalDueDate: string;
  state: 'late' | 'near' | 'ok';
  workingDaysLate: number;
  workingDaysLeft: number;
  reminderSentOn: string | null;
  escalatedOn: string | null;
  extension: {
    status: 'requested' | 'approved' | 'refused';
    days: number;
    maxDays: number;
    reason: string;
    note: string | null;
  } | null;
  extensionMaxDays: number;
  abilities: { requestExtension: boolean; decideExtension: boolean };
}

interface BoardGroup {
  departmentId: number;
  departmentPath: string;
  late: number;
  near: number;
  items: BoardItem[];
}

interface Board {
  today: string;
  within: number;
  groups: BoardGroup[];
  totals: { late: number; near: number };
}

type StateFilter = 'all' | 'late' | 'near';

const LATE = '#cf1322';
const NEAR = '#d48806';

/** 督办看板: late (red) and near-due (amber) items by owner department. */
export default function SupervisionPage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  usePageTitle('deadlines.title');
  const [within, setWithin] = useState(3);
  const [state, setState] = useState<StateFilter>('all');
  const [departmentId, setDepartmentId] = useState<number | undefined>();
  const [requesting, setRequesting] = useState<BoardItem | null>(null);
  const [deciding, setDeciding] = useState<BoardItem | null>(null);
  const [requestForm] = Form.useForm<{ days: number; reason: string }>();
  const [decisionForm] = Form.useForm<{ note?: string }>();

  const board = useQuery({
    queryKey: ['deadlines', 'board', within, state, departmentId],
    queryFn: () => api.get<Board>('/api/deadlines/board', { within, state, departmentId }),
  });
  const departments = useQuery({
    queryKey: ['org', 'departments'],
    queryFn: () =>
      api.get<{ items: Array<{ id: number; path: string; active: boolean }> }>(
        '/api/org/departments',
      ),
    staleTime: 60_000,
  });

  const done = async () => {
    message.success(t('deadlines.extension.done'));
    setRequesting(null);
    setDeciding(null);
    await queryClient.invalidateQueries({ queryKey: ['deadlines'] });
  };
  const request = useMutation({
    mutationFn: (v: { id: number; days: number; reason: string }) =>
      api.post(`/api/deadlines/${v.id}/extension`, { days: v.days, reason: v.reason }),
    onSuccess: done,
  });
  const decide = useMutation({
    mutationFn: (v: { id: number; approve: boolean; note?: string }) =>
      api.post(`/api/deadlines/${v.id}/extension/decision`, {
        approve: v.approve,
        note: v.note ?? null,
      }),
    onSuccess: done,
  });

  const groups = board.data?.groups ?? [];
  const max = Math.max(1, ...groups.map((g) => g.late + g.near));

  const item = (i: BoardItem) => {
    const color = i.state === 'late' ? LATE : NEAR;
    return (
      <List.Item
        key={i.id}
        data-testid={`deadline-${i.id}`}
        data-state={i.state}
        style={{ borderInlineStart: `4px solid ${color}`, paddingInlineStart: 12 }}
        actions={[
          i.abilities.requestExtension && (
            <Button
              key="req"
              size="small"
              data-testid={`deadline-request-${i.id}`}
              onClick={() => {
                request.reset();
                setRequesting(i);
              }}
            >
              {t('deadlines.extension.request')}
            </Button>
          ),
          i.abilities.decideExtension && (
            <Button
              key="dec"
              size="small"
              type="primary"
              data-testid={`deadline-decide-${i.id}`}
              onClick={() => {
                decide.reset();
                setDeciding(i);
              }}
            >
              {t('deadlines.extension.approve')} / {t('deadlines.extension.refuse')}
            </Button>
          ),
        ].filter(Boolean)}
      >
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis>
            {i.title}
          </Typography.Text>
          <Space size={[4, 4]} wrap>
            <Tag color={i.state === 'late' ? 'red' : 'orange'}>
              {i.state === 'late'
                ? t('deadlines.lateBy', { days: i.workingDaysLate })
                : i.workingDaysLeft === 0
                  ? t('deadlines.dueToday')
                  : t('deadlines.leftDays', { days: i.workingDaysLeft })}
            </Tag>
            <Typography.Text type="secondary">
              {t('deadlines.due')} {i.dueDate}
            </Typography.Text>
            {i.leaderName && (
              <Typography.Text type="secondary">
                {t('deadlines.leader')}：{i.leaderName}
              </Typography.Text>
            )}
            {i.reminderSentOn && <Tag>{t('deadlines.reminded', { date: i.reminderSentOn })}</Tag>}
            {i.escalatedOn && (
              <Tag color="volcano">{t('deadlines.escalated', { date: i.escalatedOn })}</Tag>
            )}
            {i.extension && (
              <Tag color={i.extension.status === 'refused' ? 'default' : 'blue'}>
                {t(`deadlines.extension.${i.extension.status}`, { days: i.extension.days })}
              </Tag>
            )}
          </Space>
        </Flex>
      </List.Item>
    );
  };

  return (
    <div data-testid="supervision-page">
      <PageHeader title={t('deadlines.title')} />
      <Typography.Paragraph type="secondary">{t('deadlines.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Segmented<StateFilter>
          value={state}
          onChange={setState}
          data-testid="supervision-state"
          options={[
            { value: 'all', label: t('deadlines.filter.all') },
            { value: 'late', label: t('deadlines.filter.late') },
            { value: 'near', label: t('deadlines.filter.near') },
          ]}
        />
        <Select
          value={within}
          onChange={setWithin}
          style={{ minWidth: 200 }}
          options={[1, 3, 5, 10].map((d) => ({
            value: d,
            label: t('deadlines.within', { days: d }),
          }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={departmentId}
          onChange={setDepartmentId}
          placeholder={t('deadlines.filter.department')}
          style={{ minWidth: 200, flex: '1 1 200px', maxWidth: 360 }}
          loading={departments.isLoading}
          options={(departments.data?.items ?? [])
            .filter((d) => d.active)
            .map((d) => ({ value: d.id, label: d.path }))}
        />
      </Flex>
      <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />
      {board.data && (
        <Typography.Paragraph data-testid="supervision-totals">
          <Tag color="red">
            {t('deadlines.late')} {board.data.totals.late}
          </Tag>
          <Tag color="orange">
            {t('deadlines.near')} {board.data.totals.near}
          </Tag>
        </Typography.Paragraph>
      )}
      {groups.length > 0 && (
        <Card size="small" title={t('deadlines.chart')} style={{ marginBottom: 16 }}>
          <Flex vertical gap={6} data-testid="supervision-chart">
            {groups.map((g) => (
              <Flex key={g.departmentId} align="center" gap={8}>
                <Typography.Text ellipsis style={{ width: 120, flex: 'none' }}>
                  {g.departmentPath}
                </Typography.Text>
                <div style={{ flex: 1, display: 'flex', height: 14 }}>
                  <div style={{ width: `${(g.late / max) * 100}%`, background: LATE }} />
                  <div style={{ width: `${(g.near / max) * 100}%`, background: NEAR }} />
                </div>
                <Typography.Text type="secondary" style={{ flex: 'none' }}>
                  {g.late}/{g.near}
                </Typography.Text>
              </Flex>
            ))}
          </Flex>
        </Card>
      )}
      {board.data && groups.length === 0 && (
        <Empty description={t('deadlines.empty')} data-testid="supervision-empty" />
      )}
      <Flex vertical gap={16}>
        {groups.map((g) => (
          <Card
            key={g.departmentId}
            size="small"
            data-testid={`supervision-group-${g.departmentId}`}
            title={g.departmentPath}
            extra={
              <Typography.Text type={g.late ? 'danger' : 'warning'}>
                {t('deadlines.count', { late: g.late, near: g.near })}
              </Typography.Text>
            }
          >
            <List dataSource={g.items} renderItem={item} />
          </Card>
        ))}
      </Flex>

      <Modal
        open={requesting !== null}
        title={requesting ? `${t('deadlines.extension.request')}：${requesting.title}` : ''}
        onCancel={() => setRequesting(null)}
        confirmLoading={request.isPending}
        destroyOnHidden
        onOk={() =>
          void requestForm
            .validateFields()
            .then((v) => request.mutate({ id: requesting!.id, days: v.days, reason: v.reason }))
            .catch(() => undefined)
        }
      >
        <ErrorAlert error={request.error} />
        <Form form={requestForm} layout="vertical" initialValues={{ days: 1 }}>
          <Form.Item
            name="days"
            label={t('deadlines.extension.days', { max: requesting?.extensionMaxDays ?? 5 })}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={requesting?.extensionMaxDays ?? 5} precision={0} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('deadlines.extension.reason')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea maxLength={500} rows={3} data-testid="extension-reason" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={deciding !== null}
        title={deciding?.title ?? ''}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
        footer={[
          <Button
            key="refuse"
            danger
            loading={decide.isPending}
            data-testid="extension-refuse"
            onClick={() =>
              decide.mutate({
                id: deciding!.id,
                approve: false,
                note: decisionForm.getFieldValue('note') as string | undefined,
              })
            }
          >
            {t('deadlines.extension.refuse')}
          </Button>,
          <Button
            key="approve"
            type="primary"
            loading={decide.isPending}
            data-testid="extension-approve"
            onClick={() =>
              decide.mutate({
                id: deciding!.id,
                approve: true,
                note: decisionForm.getFieldValue('note') as string | undefined,
              })
            }
          >
            {t('deadlines.extension.approve')}
          </Button>,
        ]}
      >
        {deciding?.extension && (
          <Typography.Paragraph>
            {t('deadlines.extension.requested', { days: deciding.extension.days })}：
            {deciding.extension.reason}
          </Typography.Paragraph>
        )}
        <ErrorAlert error={decide.error} />
        <Form form={decisionForm} layout="vertical">
          <Form.Item name="note" label={t('deadlines.extension.note')}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
