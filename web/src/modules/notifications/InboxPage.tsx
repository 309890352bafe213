import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Badge, Button, Card, Flex, Pagination, Switch, Typography } from 'antd';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { useLocale, useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';
import { INBOX_KEY, UNREAD_KEY, type InboxPage as Inbox, type NotificationItem } from './types';

const PAGE_SIZE = 20;

/** My notifications, newest first; unread ones marked, each can be marked read. */
export default function InboxPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  usePageTitle('notifications.inbox.title');
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);

  const inbox = useQuery({
    queryKey: [...INBOX_KEY, page, unreadOnly, locale],
    queryFn: ({ signal }) =>
      api.get<Inbox>(
        '/api/notifications',
        { page, pageSize: PAGE_SIZE, unreadOnly: unreadOnly ? 'true' : undefined },
        signal,
      ),
  });

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: INBOX_KEY });
    await queryClient.invalidateQueries({ queryKey: UNREAD_KEY });
  };
  const markRead = useMutation({
    mutationFn: (n: NotificationItem) => api.post(`/api/notifications/${n.id}/read`),
    onSuccess: refresh,
    onError: (err) => void message.error(errorText(locale, err)),
  });
  const markAll = useMutation({
    mutationFn: () => api.post('/api/notifications/read-all'),
    onSuccess: refresh,
    onError: (err) => void message.error(errorText(locale, err)),
  });

  const items = inbox.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('notifications.inbox.title')}
        extra={
          <>
            <Flex align="center" gap={6}>
              <Switch
                size="small"
                checked={unreadOnly}
                data-testid="inbox-unread-only"
                onChange={(v) => {
                  setUnreadOnly(v);
                  setPage(1);
                }}
              />
              <Typography.Text>{t('notifications.inbox.unreadOnly')}</Typography.Text>
            </Flex>
            <Button
              data-testid="inbox-mark-all"
              disabled={!inbox.data?.unread}
              loading={markAll.isPending}
              onClick={() => markAll.mutate()}
            >
              {t('notifications.inbox.markAllRead')}
            </Button>
          </>
        }
      />
      <ErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} />
      <Card loading={inbox.isPending} styles={{ body: { padding: 12 } }}>
        <Flex vertical gap={4} role="list" data-testid="inbox-list">
          {inbox.data && items.length === 0 ? (
            <Typography.Text type="secondary" data-testid="inbox-empty">
              {t('notifications.inbox.empty')}
            </Typography.Text>
          ) : null}
          {items.map((n) => (
            <Flex
              key={n.id}
              role="listitem"
              data-testid="inbox-item"
              data-read={n.readAt ? 'true' : 'false'}
              gap={10}
              align="flex-start"
              style={{ padding: '10px 4px', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
            >
              <Badge status={n.readAt ? 'default' : 'processing'} style={{ marginTop: 6 }} />
              <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Typography.Text strong={!n.readAt} style={{ wordBreak: 'break-word' }}>
                  {n.link ? (
                    <Link
                      to={n.link}
                      onClick={() => {
                        if (!n.readAt) markRead.mutate(n);
                      }}
                    >
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </Typography.Text>
                <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                  {n.body}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(n.createdAt)}
                </Typography.Text>
              </Flex>
              {n.abilities.markRead ? (
                <Button
                  size="small"
                  type="link"
                  data-testid="inbox-mark-read"
                  loading={markRead.isPending && markRead.variables?.id === n.id}
                  onClick={() => markRead.mutate(n)}
                >
                  {t('notifications.inbox.markRead')}
                </Button>
              ) : null}
            </Flex>
          ))}
        </Flex>
        {(inbox.data?.total ?? 0) > PAGE_SIZE ? (
          <Pagination
            style={{ marginTop: 12 }}
            size="small"
            simple
            current={page}
            pageSize={PAGE_SIZE}
            total={inbox.data?.total ?? 0}
            onChange={setPage}
          />
        ) : null}
      </Card>
    </>
  );
}
