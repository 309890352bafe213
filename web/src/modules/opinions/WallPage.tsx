import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, List, Typography } from 'antd';
import { LikeOutlined } from '@ant-design/icons';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';
import { KindTag } from './parts';
import type { WallItem } from './types';

const WALL_KEY = ['opinions', 'wall'] as const;
const PAGE_SIZE = 20;

/** 意见公开墙: published items with their public reply, names removed; "me too" raises priority. */
export default function WallPage() {
  const t = useT();
  usePageTitle('menu.opinionWall');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const params = { q: q || undefined, page };
  const list = useQuery({
    queryKey: [...WALL_KEY, params],
    queryFn: () => api.get<{ items: WallItem[]; total?: number }>('/api/opinions/wall', params),
  });
  const meToo = useMutation({
    mutationFn: (id: string) => api.post(`/api/opinions/${encodeURIComponent(id)}/me-too`, {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: WALL_KEY }),
  });

  return (
    <>
      <PageHeader title={t('menu.opinionWall')} />
      <Typography.Paragraph type="secondary">{t('opinions.wall.intro')}</Typography.Paragraph>
      <Input.Search
        allowClear
        placeholder={t('opinions.wall.search')}
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
        style={{ marginBottom: 16 }}
        data-testid="wall-search"
      />
      <ErrorAlert error={list.error ?? meToo.error} onRetry={() => void list.refetch()} />
      <List<WallItem>
        data-testid="wall-list"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('opinions.wall.empty') }}
        pagination={
          (list.data?.total ?? 0) > PAGE_SIZE
            ? {
                current: page,
                pageSize: PAGE_SIZE,
                total: list.data?.total ?? 0,
                onChange: setPage,
                simple: true,
              }
            : false
        }
        renderItem={(w) => {
          const mine = !!w.meTooByMe;
          const reply = w.publicReply ?? w.reply;
          return (
            <Card style={{ marginBottom: 12 }} data-testid="wall-item">
              <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="wall-title">
                {w.publicTitle ?? w.title}
              </Typography.Title>
              <div style={{ marginBottom: 8 }}>
                <KindTag kind={w.kind} />
                <Typography.Text type="secondary">{w.submittedOn}</Typography.Text>
              </div>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                {w.publicContent ?? w.content}
              </Typography.Paragraph>
              {reply ? (
                <Card size="small" type="inner" title={t('opinions.wall.reply')}>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                    {reply}
                  </Typography.Paragraph>
                </Card>
              ) : null}
              <Button
                style={{ marginTop: 8 }}
                icon={<LikeOutlined />}
                type={mine ? 'primary' : 'default'}
                disabled={mine || w.abilities?.meToo === false}
                loading={meToo.isPending && meToo.variables === w.id}
                onClick={() => meToo.mutate(w.id)}
                data-testid="wall-me-too"
              >
                {mine ? t('opinions.wall.meTooDone') : t('opinions.wall.meToo')} ·{' '}
                <span data-testid="wall-me-too-count">{w.meTooCount}</span>
              </Button>
            </Card>
          );
        }}
      />
    </>
  );
}
