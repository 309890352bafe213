import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Form, Input, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { api } from '../../app/api';
import { formatDateTime, todayInShanghai } from '../../app/format';
import { useLocale, useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/useIsMobile';
import { usePageTitle } from '../../components/usePageTitle';
import { auditActionLabel } from '../../i18n';
import { auditQuery, formatDetail, formatTarget, type AuditFilters } from './audit-query';
import type { AuditEntry, AuditList, VerifyResult } from './types';
import { VerifyChainButton, VerifyChainResult } from './VerifyChain';

const PAGE_SIZE = 20;

/** The audit trail (audit administrator only): search it and verify its hash chain. */
export default function AuditPage() {
  const t = useT();
  const { locale } = useLocale();
  const mobile = useIsMobile();
  const [form] = Form.useForm<AuditFilters>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const [verified, setVerified] = useState<{ result: VerifyResult | null; error: unknown }>({
    result: null,
    error: null,
  });
  usePageTitle('audit.title');

  const params = auditQuery(filters, page, pageSize);
  const list = useQuery({
    queryKey: ['audit', 'list', params],
    queryFn: () => api.get<AuditList>('/api/audit', params),
    placeholderData: keepPreviousData,
  });
  const actions = useQuery({
    queryKey: ['audit', 'actions'],
    queryFn: () => api.get<{ items: string[] }>('/api/audit/actions').then((r) => r.items),
    staleTime: 5 * 60_000,
  });

  const presets = useMemo(() => {
    const today = dayjs(todayInShanghai());
    return [
      { label: t('audit.today'), value: [today, today] as [dayjs.Dayjs, dayjs.Dayjs] },
      {
        label: t('audit.last7Days'),
        value: [today.subtract(6, 'day'), today] as [dayjs.Dayjs, dayjs.Dayjs],
      },
      {
        label: t('audit.last30Days'),
        value: [today.subtract(29, 'day'), today] as [dayjs.Dayjs, dayjs.Dayjs],
      },
    ];
  }, [t]);

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    {
      title: t('audit.time'),
      dataIndex: 'at',
      width: 170,
      render: (at: string) => formatDateTime(at, { seconds: true }),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actor',
      render: (a: string | null) => a ?? t('common.none'),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (action: string) => {
        const label = auditActionLabel(locale, action);
        return (
          <span title={action}>
            {label}
            {label !== action ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {action}
              </Typography.Text>
            ) : null}
          </span>
        );
      },
    },
    {
      title: t('audit.target'),
      key: 'target',
      render: (_: unknown, e) => formatTarget(e.targetType, e.targetId),
    },
    {
      title: t('audit.detail'),
      dataIndex: 'detail',
      render: (d: unknown) => (
        <Typography.Text
          code
          style={{
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-all',
            maxWidth: 420,
            display: 'inline-block',
          }}
        >
          {formatDetail(d)}
        </Typography.Text>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={<VerifyChainButton onResult={(result, error) => setVerified({ result, error })} />}
      />
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <VerifyChainResult result={verified.result} error={verified.error} />
      <Card>
        <Form<AuditFilters>
          form={form}
          layout={mobile ? 'vertical' : 'inline'}
          onFinish={(v) => {
            setFilters(v);
            setPage(1);
          }}
          style={{ marginBottom: 16, rowGap: 8 }}
          role="search"
        >
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input
              allowClear
              maxLength={50}
              placeholder={t('audit.actorPlaceholder')}
              data-testid="audit-actor"
            />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('audit.allActions')}
              loading={actions.isPending}
              style={{ minWidth: 200 }}
              options={(actions.data ?? []).map((a) => ({
                value: a,
                label: auditActionLabel(locale, a),
              }))}
              data-testid="audit-action"
            />
          </Form.Item>
          {mobile ? (
            // A range picker shows two months side by side: too wide for a phone.
            <Form.Item label={t('audit.dateRange')}>
              <Flex gap={8} align="center">
                <Form.Item name="from" noStyle>
                  <DatePicker inputReadOnly style={{ flex: 1 }} data-testid="audit-from" />
                </Form.Item>
                <span aria-hidden>–</span>
                <Form.Item name="to" noStyle>
                  <DatePicker inputReadOnly style={{ flex: 1 }} data-testid="audit-to" />
                </Form.Item>
              </Flex>
            </Form.Item>
          ) : (
            <Form.Item name="range" label={t('audit.dateRange')}>
              <DatePicker.RangePicker
                presets={presets}
                allowEmpty={[true, true]}
                data-testid="audit-range"
              />
            </Form.Item>
          )}
          <Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" data-testid="audit-search">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                  setPage(1);
                }}
              >
                {t('common.reset')}
              </Button>
            </Flex>
          </Form.Item>
        </Form>
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        <Table<AuditEntry>
          data-testid="audit-table"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: !mobile,
            simple: mobile,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => {
              setPage(size === pageSize ? p : 1);
              setPageSize(size);
            },
          }}
        />
      </Card>
    </>
  );
}
