import { useMemo, useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Calendar, Flex, Form, Input, Modal, Radio, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { todayInShanghai } from '../../app/format';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/useIsMobile';
import { usePageTitle } from '../../components/usePageTitle';

interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string | null;
  source: 'statutory' | 'office';
  reason: string | null;
  defaultKind: 'holiday' | 'workday' | 'weekday' | 'weekend';
}

interface CalendarYear {
  year: number;
  statutoryPublished: boolean;
  days: CalendarDay[];
  years: number[];
  today: string;
  abilities: { edit: boolean };
}

type EditKind = 'holiday' | 'workday' | 'default';

/** The unit's working-day calendar: holidays and make-up days; the office changes a day. */
export default function CalendarPage() {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  usePageTitle('calendar.title');
  const [month, setMonth] = useState<Dayjs>(() => dayjs(todayInShanghai()));
  const [editing, setEditing] = useState<string | null>(null);
  const [form] = Form.useForm<{ kind: EditKind; reason?: string }>();
  const [initial, setInitial] = useState<{ kind: EditKind; reason?: string }>({ kind: 'holiday' });
  const year = month.year();

  const query = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => api.get<CalendarYear>('/api/calendar', { year }),
    retry: false,
  });
  const byDate = useMemo(
    () => new Map((query.data?.days ?? []).map((d) => [d.date, d])),
    [query.data],
  );
  const years = query.data?.years;
  const range = useMemo<[Dayjs, Dayjs] | undefined>(
    () =>
      years && years.length
        ? [dayjs(`${years[0]}-01-01`), dayjs(`${years[years.length - 1]}-12-31`)]
        : undefined,
    [years],
  );

  const save = useMutation({
    mutationFn: (v: { date: string; kind: EditKind; reason?: string }) =>
      api.post<{ ok: true; days: number }>('/api/calendar/changes', {
        changes: [{ from: v.date, to: v.date, kind: v.kind, reason: v.reason ?? null }],
      }),
    onSuccess: async () => {
      message.success(t('calendar.edit.saved'));
      setEditing(null);
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
    },
  });

  const stateOf = (date: string) => {
    const day = byDate.get(date);
    const wd = dayjs(date).day();
    const off = day ? day.kind === 'holiday' : wd === 0 || wd === 6;
    return { day, off };
  };

  const cell = (current: Dayjs) => {
    const date = current.format('YYYY-MM-DD');
    const { day, off } = stateOf(date);
    return (
      <div
        data-testid={`calendar-day-${date}`}
        data-off={off ? '1' : '0'}
        style={{
          minHeight: 56,
          height: '100%',
          lineHeight: 1.3,
          borderRadius: 4,
          padding: 2,
          background: off ? '#fff1f0' : undefined,
        }}
      >
        {day && (
          <Tag
            color={day.kind === 'holiday' ? 'red' : 'blue'}
            style={{
              marginInlineEnd: 0,
              borderStyle: day.source === 'office' ? 'dashed' : 'solid',
            }}
          >
            {day.kind === 'holiday' ? t('calendar.holiday') : t('calendar.workday')}
          </Tag>
        )}
        {!mobile && day && (day.reason ?? day.name) && (
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} ellipsis>
            {day.reason ?? day.name}
          </Typography.Text>
        )}
      </div>
    );
  };

  /** On a phone the compact calendar shows the day number, red when off, with 休 / 班. */
  const miniCell = (current: Dayjs) => {
    const date = current.format('YYYY-MM-DD');
    const { day, off } = stateOf(date);
    const mark = day && (
      <span
        style={{
          position: 'absolute',
          top: -6,
          insetInlineEnd: -8,
          fontSize: 10,
          lineHeight: 1,
          color: day.kind === 'holiday' ? '#cf1322' : '#1677ff',
          textDecoration: day.source === 'office' ? 'underline dashed' : undefined,
        }}
      >
        {day.kind === 'holiday' ? t('calendar.holiday') : t('calendar.workday')}
      </span>
    );
    return (
      <div
        className="ant-picker-cell-inner"
        data-testid={`calendar-day-${date}`}
        data-off={off ? '1' : '0'}
        style={{ position: 'relative', color: off ? '#cf1322' : undefined }}
      >
        {current.date()}
        {mark}
      </div>
    );
  };

  const open = (date: string) => {
    const { day } = stateOf(date);
    setInitial({
      kind: day?.source === 'office' ? day.kind : stateOf(date).off ? 'workday' : 'holiday',
      reason: day?.source === 'office' ? (day.reason ?? '') : '',
    });
    save.reset();
    setEditing(date);
  };

  const selected = editing ? stateOf(editing) : null;

  return (
    <div data-testid="calendar-page">
      <PageHeader title={t('calendar.title')} />
      <Typography.Paragraph type="secondary">{t('calendar.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Tag color="red">
          {t('calendar.holiday')} · {t('calendar.legend.holiday')}
        </Tag>
        <Tag color="blue">
          {t('calendar.workday')} · {t('calendar.legend.workday')}
        </Tag>
        <Tag style={{ borderStyle: 'dashed' }}>{t('calendar.legend.office')}</Tag>
      </Flex>
      {query.data && !query.data.statutoryPublished && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="calendar-not-published"
          title={t('calendar.notPublished', { year })}
        />
      )}
      {query.data && !query.data.abilities.edit && (
        <Typography.Paragraph type="secondary">{t('calendar.edit.readOnly')}</Typography.Paragraph>
      )}
      <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      <Calendar
        fullscreen={!mobile}
        value={month}
        validRange={range}
        onPanelChange={(d) => setMonth(d)}
        onSelect={(d, info) => {
          setMonth(d);
          if (info.source === 'date' && query.data?.abilities.edit) open(d.format('YYYY-MM-DD'));
        }}
        {...(mobile
          ? {
              fullCellRender: (current: Dayjs, info: { type: string; originNode: ReactNode }) =>
                info.type === 'date' ? miniCell(current) : info.originNode,
            }
          : {
              cellRender: (current: Dayjs, info: { type: string; originNode: ReactNode }) =>
                info.type === 'date' ? cell(current) : info.originNode,
            })}
      />
      <Modal
        open={editing !== null}
        title={editing ? t('calendar.edit.title', { date: editing }) : ''}
        okText={t('calendar.edit.save')}
        onCancel={() => setEditing(null)}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'calendar-edit-save' } as Record<string, string>}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => save.mutate({ date: editing!, kind: v.kind, reason: v.reason?.trim() }))
            .catch(() => undefined)
        }
        destroyOnHidden
      >
        <div data-testid="calendar-edit-modal">
          {selected && (
            <Typography.Paragraph>
              {t('calendar.edit.current', {
                state: selected.off ? t('calendar.day.off') : t('calendar.day.working'),
              })}
              {selected.day && (
                <>
                  {' · '}
                  {selected.day.source === 'office'
                    ? `${t('calendar.source.office')}：${selected.day.reason ?? ''}`
                    : `${t('calendar.source.statutory')}：${selected.day.name ?? ''}`}
                </>
              )}
            </Typography.Paragraph>
          )}
          <ErrorAlert error={save.error} />
          <Form form={form} layout="vertical" initialValues={initial}>
            <Form.Item name="kind" label={t('calendar.edit.kind')} rules={[{ required: true }]}>
              <Radio.Group data-testid="calendar-edit-kind">
                <Radio value="holiday">{t('calendar.edit.holiday')}</Radio>
                <Radio value="workday">{t('calendar.edit.workday')}</Radio>
                <Radio value="default">{t('calendar.edit.default')}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
              {({ getFieldValue }) =>
                getFieldValue('kind') !== 'default' && (
                  <Form.Item
                    name="reason"
                    label={t('calendar.edit.reason')}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('calendar.edit.reasonRequired'),
                      },
                    ]}
                  >
                    <Input maxLength={200} data-testid="calendar-edit-reason" />
                  </Form.Item>
                )
              }
            </Form.Item>
          </Form>
        </div>
      </Modal>
    </div>
  );
}
