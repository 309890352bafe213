import { describe, expect, it } from 'vitest';
import type { Me } from '../modules/auth/types';
import { pageAccess, safeNext } from './access';
import { localeCookie, localeFromCookie } from './locale-cookie';
import { menuTestId, selectedPath, visibleNav, isGroup } from './layout/nav';

const none = {
  manageDepartments: false,
  listPeople: false,
  managePeople: false,
  importRoster: false,
  assignRoles: false,
  manageAdminAccounts: false,
  viewAdminAccounts: false,
  editCalendar: false,
  viewSupervision: false,
  manageChannels: false,
  viewPool: false,
  submitOpinion: false,
  handleOpinions: false,
  departmentOpinions: false,
  opinionFigures: false,
  readNotices: false,
  manageNotices: false,
  answerSurveys: false,
  manageSurveys: false,
  commentConsultations: false,
  manageConsultations: false,
  readAudit: false,
};

function me(roles: Me['roles'], abilities: Partial<Me['abilities']> = {}): Me {
  return {
    accountId: 1,
    username: 'u',
    name: '张伟',
    unit: { id: 1, code: 'T1', name: '测试单位' },
    person: null,
    roles,
    isDemo: false,
    mustChangePassword: false,
    abilities: { ...none, ...abilities },
  };
}

const links = (m: Me) =>
  visibleNav(m)
    .flatMap((e) => (isGroup(e) ? e.children : [e]))
    .map((l) => l.path);

describe('menu and page access', () => {
  it('shows a plain member of staff only home and their account', () => {
    expect(links(me(['staff'], { submitOpinion: true }))).toEqual([
      '/',
      '/opinions/new',
      '/opinions/mine',
      '/track',
      '/opinions/wall',
      '/inbox',
      '/search',
      '/account/password',
      '/account/sessions',
      '/account/notifications',
    ]);
  });

  it('follows abilities for the office', () => {
    const office = me(['staff', 'office'], {
      manageDepartments: true,
      listPeople: true,
      managePeople: true,
      importRoster: true,
      assignRoles: true,
      viewPool: true,
      viewSupervision: true,
    });
    expect(links(office)).toEqual([
      '/',
      '/track',
      '/opinions/wall',
      '/inbox',
      '/search',
      '/pool',
      '/supervision',
      '/org/departments',
      '/org/people',
      '/org/import',
      '/account/password',
      '/account/sessions',
      '/account/notifications',
    ]);
  });

  it('opens the audit log to the audit administrator only, administrators to system and security', () => {
    expect(links(me(['audit_admin'], { readAudit: true }))).toContain('/audit');
    expect(
      pageAccess.admins(me(['security_admin'], { listPeople: true, viewAdminAccounts: true })),
    ).toBe(true);
    expect(pageAccess.admins(me(['security_admin'], { listPeople: true }))).toBe(false);
    expect(
      pageAccess.admins(
        me(['system_admin'], { manageAdminAccounts: true, viewAdminAccounts: true }),
      ),
    ).toBe(true);
    expect(pageAccess.admins(me(['audit_admin'], { readAudit: true }))).toBe(false);
    expect(pageAccess.audit(me(['system_admin'], { manageAdminAccounts: true }))).toBe(false);
  });

  it('names menu test hooks after the route', () => {
    expect(menuTestId('/')).toBe('menu-home');
    expect(menuTestId('/org/people')).toBe('menu-org-people');
    expect(menuTestId('/audit')).toBe('menu-audit');
  });

  it('highlights the longest matching link, home only exactly', () => {
    const entries = visibleNav(me(['staff'], { listPeople: true }));
    expect(selectedPath('/', entries)).toBe('/');
    expect(selectedPath('/org/people', entries)).toBe('/org/people');
    expect(selectedPath('/org/people/12', entries)).toBe('/org/people');
    expect(selectedPath('/nowhere', entries)).toBeUndefined();
  });
});

describe('safeNext', () => {
  it('keeps paths on this site and refuses the rest', () => {
    expect(safeNext('/org/people?q=1')).toBe('/org/people?q=1');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('/login')).toBe('/');
  });
});

describe('locale cookie', () => {
  it('reads lx_locale, Chinese by default', () => {
    expect(localeFromCookie('')).toBe('zh-CN');
    expect(localeFromCookie('a=b; lx_locale=en; c=d')).toBe('en');
    expect(localeFromCookie('lx_locale=zh-CN')).toBe('zh-CN');
    expect(localeFromCookie('lx_locale=fr')).toBe('zh-CN');
  });

  it('writes it for the whole site', () => {
    expect(localeCookie('en', false)).toBe('lx_locale=en; Path=/; Max-Age=31536000; SameSite=Lax');
    expect(localeCookie('zh-CN', true)).toContain('; Secure');
  });
});
