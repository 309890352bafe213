import { useNavigate } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Popconfirm, Space, Tag, Typography } from 'antd';
import { DesktopOutlined } from '@ant-design/icons';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { useLocale, useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';
import type { SessionItem } from './types';

const SESSIONS_KEY = ['auth', 'sessions'] as const;

/** The live sign-ins of my account, each of which I can end. */
export default function SessionsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  usePageTitle('sessions.title');

  const sessions = useQuery({
    queryKey: SESSIONS_KEY,
    queryFn: () => api.get<{ items: SessionItem[] }>('/api/auth/sessions').then((r) => r.items),
  });

  const end = useMutation({
    mutationFn: (s: SessionItem) => api.post(`/api/auth/sessions/${encodeURIComponent(s.id)}/end`),
    onSuccess: async (_data, s) => {
      if (s.current) {
        // This browser's own session: it is signed out now.
        await navigate('/login', { replace: true });
        queryClient.clear();
        return;
      }
      void message.success(t('sessions.ended'));
      await sessions.refetch();
    },
    onError: (err) => void message.error(errorText(locale, err)),
  });

  return (
    <>
      <PageHeader
        title={t('sessions.title')}
        extra={
          <Button onClick={() => void sessions.refetch()} loading={sessions.isFetching}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('sessions.intro')}</Typography.Paragraph>
      <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      {/* Plain cards rather than antd List, which would pull in pagination and select. */}
      <Card loading={sessions.isPending}>
        <Flex vertical gap={12} data-testid="sessions-list" role="list">
          {sessions.data?.length === 0 ? (
            <Typography.Text type="secondary">{t('sessions.empty')}</Typography.Text>
          ) : null}
          {(sessions.data ?? []).map((s) => (
            <Flex
              key={s.id}
              role="listitem"
              gap={12}
              align="flex-start"
              data-testid="session-item"
              data-current={s.current ? 'true' : 'false'}
              style={{ paddingBottom: 12, borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
            >
              <DesktopOutlined style={{ fontSize: 24, color: '#8c8c8c', marginTop: 2 }} />
              <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Space wrap size={4}>
                  <Typography.Text strong>{s.device}</Typography.Text>
                  {s.current ? <Tag color="green">{t('sessions.current')}</Tag> : null}
                </Space>
                <Typography.Text type="secondary">
                  {t('sessions.createdAt')}: {formatDateTime(s.createdAt)}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('sessions.lastSeenAt')}: {formatDateTime(s.lastSeenAt)}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('sessions.expiresAt')}: {formatDateTime(s.expiresAt)}
                </Typography.Text>
              </Flex>
              <Popconfirm
                title={s.current ? t('sessions.endCurrentConfirm') : t('sessions.endConfirm')}
                okText={t('sessions.end')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => end.mutateAsync(s).catch(() => undefined)}
              >
                <Button
                  danger
                  size="small"
                  data-testid="session-end"
                  loading={end.isPending && end.variables?.id === s.id}
                >
                  {t('sessions.end')}
                </Button>
              </Popconfirm>
            </Flex>
          ))}
        </Flex>
      </Card>
    </>
  );
}
