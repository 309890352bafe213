import { useState, type ReactNode } from 'react';
import { Drawer, Layout, theme } from 'antd';
import { useIsMobile } from '../../components/useIsMobile';
import { useT } from '../locale';
import type { Me } from '../../modules/auth/types';
import { HeaderBar } from './HeaderBar';
import { NavMenu } from './NavMenu';

/**
 * The signed-in frame: a side menu on wide screens, a drawer behind a button on small ones.
 * `menu={false}` (a forced password change) leaves only the header: no way around but sign-out.
 */
export function MainLayout({
  me,
  menu = true,
  children,
}: {
  me: Me;
  menu?: boolean;
  children: ReactNode;
}) {
  const mobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const t = useT();
  const { token } = theme.useToken();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <HeaderBar
        me={me}
        mobile={mobile}
        onOpenMenu={menu && mobile ? () => setDrawerOpen(true) : undefined}
      />
      <Layout>
        {menu && !mobile ? (
          <Layout.Sider
            width={220}
            theme="light"
            style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
          >
            <nav aria-label={t('menu.home')}>
              <NavMenu me={me} />
            </nav>
          </Layout.Sider>
        ) : null}
        <Layout.Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <main>{children}</main>
        </Layout.Content>
      </Layout>
      {menu && mobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          title={me.unit.name}
          styles={{ body: { padding: 0 } }}
        >
          <nav>
            <NavMenu me={me} onNavigate={() => setDrawerOpen(false)} />
          </nav>
        </Drawer>
      ) : null}
    </Layout>
  );
}
