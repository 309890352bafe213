import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { Badge, Empty, Flex, Input, List, Select, Tabs, Typography } from 'antd';
import { useT } from '../../app/locale';
import { todayInShanghai } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';
import { NoticeStatusTag, NoticeTypeTag, ObjectionCard, PeriodText } from './parts';
import { TrackObjection } from './TrackObjection';
import {
  MINE_KEY,
  NOTICES_KEY,
  NOTICE_TYPES,
  PAGE_SIZE,
  noticesApi,
  sortForReading,
  type NoticeListItem,
  type NoticeType,
} from './types';

const TABS = ['list', 'mine', 'track'] as const;
type Tab = (typeof TABS)[number];

/** 公示公告: the notices in scope (in period first), my objections, and tracking by receipt code. */
export default function NoticeListPage() {
  const t = useT();
  usePageTitle('menu.noticeList');
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'list';
  const setTab = (next: string) =>
    setParams(
      (p) => {
        const q = new URLSearchParams(p);
        if (next === 'list') q.delete('tab');
        else q.set('tab', next);
        return q;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader title={t('menu.noticeList')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        data-testid="notices-tabs"
        items={[
          { key: 'list', label: t('notices.web.tab.list'), children: <NoticeList /> },
          { key: 'mine', label: t('notices.web.tab.mine'), children: <MyObjections /> },
          { key: 'track', label: t('notices.web.tab.track'), children: <TrackObjection /> },
        ]}
      />
    </>
  );
}

function NoticeList() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const type = (params.get('type') ?? '') as NoticeType | '';
  const year = params.get('year') ? Number(params.get('year')) : '';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const set = (patch: Record<string, string | number | ''>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) {
          if (v === '' || v === undefined) next.delete(k);
          else next.set(k, String(v));
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  const list = useQuery({
    queryKey: [...NOTICES_KEY, 'list', { type, year, q, page }],
    queryFn: () => noticesApi.list({ type, year, q, page }),
  });
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  const items = sortForReading(list.data?.items ?? []);

  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select<NoticeType | ''>
          value={type}
          style={{ minWidth: 120 }}
          aria-label={t('notices.web.field.type')}
          data-testid="notices-filter-type"
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
          data-testid="notices-filter-year"
          onChange={(v) => set({ year: v })}
          options={[
            { value: '', label: t('notices.web.filter.allYears') },
            ...years.map((y) => ({
              value: y,
              label: t('notices.web.filter.yearValue', { year: y }),
            })),
          ]}
        />
        <Input.Search
          defaultValue={q}
          allowClear
          placeholder={t('notices.web.filter.search')}
          style={{ flex: '1 1 180px', minWidth: 0 }}
          data-testid="notices-search"
          onSearch={(v) => set({ q: v.trim() })}
        />
      </Flex>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <List<NoticeListItem>
        data-testid="notices-list"
        loading={list.isPending}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('notices.web.list.empty')} /> }}
        pagination={
          (list.data?.total ?? 0) > PAGE_SIZE
            ? {
                current: page,
                pageSize: PAGE_SIZE,
                total: list.data?.total ?? 0,
                size: 'small',
                showSizeChanger: false,
                onChange: (p) => set({ page: p }),
              }
            : false
        }
        renderItem={(n) => (
          <List.Item data-testid="notices-item" data-unread={n.unread ? 'true' : 'false'}>
            <div style={{ minWidth: 0, width: '100%' }}>
              <Flex gap={6} align="center" style={{ minWidth: 0 }}>
                {n.unread ? <Badge status="processing" data-testid="notices-unread" /> : null}
                <Link
                  to={`/notices/${n.id}`}
                  data-testid="notices-link"
                  style={{ fontWeight: n.unread ? 600 : 400, overflowWrap: 'anywhere' }}
                >
                  {n.title}
                </Link>
              </Flex>
              <Flex wrap gap={4} style={{ marginTop: 4 }}>
                <NoticeTypeTag type={n.type} />
                {n.unread ? (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {t('notices.web.list.unread')}
                  </Typography.Text>
                ) : null}
                {n.status === 'closed' ? <NoticeStatusTag status={n.status} /> : null}
              </Flex>
              <div style={{ marginTop: 4, fontSize: 12 }}>
                <PeriodText notice={n} />
              </div>
            </div>
          </List.Item>
        )}
      />
    </>
  );
}

function MyObjections() {
  const t = useT();
  const mine = useQuery({ queryKey: MINE_KEY, queryFn: () => noticesApi.mine() });
  return (
    <>
      <Typography.Paragraph type="secondary">{t('notices.web.mine.intro')}</Typography.Paragraph>
      <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />
      <div data-testid="objections-mine">
        {mine.data && !mine.data.items.length ? (
          <Empty description={t('notices.web.mine.empty')} />
        ) : null}
        {(mine.data?.items ?? []).map((o) => (
          <ObjectionCard key={o.id} objection={o} showNotice />
        ))}
      </div>
    </>
  );
}
