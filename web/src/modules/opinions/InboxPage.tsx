import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Card, Checkbox, Flex, List, Select, Table, Tag, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { todayInShanghai } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/useIsMobile';
import { usePageTitle } from '../../components/usePageTitle';
import { useDepartments } from '../org/api';
import { departmentOptions } from '../org/departments/tree';
import { KindTag, StatusTag } from './parts';
import {
  OPINION_KINDS,
  OPINION_STATUSES,
  departmentLabel,
  isLate,
  type OpinionView,
} from './types';

const PAGE_SIZE = 50;

/** 意见处理: the office's inbox (all) and department heads' (their departments' items). */
export default function InboxPage() {
  const t = useT();
  const mobile = useIsMobile();
  usePageTitle('menu.opinionInbox');
  const departments = useDepartments();
  const [status, setStatus] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [departmentId, setDepartmentId] = useState<number | undefined>();
  const [late, setLate] = useState(false);
  const [page, setPage] = useState(1);
  const params = {
    status,
    kind,
    departmentId,
    late: late ? 'true' : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: ['opinions', 'inbox', params],
    queryFn: () => api.get<{ items: OpinionView[]; total: number }>('/api/opinions/inbox', params),
  });
  const today = todayInShanghai();
  const reset =
    <V,>(set: (v: V) => void) =>
    (v: V) => {
      set(v);
      setPage(1);
    };
  const depts = (o: OpinionView) =>
    o.departments?.length
      ? o.departments.map(departmentLabel).join('、')
      : (o.leadDepartment?.name ?? '—');
  const lateTag = (o: OpinionView) =>
    isLate(o, today) ? (
      <Tag color="red" data-testid="inbox-late">
        {t('opinions.lateTag')}
      </Tag>
    ) : null;
  const title = (o: OpinionView) => (
    <Link to={`/opinions/${o.id}`} data-testid="inbox-link">
      {o.title}
    </Link>
  );

  const columns: ColumnsType<OpinionView> = [
    { title: t('opinions.col.title'), key: 'title', render: (_v, o) => title(o) },
    { title: t('opinions.col.kind'), key: 'kind', render: (_v, o) => <KindTag kind={o.kind} /> },
    {
      title: t('opinions.col.status'),
      key: 'status',
      render: (_v, o) => (
        <>
          <StatusTag status={o.status} />
          {lateTag(o)}
        </>
      ),
    },
    { title: t('opinions.col.department'), key: 'dept', render: (_v, o) => depts(o) },
    { title: t('opinions.col.submittedOn'), dataIndex: 'submittedOn' },
    {
      title: t('opinions.col.due'),
      dataIndex: 'replyDue',
      render: (v?: string | null) => v ?? '—',
    },
  ];
  const pagination = {
    current: page,
    total: list.data?.total ?? 0,
    pageSize: PAGE_SIZE,
    onChange: setPage,
    showSizeChanger: false,
    simple: mobile,
    showTotal: (n: number) => t('opinions.total', { count: n }),
  };

  return (
    <>
      <PageHeader title={t('menu.opinionInbox')} />
      <Typography.Paragraph type="secondary">{t('opinions.inbox.intro')}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Flex wrap gap={8} align="center">
          <Select
            allowClear
            placeholder={t('opinions.filter.status')}
            style={{ minWidth: 140, flex: mobile ? '1 1 100%' : undefined }}
            value={status}
            onChange={reset(setStatus)}
            options={OPINION_STATUSES.map((s) => ({ value: s, label: t(`opinions.status.${s}`) }))}
            data-testid="inbox-filter-status"
          />
          <Select
            allowClear
            placeholder={t('opinions.filter.kind')}
            style={{ minWidth: 120, flex: mobile ? '1 1 100%' : undefined }}
            value={kind}
            onChange={reset(setKind)}
            options={OPINION_KINDS.map((k) => ({ value: k, label: t(`opinions.kind.${k}`) }))}
          />
          <TreeSelect
            allowClear
            showSearch
            treeNodeFilterProp="title"
            placeholder={t('opinions.filter.department')}
            style={{ minWidth: 180, flex: mobile ? '1 1 100%' : undefined }}
            value={departmentId}
            onChange={reset(setDepartmentId)}
            treeData={departmentOptions(departments.data?.items ?? [])}
          />
          <Checkbox
            checked={late}
            onChange={(e) => reset(setLate)(e.target.checked)}
            data-testid="inbox-filter-late"
          >
            {t('opinions.filter.late')}
          </Checkbox>
        </Flex>
      </Card>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Card>
        {mobile ? (
          <List<OpinionView>
            data-testid="inbox-list"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('opinions.inbox.empty') }}
            pagination={pagination}
            renderItem={(o) => (
              <List.Item data-testid="inbox-item">
                <List.Item.Meta
                  title={title(o)}
                  description={
                    <>
                      <KindTag kind={o.kind} />
                      <StatusTag status={o.status} />
                      {lateTag(o)}
                      <div>
                        <Typography.Text type="secondary">
                          {o.submittedOn} · {depts(o)}
                          {o.replyDue ? ` · ${t('opinions.col.due')} ${o.replyDue}` : ''}
                        </Typography.Text>
                      </div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Table<OpinionView>
            data-testid="inbox-table"
            rowKey="id"
            size="middle"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            columns={columns}
            locale={{ emptyText: t('opinions.inbox.empty') }}
            pagination={pagination}
            rowClassName={(o) => (isLate(o, today) ? 'opinion-late' : '')}
          />
        )}
      </Card>
    </>
  );
}
