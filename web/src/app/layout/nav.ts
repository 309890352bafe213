import type { TKey } from '../../i18n';
import type { Me } from '../../modules/auth/types';
import { pageAccess } from '../access';

export type NavIcon =
  | 'home'
  | 'departments'
  | 'people'
  | 'admins'
  | 'import'
  | 'audit'
  | 'password'
  | 'sessions'
  | 'inbox'
  | 'search'
  | 'pool'
  | 'supervision'
  | 'calendar'
  | 'channels'
  | 'notifications'
  | 'opinions'
  | 'notices'
  | 'surveys'
  | 'consultations';

export interface NavLink {
  path: string;
  label: TKey;
  icon: NavIcon;
  visible: (me: Me) => boolean;
}

export interface NavGroup {
  key: string;
  label: TKey;
  children: NavLink[];
}

export type NavEntry = NavLink | NavGroup;

const always = () => true;

/** The menu, in order. Each link is shown only to those who may open its page. */
export const NAV: NavEntry[] = [
  { path: '/', label: 'menu.home', icon: 'home', visible: always },
  {
    key: 'opinions',
    label: 'menu.opinions',
    children: [
      {
        path: '/opinions/new',
        label: 'menu.opinionNew',
        icon: 'opinions',
        visible: pageAccess.opinionSubmit,
      },
      {
        path: '/opinions/mine',
        label: 'menu.opinionMine',
        icon: 'opinions',
        visible: pageAccess.opinionSubmit,
      },
      { path: '/track', label: 'menu.opinionTrack', icon: 'opinions', visible: always },
      { path: '/opinions/wall', label: 'menu.opinionWall', icon: 'opinions', visible: always },
      {
        path: '/opinions/inbox',
        label: 'menu.opinionInbox',
        icon: 'opinions',
        visible: pageAccess.opinionHandling,
      },
      {
        path: '/opinions/figures',
        label: 'menu.opinionFigures',
        icon: 'opinions',
        visible: pageAccess.opinionFigures,
      },
    ],
  },
  {
    key: 'notices',
    label: 'menu.notices',
    children: [
      {
        path: '/notices',
        label: 'menu.noticeList',
        icon: 'notices',
        visible: pageAccess.noticeRead,
      },
      {
        path: '/notices/manage',
        label: 'menu.noticeManage',
        icon: 'notices',
        visible: pageAccess.noticeManage,
      },
    ],
  },
  {
    key: 'surveys',
    label: 'menu.surveys',
    children: [
      {
        path: '/surveys',
        label: 'menu.surveyList',
        icon: 'surveys',
        visible: pageAccess.surveyAnswer,
      },
      {
        path: '/surveys/manage',
        label: 'menu.surveyManage',
        icon: 'surveys',
        visible: pageAccess.surveyManage,
      },
      {
        path: '/consultations',
        label: 'menu.consultations',
        icon: 'consultations',
        visible: pageAccess.consultationComment,
      },
    ],
  },
  { path: '/inbox', label: 'menu.inbox', icon: 'inbox', visible: always },
  { path: '/search', label: 'menu.search', icon: 'search', visible: always },
  { path: '/pool', label: 'menu.pool', icon: 'pool', visible: pageAccess.pool },
  {
    path: '/supervision',
    label: 'menu.supervision',
    icon: 'supervision',
    visible: pageAccess.supervision,
  },
  {
    key: 'org',
    label: 'menu.org',
    children: [
      {
        path: '/org/departments',
        label: 'menu.departments',
        icon: 'departments',
        visible: pageAccess.departments,
      },
      { path: '/org/people', label: 'menu.people', icon: 'people', visible: pageAccess.people },
      { path: '/org/import', label: 'menu.import', icon: 'import', visible: pageAccess.import },
      { path: '/org/admins', label: 'menu.admins', icon: 'admins', visible: pageAccess.admins },
      {
        path: '/calendar',
        label: 'menu.calendar',
        icon: 'calendar',
        visible: pageAccess.calendar,
      },
      {
        path: '/settings/channels',
        label: 'menu.channels',
        icon: 'channels',
        visible: pageAccess.channels,
      },
    ],
  },
  { path: '/audit', label: 'menu.audit', icon: 'audit', visible: pageAccess.audit },
  {
    key: 'account',
    label: 'menu.account',
    children: [
      { path: '/account/password', label: 'menu.password', icon: 'password', visible: always },
      { path: '/account/sessions', label: 'menu.sessions', icon: 'sessions', visible: always },
      {
        path: '/account/notifications',
        label: 'menu.notificationPrefs',
        icon: 'notifications',
        visible: always,
      },
    ],
  },
];

export function isGroup(entry: NavEntry): entry is NavGroup {
  return 'children' in entry;
}

/** The menu this person sees: hidden links dropped, empty groups dropped. */
export function visibleNav(me: Me): NavEntry[] {
  const out: NavEntry[] = [];
  for (const entry of NAV) {
    if (isGroup(entry)) {
      const children = entry.children.filter((c) => c.visible(me));
      if (children.length) out.push({ ...entry, children });
    } else if (entry.visible(me)) {
      out.push(entry);
    }
  }
  return out;
}

/** The stable test hook of a menu link: `menu-home`, `menu-org-people`, … */
export function menuTestId(path: string): string {
  return path === '/' ? 'menu-home' : `menu-${path.slice(1).replaceAll('/', '-')}`;
}

/** The link to highlight for a location: the longest matching path ('/' only exactly). */
export function selectedPath(pathname: string, entries: NavEntry[]): string | undefined {
  const links = entries.flatMap((e) => (isGroup(e) ? e.children : [e]));
  let best: string | undefined;
  for (const { path } of links) {
    const hit =
      path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
    if (hit && (!best || path.length > best.length)) best = path;
  }
  return best;
}
