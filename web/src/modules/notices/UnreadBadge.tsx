import { useQuery } from '@tanstack/react-query';
import { Badge } from 'antd';
import { useT } from '../../app/locale';
import type { Me } from '../auth/types';
import { UNREAD_KEY, noticesApi } from './types';

/** The menu's count of unread notices in scope (GET /api/notices/unread-count), staff only. */
export function UnreadNoticesBadge({ me }: { me: Me }) {
  const t = useT();
  const enabled = me.abilities.readNotices;
  const unread = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: () => noticesApi.unreadCount(),
    enabled,
    refetchInterval: 5 * 60 * 1000,
    retry: false,
  });
  const count = unread.data?.count ?? 0;
  if (!enabled || count <= 0) return null;
  return (
    <Badge
      count={count}
      size="small"
      overflowCount={99}
      title={t('notices.web.unreadBadge', { count })}
      data-testid="notices-unread-badge"
      style={{ marginInlineStart: 6 }}
    />
  );
}
