import type { Me } from '../modules/auth/types';

/**
 * What jsdom lacks and antd needs (matchMedia, ResizeObserver), and React's act() flag.
 * Call from `beforeAll` in a `// @vitest-environment jsdom` test.
 */
export function installDomStubs(): void {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  window.matchMedia = ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  if (!('ResizeObserver' in window)) {
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
}

/** An office member of the test unit, as `GET /api/auth/me` answers (abilities overridable). */
export function officeMe(abilities: Partial<Me['abilities']> = {}): Me {
  return {
    accountId: 4,
    username: 'T1004',
    name: '刘洋',
    unit: { id: 1, code: 'T1', name: '测试单位T1' },
    person: {
      id: 4,
      staffNo: 'T1004',
      departmentId: 4,
      departmentPath: '党委办公室',
      position: null,
    },
    roles: ['staff', 'office'],
    isDemo: false,
    mustChangePassword: false,
    abilities: {
      manageDepartments: true,
      listPeople: true,
      managePeople: true,
      importRoster: true,
      assignRoles: true,
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
      ...abilities,
    },
  };
}
