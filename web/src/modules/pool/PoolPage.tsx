import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Flex,
  Input,
  List,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, SlidersOutlined } from '@ant-design/icons';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { translateOptional } from '../../i18n';
import { useLocale } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/useIsMobile';
import { usePageTitle } from '../../components/usePageTitle';
import { AddEntryModal, AssessModal, WeightsModal } from './PoolModals';
import { OPEN_STATUSES, POOL_STATUSES, type PoolEntry, type PoolList } from './types';

const POOL_KEY = ['pool'] as const;
const STATUS_COLOR: Record<string, string> = {
  open: 'orange',
  scheduled: 'blue',
  in_progress: 'processing',
  resolved: 'green',
  closed: 'default',
};

/** 问题清单: every open matter from every channel, ranked by the unit's weights. */
export default function PoolPage() {
  const t = useT();
  const { locale } = useLocale();
  const mobile = useIsMobile();
  usePageTitle('pool.title');
  const [status, setStatus] = useState<string[]>(OPEN_STATUSES);
  const [sourceKind, setSourceKind] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [assessing, setAssessing] = useState<PoolEntry | null>(null);
  const [adding, setAdding] = useState(false);
  const [weighting, setWeighting] = useState(false);

  const params = {
    status: status.join(',') || undefined,
    sourceKind,
    q: q || undefined,
    page,
    pageSize: 20,
  };
  const list = useQuery({
    queryKey: [...POOL_KEY, params],
    queryFn: () => api.get<PoolList>('/api/pool', params),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: POOL_KEY });
  const sourceLabel = (kind: string) => translateOptional(locale, `pool.source.${kind}`) ?? kind;
  const rankOf = (i: number) => (page - 1) * 20 + i + 1;

  const score = (e: PoolEntry) => (
    <Tooltip
      title={t('pool.scoreExplain', {
        concern: e.score.concern,
        urgency: e.score.urgencyFactor,
        feasibility: e.score.feasibilityFactor,
        score: e.score.score,
      })}
    >
      <Typography.Text strong data-testid="pool-score">
        {e.score.score.toFixed(2)}
      </Typography.Text>
    </Tooltip>
  );
  const statusTag = (s: PoolEntry['status']) => (
    <Tag color={STATUS_COLOR[s]}>{t(`pool.status.${s}`)}</Tag>
  );
  const assess = (e: PoolEntry) =>
    e.abilities.assess ? (
      <Button size="small" type="link" onClick={() => setAssessing(e)} data-testid="pool-assess">
        {t('pool.assess')}
      </Button>
    ) : null;

  const columns: ColumnsType<PoolEntry> = [
    { title: t('pool.col.rank'), key: 'rank', width: 64, render: (_v, _e, i) => rankOf(i) },
    {
      title: t('pool.col.title'),
      dataIndex: 'title',
      render: (v: string) => <Typography.Text>{v}</Typography.Text>,
    },
    { title: t('pool.col.source'), key: 'source', render: (_v, e) => sourceLabel(e.source.kind) },
    {
      title: t('pool.col.department'),
      dataIndex: 'departmentPath',
      render: (v: string | null) => v ?? '—',
    },
    { title: t('pool.col.people'), dataIndex: 'peopleAffected', align: 'right' },
    { title: t('pool.col.meToo'), dataIndex: 'meToo', align: 'right' },
    { title: t('pool.col.urgency'), dataIndex: 'urgency', align: 'center' },
    { title: t('pool.col.feasibility'), dataIndex: 'feasibility', align: 'center' },
    { title: t('pool.col.score'), key: 'score', align: 'right', render: (_v, e) => score(e) },
    { title: t('pool.col.status'), dataIndex: 'status', render: statusTag },
    { title: t('pool.col.opened'), dataIndex: 'openedOn' },
    { title: t('common.actions'), key: 'actions', render: (_v, e) => assess(e) },
  ];

  return (
    <>
      <PageHeader
        title={t('pool.title')}
        extra={
          <>
            {list.data?.abilities.setWeights ? (
              <Button
                icon={<SlidersOutlined />}
                onClick={() => setWeighting(true)}
                data-testid="pool-weights"
              >
                {t('pool.weights')}
              </Button>
            ) : null}
            {list.data?.abilities.add ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setAdding(true)}
                data-testid="pool-add"
              >
                {t('pool.add')}
              </Button>
            ) : null}
          </>
        }
      />
      <Typography.Paragraph type="secondary">{t('pool.intro')}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Flex wrap gap={8}>
          <Select
            mode="multiple"
            style={{ minWidth: 220, flex: mobile ? '1 1 100%' : undefined }}
            placeholder={t('pool.filter.status')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={POOL_STATUSES.map((s) => ({ value: s, label: t(`pool.status.${s}`) }))}
            data-testid="pool-filter-status"
          />
          <Select
            allowClear
            style={{ minWidth: 140, flex: mobile ? '1 1 100%' : undefined }}
            placeholder={t('pool.filter.source')}
            value={sourceKind}
            onChange={(v) => {
              setSourceKind(v);
              setPage(1);
            }}
            options={(list.data?.sourceKinds ?? []).map((k) => ({
              value: k,
              label: sourceLabel(k),
            }))}
          />
          <Input.Search
            allowClear
            style={{ width: mobile ? '100%' : 240 }}
            placeholder={t('pool.filter.q')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            data-testid="pool-filter-q"
          />
        </Flex>
      </Card>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Card>
        {mobile ? (
          <List<PoolEntry>
            data-testid="pool-list"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('pool.empty') }}
            pagination={{
              current: page,
              total: list.data?.total ?? 0,
              pageSize: 20,
              onChange: setPage,
              simple: true,
            }}
            renderItem={(e, i) => (
              <List.Item extra={assess(e)}>
                <List.Item.Meta
                  title={
                    <Space size={4} wrap>
                      <Typography.Text type="secondary">#{rankOf(i)}</Typography.Text>
                      <Typography.Text>{e.title}</Typography.Text>
                    </Space>
                  }
                  description={
                    <Space size={[8, 4]} wrap>
                      {statusTag(e.status)}
                      <span>{sourceLabel(e.source.kind)}</span>
                      {e.departmentPath ? <span>{e.departmentPath}</span> : null}
                      <span>
                        {t('pool.col.people')} {e.peopleAffected} · {t('pool.col.meToo')} {e.meToo}
                      </span>
                      {score(e)}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Table<PoolEntry>
            data-testid="pool-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isPending}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('pool.empty') }}
            pagination={{
              current: page,
              total: list.data?.total ?? 0,
              pageSize: 20,
              onChange: setPage,
              showSizeChanger: false,
            }}
          />
        )}
      </Card>
      <AssessModal
        entry={assessing}
        onClose={() => setAssessing(null)}
        onSaved={() => {
          setAssessing(null);
          void refresh();
        }}
      />
      <AddEntryModal
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          void refresh();
        }}
      />
      <WeightsModal
        open={weighting}
        weights={list.data?.weights}
        onClose={() => setWeighting(false)}
        onSaved={() => {
          setWeighting(false);
          void refresh();
        }}
      />
    </>
  );
}
