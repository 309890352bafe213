import type { AdminRole, ContentRole, PoliticalStatus, Role } from '@lianxin/common';

export interface Department {
  id: number;
  parentId: number | null;
  name: string;
  path: string;
  sort: number;
  active: boolean;
  peopleCount: number;
  abilities: { update: boolean; deactivate: boolean; addChild: boolean };
}

export interface DepartmentList {
  items: Department[];
  abilities: { create: boolean };
}

export interface PersonAbilities {
  update: boolean;
  deactivate: boolean;
  assignRoles: boolean;
  resetPassword: boolean;
  unlock: boolean;
  seePhone: boolean;
}

export interface Person {
  id: number;
  staffNo: string;
  name: string;
  departmentId: number;
  departmentPath: string;
  position: string | null;
  /** Masked (138****1234) unless abilities.seePhone. */
  phone: string | null;
  politicalStatus: PoliticalStatus | null;
  partyMember: boolean;
  congressDelegate: boolean;
  active: boolean;
  accountId: number | null;
  locked: boolean;
  roles: Role[];
  abilities: PersonAbilities;
}

export interface PeoplePage {
  items: Person[];
  total: number;
  abilities: { create: boolean; import: boolean };
}

export interface PersonInput {
  staffNo?: string;
  name?: string;
  departmentId?: number;
  position?: string | null;
  phone?: string | null;
  politicalStatus?: PoliticalStatus | null;
  congressDelegate?: boolean;
  active?: boolean;
}

export type { AdminRole, ContentRole };

export interface AdminAccount {
  id: number;
  username: string;
  name: string;
  role: AdminRole;
  active: boolean;
  locked: boolean;
  abilities: { changeRole: boolean; resetPassword: boolean; unlock: boolean };
}

export interface AdminAccountList {
  items: AdminAccount[];
  abilities: { create: boolean; changeRole: boolean };
}
