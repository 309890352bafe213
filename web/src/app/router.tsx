import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { PageSpinner } from '../components/PageSpinner';
import { RouteError } from '../components/RouteError';
import { ME_KEY } from '../modules/auth/me';
import type { GuardedPage } from './access';
import { setApiHandlers } from './api';
import { queryClient } from './queryClient';

/** What a route tells the shell: which ability guards it. */
export interface RouteHandle {
  access?: GuardedPage;
}

/** A page loaded on demand: every page is its own chunk. */
function page(load: () => Promise<{ default: ComponentType }>) {
  return async () => ({ Component: (await load()).default });
}

function guarded(access: GuardedPage, load: () => Promise<{ default: ComponentType }>) {
  return { lazy: page(load), handle: { access } satisfies RouteHandle };
}

export const routes: RouteObject[] = [
  {
    path: '/',
    ErrorBoundary: RouteError,
    HydrateFallback: PageSpinner,
    children: [
      { path: 'login', lazy: page(() => import('../modules/auth/LoginPage')) },
      { path: 'setup', lazy: page(() => import('../modules/setup/SetupPage')) },
      // Anonymous submitters follow their item with the receipt code, signed in or not.
      { path: 'track', lazy: page(() => import('../modules/opinions/TrackPage')) },
      {
        path: 'notices/track',
        lazy: page(() => import('../modules/notices/TrackObjection')),
      },
      {
        lazy: page(() => import('./layout/AppShell')),
        children: [
          { index: true, lazy: page(() => import('../modules/home/HomePage')) },
          {
            path: 'account/password',
            lazy: page(() => import('../modules/auth/ChangePasswordPage')),
          },
          { path: 'account/sessions', lazy: page(() => import('../modules/auth/SessionsPage')) },
          {
            path: 'org/departments',
            ...guarded('departments', () => import('../modules/org/departments/DepartmentsPage')),
          },
          {
            path: 'org/people',
            ...guarded('people', () => import('../modules/org/people/PeoplePage')),
          },
          {
            path: 'org/admins',
            ...guarded('admins', () => import('../modules/org/admins/AdminAccountsPage')),
          },
          {
            path: 'org/import',
            ...guarded('import', () => import('../modules/roster/ImportPage')),
          },
          { path: 'audit', ...guarded('audit', () => import('../modules/audit/AuditPage')) },
          // Shared services
          {
            path: 'calendar',
            ...guarded('calendar', () => import('../modules/calendar/CalendarPage')),
          },
          {
            path: 'supervision',
            ...guarded('supervision', () => import('../modules/deadlines/SupervisionPage')),
          },
          { path: 'inbox', lazy: page(() => import('../modules/notifications/InboxPage')) },
          {
            path: 'account/notifications',
            lazy: page(() => import('../modules/notifications/PreferencesPage')),
          },
          {
            path: 'settings/channels',
            ...guarded('channels', () => import('../modules/notifications/ChannelsPage')),
          },
          { path: 'search', lazy: page(() => import('../modules/search/SearchPage')) },
          { path: 'pool', ...guarded('pool', () => import('../modules/pool/PoolPage')) },
          // Opinion box
          {
            path: 'opinions/new',
            ...guarded('opinionSubmit', () => import('../modules/opinions/NewOpinionPage')),
          },
          {
            path: 'opinions/mine',
            ...guarded('opinionSubmit', () => import('../modules/opinions/MyOpinionsPage')),
          },
          { path: 'opinions/wall', lazy: page(() => import('../modules/opinions/WallPage')) },
          {
            path: 'opinions/inbox',
            ...guarded('opinionHandling', () => import('../modules/opinions/InboxPage')),
          },
          {
            path: 'opinions/figures',
            ...guarded('opinionFigures', () => import('../modules/opinions/FiguresPage')),
          },
          { path: 'opinions/:id', lazy: page(() => import('../modules/opinions/OpinionPage')) },
          // Public notices
          {
            path: 'notices',
            ...guarded('noticeRead', () => import('../modules/notices/NoticeListPage')),
          },
          {
            path: 'notices/manage',
            ...guarded('noticeManage', () => import('../modules/notices/ManageNoticesPage')),
          },
          {
            path: 'notices/:id',
            ...guarded('noticeRead', () => import('../modules/notices/NoticePage')),
          },
          // Surveys
          {
            path: 'surveys',
            ...guarded('surveyAnswer', () => import('../modules/surveys/SurveyListPage')),
          },
          {
            path: 'surveys/manage',
            ...guarded('surveyManage', () => import('../modules/surveys/ManageSurveysPage')),
          },
          {
            path: 'surveys/:id',
            ...guarded('surveyAnswer', () => import('../modules/surveys/AnswerSurveyPage')),
          },
          // Draft consultation
          {
            path: 'consultations',
            ...guarded(
              'consultationComment',
              () => import('../modules/consultations/ConsultationListPage'),
            ),
          },
          {
            path: 'consultations/:id',
            ...guarded(
              'consultationComment',
              () => import('../modules/consultations/ConsultationPage'),
            ),
          },
          { path: '*', lazy: page(() => import('../components/NotFoundPage')) },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);

/** Where the API client sends people: to sign in, or to change a password first. */
setApiHandlers({
  onUnauthenticated: () => {
    const { pathname, search } = router.state.location;
    if (pathname === '/login' || pathname === '/setup') return;
    const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
    void router.navigate(`/login${next}`, { replace: true });
  },
  onPasswordChangeRequired: () => {
    void queryClient.invalidateQueries({ queryKey: ME_KEY });
    if (router.state.location.pathname !== '/account/password') {
      void router.navigate('/account/password', { replace: true });
    }
  },
});
