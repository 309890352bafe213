import { Button, Flex, Layout, Tag, Tooltip, Typography, theme } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useT } from '../locale';
import type { Me } from '../../modules/auth/types';
import { useLogout } from './useLogout';
import { SearchBox } from '../../modules/search/SearchBox';
import { InboxBell } from '../../modules/notifications/InboxBell';

interface Props {
  me: Me;
  mobile: boolean;
  /** Shown on small screens: opens the menu drawer. */
  onOpenMenu?: () => void;
}

/** Unit name, the person's name, the language switch and sign-out. */
export function HeaderBar({ me, mobile, onOpenMenu }: Props) {
  const t = useT();
  const logout = useLogout();
  const { token } = theme.useToken();
  return (
    <Layout.Header
      style={{
        background: token.colorBgContainer,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        padding: mobile ? '0 8px' : '0 24px',
        height: 56,
        lineHeight: '56px',
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      <Flex align="center" justify="space-between" gap={8} style={{ height: '100%' }}>
        <Flex align="center" gap={8} style={{ minWidth: 0, flex: 1 }}>
          {onOpenMenu ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('layout.openMenu')}
              data-testid="menu-toggle"
              onClick={onOpenMenu}
            />
          ) : null}
          <Typography.Text
            strong
            ellipsis
            data-testid="unit-name"
            style={{ fontSize: mobile ? 15 : 17, color: token.colorPrimary, minWidth: 0 }}
          >
            {t('app.name')} · {me.unit.name}
          </Typography.Text>
        </Flex>
        <Flex align="center" gap={mobile ? 0 : 8} style={{ flexShrink: 0 }}>
          <SearchBox compact={mobile} />
          <InboxBell />
          {me.isDemo && !mobile ? <Tag color="gold">{t('layout.demoAccount')}</Tag> : null}
          <Typography.Text
            data-testid="user-name"
            ellipsis
            style={{ maxWidth: mobile ? 72 : 200, fontSize: mobile ? 13 : undefined }}
          >
            {mobile ? null : <UserOutlined />} {me.name}
          </Typography.Text>
          <LanguageSwitch compact={mobile} />
          <Tooltip title={mobile ? t('layout.logout') : undefined}>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              data-testid="logout"
              aria-label={t('layout.logout')}
              onClick={() => void logout()}
            >
              {mobile ? null : t('layout.logout')}
            </Button>
          </Tooltip>
        </Flex>
      </Flex>
    </Layout.Header>
  );
}
