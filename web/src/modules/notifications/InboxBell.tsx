import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { useMe } from '../auth/me';
import { UNREAD_KEY } from './types';

/**
 * The inbox bell with the unread count, in the header of every page: one small query, polled
 * every 30 s (and on focus); quietly empty if the count cannot be read.
 */
export function InboxBell() {
  const t = useT();
  const me = useMe();
  // Until the password is changed every other call answers 403 (and the client would send the
  // browser to the password page again and again): no polling then.
  const enabled = !!me.data && !me.data.mustChangePassword;
  const unread = useQuery({
    enabled,
    queryKey: UNREAD_KEY,
    queryFn: ({ signal }) =>
      api.get<{ count: number }>('/api/notifications/unread-count', undefined, signal),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
    retry: false,
    staleTime: 10_000,
  });
  if (!enabled) return null;
  const count = unread.data?.count ?? 0;
  const label = t('notifications.inbox.bell', { count });
  return (
    <Tooltip title={label}>
      <Link to="/inbox" aria-label={label} data-testid="inbox-bell" data-count={count}>
        <Badge count={count} size="small" overflowCount={99} offset={[-4, 4]}>
          <Button type="text" icon={<BellOutlined />} tabIndex={-1} aria-hidden />
        </Badge>
      </Link>
    </Tooltip>
  );
}
