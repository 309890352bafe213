import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Button, Card, List, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';
import { KindTag, StatusTag } from './parts';
import type { OpinionView } from './types';

export const MINE_KEY = ['opinions', 'mine'] as const;

/** 我的意见: the named opinions of the signed-in person (anonymous ones are never listed). */
export default function MyOpinionsPage() {
  const t = useT();
  usePageTitle('menu.opinionMine');
  const list = useQuery({
    queryKey: MINE_KEY,
    queryFn: () => api.get<{ items: OpinionView[] }>('/api/opinions/mine'),
  });
  return (
    <>
      <PageHeader
        title={t('menu.opinionMine')}
        extra={
          <Link to="/opinions/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('opinions.mine.new')}
            </Button>
          </Link>
        }
      />
      <Typography.Paragraph type="secondary">{t('opinions.anonymous.noMine')}</Typography.Paragraph>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Card>
        <List<OpinionView>
          data-testid="opinion-mine-list"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('opinions.mine.empty') }}
          renderItem={(o) => (
            <List.Item data-testid="opinion-mine-item">
              <List.Item.Meta
                title={
                  <Link to={`/opinions/${o.id}`} data-testid="opinion-mine-link">
                    {o.title}
                  </Link>
                }
                description={
                  <>
                    <KindTag kind={o.kind} />
                    <StatusTag status={o.status} />
                    <Typography.Text type="secondary">{o.submittedOn}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
