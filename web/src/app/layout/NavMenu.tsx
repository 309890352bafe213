import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { Menu, type MenuProps } from 'antd';
import {
  AuditOutlined,
  ApartmentOutlined,
  BellOutlined,
  MessageOutlined,
  NotificationOutlined,
  FormOutlined,
  FileTextOutlined,
  CalendarOutlined,
  FlagOutlined,
  InboxOutlined,
  OrderedListOutlined,
  SearchOutlined,
  SendOutlined,
  CloudUploadOutlined,
  DesktopOutlined,
  HomeOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useT } from '../locale';
import type { Me } from '../../modules/auth/types';
import { isGroup, menuTestId, selectedPath, visibleNav, type NavIcon } from './nav';
import { UnreadNoticesBadge } from '../../modules/notices/UnreadBadge';

const ICONS: Record<NavIcon, ReactNode> = {
  home: <HomeOutlined />,
  departments: <ApartmentOutlined />,
  people: <TeamOutlined />,
  admins: <SafetyCertificateOutlined />,
  import: <CloudUploadOutlined />,
  audit: <AuditOutlined />,
  password: <KeyOutlined />,
  sessions: <DesktopOutlined />,
  inbox: <InboxOutlined />,
  search: <SearchOutlined />,
  pool: <OrderedListOutlined />,
  supervision: <FlagOutlined />,
  calendar: <CalendarOutlined />,
  channels: <SendOutlined />,
  notifications: <BellOutlined />,
  opinions: <MessageOutlined />,
  notices: <NotificationOutlined />,
  surveys: <FormOutlined />,
  consultations: <FileTextOutlined />,
};

type MenuItem = NonNullable<MenuProps['items']>[number];

/** The side menu (or the drawer's menu on small screens), following the person's abilities. */
export function NavMenu({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const t = useT();
  const { pathname } = useLocation();
  const entries = visibleNav(me);

  const link = (path: string, label: string): ReactNode => (
    <Link to={path} data-testid={menuTestId(path)} onClick={onNavigate}>
      {label}
      {path === '/notices' ? <UnreadNoticesBadge me={me} /> : null}
    </Link>
  );
  const items: MenuItem[] = entries.map((entry) =>
    isGroup(entry)
      ? {
          key: entry.key,
          type: 'group' as const,
          label: t(entry.label),
          children: entry.children.map((c) => ({
            key: c.path,
            icon: ICONS[c.icon],
            label: link(c.path, t(c.label)),
          })),
        }
      : { key: entry.path, icon: ICONS[entry.icon], label: link(entry.path, t(entry.label)) },
  );
  const selected = selectedPath(pathname, entries);

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
