/** Roles per unit, as mechanisms.md lists them. Code names are the glossary's. */
export const CONTENT_ROLES = [
  'staff',
  'department_head',
  'leader',
  'office',
  'motion_committee',
  'supervisor',
] as const;

/** 三员分立: no account holds two of these, and an account holding one holds no other role. */
export const ADMIN_ROLES = ['system_admin', 'security_admin', 'audit_admin'] as const;

export const ROLES = [...CONTENT_ROLES, ...ADMIN_ROLES] as const;

export type ContentRole = (typeof CONTENT_ROLES)[number];
export type AdminRole = (typeof ADMIN_ROLES)[number];
export type Role = (typeof ROLES)[number];

export function isAdminRole(role: string): role is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(role);
}

export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/** 政治面貌: the values a roster may carry. Party members are `cpc_member` and `cpc_probationary`. */
export const POLITICAL_STATUSES = [
  'cpc_member',
  'cpc_probationary',
  'cyl_member',
  'democratic_party',
  'non_party',
  'masses',
] as const;
export type PoliticalStatus = (typeof POLITICAL_STATUSES)[number];

export function isPartyMember(status: string | null | undefined): boolean {
  return status === 'cpc_member' || status === 'cpc_probationary';
}

/** Chinese names used in roster files (角色 and 政治面貌 columns), mapped to code names. */
export const ROLE_BY_CHINESE: Record<string, ContentRole> = {
  职工: 'staff',
  员工: 'staff',
  科室负责人: 'department_head',
  部门负责人: 'department_head',
  科主任: 'department_head',
  领导: 'leader',
  院领导: 'leader',
  单位领导: 'leader',
  群工办: 'office',
  提案委员会: 'motion_committee',
  提案工作委员会: 'motion_committee',
  纪检监督: 'supervisor',
  监督: 'supervisor',
};

export const POLITICAL_STATUS_BY_CHINESE: Record<string, PoliticalStatus> = {
  中共党员: 'cpc_member',
  党员: 'cpc_member',
  中共预备党员: 'cpc_probationary',
  预备党员: 'cpc_probationary',
  共青团员: 'cyl_member',
  团员: 'cyl_member',
  民主党派: 'democratic_party',
  无党派人士: 'non_party',
  无党派: 'non_party',
  群众: 'masses',
};
