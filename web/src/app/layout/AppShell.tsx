import { Navigate, Outlet, useLocation, useMatches } from 'react-router';
import { App as AntdApp } from 'antd';
import { ApiError } from '../api';
import { pageAccess } from '../access';
import type { RouteHandle } from '../router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ForbiddenNotice } from '../../components/ForbiddenNotice';
import { PageSpinner } from '../../components/PageSpinner';
import { useMe } from '../../modules/auth/me';
import { MainLayout } from './MainLayout';

const PASSWORD_PAGE = '/account/password';

/** The signed-in part of the app: loads `me`, forces a pending password change, guards pages. */
export default function AppShell() {
  return (
    <AntdApp>
      <Shell />
    </AntdApp>
  );
}

function Shell() {
  const me = useMe();
  const matches = useMatches();
  const { pathname } = useLocation();

  if (me.isPending) return <PageSpinner />;
  if (me.isError) {
    // A 401 already sent the browser to the login page.
    if (me.error instanceof ApiError && me.error.status === 401) return <PageSpinner />;
    return (
      <div style={{ maxWidth: 560, margin: '80px auto', padding: 16 }}>
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  const current = me.data;

  if (current.mustChangePassword) {
    if (pathname !== PASSWORD_PAGE) return <Navigate to={PASSWORD_PAGE} replace />;
    return (
      <MainLayout me={current} menu={false}>
        <Outlet />
      </MainLayout>
    );
  }

  const access = matches
    .map((m) => (m.handle as RouteHandle | undefined)?.access)
    .find((a) => a !== undefined);
  const allowed = access === undefined || pageAccess[access](current);
  return <MainLayout me={current}>{allowed ? <Outlet /> : <ForbiddenNotice />}</MainLayout>;
}
