import type { Role } from '@lianxin/common';

/** The menu-level abilities of the signed-in person (the server's policy decides them). */
export interface ShellAbilities {
  manageDepartments: boolean;
  listPeople: boolean;
  managePeople: boolean;
  importRoster: boolean;
  assignRoles: boolean;
  manageAdminAccounts: boolean;
  viewAdminAccounts: boolean;
  readAudit: boolean;
  editCalendar: boolean;
  viewSupervision: boolean;
  manageChannels: boolean;
  viewPool: boolean;
  submitOpinion: boolean;
  handleOpinions: boolean;
  departmentOpinions: boolean;
  opinionFigures: boolean;
  readNotices: boolean;
  manageNotices: boolean;
  answerSurveys: boolean;
  manageSurveys: boolean;
  commentConsultations: boolean;
  manageConsultations: boolean;
}

/** `GET /api/auth/me`. */
export interface Me {
  accountId: number;
  username: string;
  name: string;
  unit: { id: number; code: string; name: string };
  person: {
    id: number;
    staffNo: string;
    departmentId: number;
    departmentPath: string;
    position: string | null;
  } | null;
  roles: Role[];
  isDemo: boolean;
  mustChangePassword: boolean;
  abilities: ShellAbilities;
}

export interface SessionItem {
  id: string;
  device: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}
