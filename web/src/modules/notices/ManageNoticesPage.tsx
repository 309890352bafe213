import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Badge, Button, Drawer, Flex, List, Select, Skeleton, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/locale';
import { todayInShanghai } from '../../app/format';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/useIsMobile';
import { usePageTitle } from '../../components/usePageTitle';
import { NoticeEditor } from './NoticeEditor';
import { NoticeStatusTag, NoticeTypeTag, PeriodText } from './parts';
import {
  NOTICES_KEY,
  NOTICE_STATUSES,
  NOTICE_TYPES,
  PAGE_SIZE,
  exportUrl,
  noticeKey,
  noticesApi,
  type NoticeListItem,
  type NoticeStatus,
  type NoticeType,
} from './types';

/**
 * 公示管理 (office): notices by status, the draft editor in a drawer (`?new=1` or `?edit=<id>`),
 * and the archive export.
 */
export default function ManageNoticesPage() {
  const t = useT();
  usePageTitle('menu.noticeManage');
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status') ?? '';
  const status = (NOTICE_STATUSES as readonly string[]).includes(statusParam)
    ? (statusParam as NoticeStatus)
    : '';
  const type = (params.get('type') ?? '') as NoticeType | '';
  const year = params.get('year') ? Number(params.get('year')) : '';
  const page = Number(params.get('page') ?? '1') || 1;
  const editId = params.get('edit');
  const creating = params.get('new') === '1';
  const set = (patch: Record<string, string | number | null>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) {
          if (v === '' || v === null) next.delete(k);
          else next.set(k, String(v));
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );

  const list = useQuery({
    queryKey: [...NOTICES_KEY, 'manage', { status, type, year, page }],
    queryFn: () => noticesApi.list({ status, type, year, page }),
  });
  const editing = useQuery({
    queryKey: noticeKey(editId ?? ''),
    queryFn: () => noticesApi.get(editId!),
    enabled: !!editId,
  });
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  const closeEditor = () => set({ edit: null, new: null });

  const columns: ColumnsType<NoticeListItem> = [
    {
      title: t('notices.web.field.title'),
      key: 'title',
      render: (_, n) => (
        <Link to={`/notices/${n.id}`} data-testid="manage-link">
          {n.title}
        </Link>
      ),
    },
    {
      title: t('notices.web.field.type'),
      key: 'type',
      width: 110,
      render: (_, n) => <NoticeTypeTag type={n.type} />,
    },
    {
      title: t('notices.web.field.status'),
      key: 'status',
      width: 100,
      render: (_, n) => <NoticeStatusTag status={n.status} />,
    },
    {
      title: t('notices.web.field.period'),
      key: 'period',
      width: 260,
      render: (_, n) => <PeriodText notice={n} />,
    },
    {
      title: t('notices.web.field.objectionsOpen'),
      key: 'open',
      width: 90,
      render: (_, n) => (n.objectionsOpen ? <Badge count={n.objectionsOpen} /> : '0'),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.noticeManage')}
        extra={
          <>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => set({ new: 1, edit: null })}
              data-testid="manage-new"
            >
              {t('notices.web.manage.new')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href={exportUrl({ year, type })}
              download
              data-testid="manage-export"
            >
              {t('notices.web.manage.export')}
            </Button>
          </>
        }
      />
      <Tabs
        activeKey={status || 'all'}
        onChange={(k) => set({ status: k === 'all' ? '' : k })}
        data-testid="manage-status-tabs"
        items={[
          { key: 'all', label: t('notices.web.filter.allStatuses') },
          ...NOTICE_STATUSES.map((s) => ({ key: s, label: t(`notices.web.status.${s}`) })),
        ]}
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select<NoticeType | ''>
          value={type}
          style={{ minWidth: 120 }}
          aria-label={t('notices.web.field.type')}
          onChange={(v) => set({ type: v })}
          options={[
            { value: '', label: t('notices.web.filter.allTypes') },
            ...NOTICE_TYPES.map((k) => ({ value: k, label: t(`notices.web.type.${k}`) })),
          ]}
        />
        <Select<number | ''>
          value={year}
          style={{ minWidth: 100 }}
          aria-label={t('notices.web.filter.year')}
          onChange={(v) => set({ year: v })}
          options={[
            { value: '', label: t('notices.web.filter.allYears') },
            ...years.map((y) => ({
              value: y,
              label: t('notices.web.filter.yearValue', { year: y }),
            })),
          ]}
        />
      </Flex>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {mobile ? (
        <List<NoticeListItem>
          data-testid="manage-list"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={
            (list.data?.total ?? 0) > PAGE_SIZE
              ? {
                  current: page,
                  pageSize: PAGE_SIZE,
                  total: list.data?.total ?? 0,
                  size: 'small',
                  onChange: (p) => set({ page: p }),
                }
              : false
          }
          renderItem={(n) => (
            <List.Item data-testid="manage-item">
              <div style={{ minWidth: 0 }}>
                <Link to={`/notices/${n.id}`} data-testid="manage-link">
                  {n.title}
                </Link>
                <Flex wrap gap={4} style={{ marginTop: 4 }}>
                  <NoticeTypeTag type={n.type} />
                  <NoticeStatusTag status={n.status} />
                  {n.objectionsOpen ? (
                    <Typography.Text type="warning">
                      {t('notices.web.manage.openObjections', { count: n.objectionsOpen })}
                    </Typography.Text>
                  ) : null}
                </Flex>
                <div style={{ fontSize: 12 }}>
                  <PeriodText notice={n} />
                </div>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<NoticeListItem>
          data-testid="manage-table"
          size="small"
          rowKey="id"
          columns={columns}
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: false,
            onChange: (p) => set({ page: p }),
          }}
        />
      )}
      <Drawer
        open={creating || !!editId}
        onClose={closeEditor}
        title={editId ? t('notices.web.manage.editTitle') : t('notices.web.manage.newTitle')}
        size={mobile ? '100%' : 720}
        destroyOnHidden
      >
        {editId ? (
          <>
            <ErrorAlert error={editing.error} onRetry={() => void editing.refetch()} />
            {editing.isPending ? <Skeleton active /> : null}
            {editing.data ? (
              editing.data.notice.abilities.edit ? (
                <NoticeEditor
                  key={editId}
                  notice={editing.data.notice}
                  onCancel={closeEditor}
                  onSaved={(n) => {
                    void queryClient.invalidateQueries({ queryKey: NOTICES_KEY });
                    void navigate(`/notices/${n.id}`);
                  }}
                />
              ) : (
                <Typography.Paragraph data-testid="manage-not-editable">
                  {t('notices.web.manage.notEditable')}
                </Typography.Paragraph>
              )
            ) : null}
          </>
        ) : creating ? (
          <NoticeEditor
            notice={null}
            onCancel={closeEditor}
            onSaved={(n) => {
              void queryClient.invalidateQueries({ queryKey: NOTICES_KEY });
              void navigate(`/notices/${n.id}`);
            }}
          />
        ) : null}
      </Drawer>
    </>
  );
}
