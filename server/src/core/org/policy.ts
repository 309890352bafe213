import { isAdminRole, type Role } from '@lianxin/common';
import { hasRole, type Actor } from '../actor.js';
import { calendarPolicy } from '../calendar/policy.js';
import { deadlinePolicy } from '../deadlines/policy.js';
import { notificationPolicy } from '../notifications/policy.js';
import { poolPolicy } from '../pool/policy.js';

/**
 * Who may do what with the organisation: one line per rule, deny by default.
 * 群工办 (office) runs the roster day to day; the system administrator manages accounts and
 * organisation but reads no content; the security administrator assigns roles; the audit
 * administrator reads the audit trail only.
 */
export const orgPolicy = {
  listDepartments: (a: Actor) => !!a,
  manageDepartments: (a: Actor) => hasRole(a, 'office', 'system_admin'),
  listPeople: (a: Actor) =>
    hasRole(a, 'office', 'system_admin', 'security_admin', 'leader', 'department_head'),
  managePeople: (a: Actor) => hasRole(a, 'office', 'system_admin'),
  importRoster: (a: Actor) => hasRole(a, 'office', 'system_admin'),
  /** Phone numbers show unmasked to the office only (mechanisms: masked on screen otherwise). */
  seePhone: (a: Actor) => hasRole(a, 'office'),
  assignContentRoles: (a: Actor) => hasRole(a, 'office', 'security_admin', 'system_admin'),
  assignAdminRole: (a: Actor, target: { accountId: number }) =>
    hasRole(a, 'security_admin') && a.accountId !== target.accountId,
  manageAdminAccounts: (a: Actor) => hasRole(a, 'system_admin'),
  viewAdminAccounts: (a: Actor) => hasRole(a, 'system_admin', 'security_admin'),
  resetPassword: (a: Actor, target: { accountId: number }) =>
    hasRole(a, 'system_admin') && a.accountId !== target.accountId,
  unlockAccount: (a: Actor) => hasRole(a, 'system_admin', 'security_admin'),
  readAudit: (a: Actor) => hasRole(a, 'audit_admin'),
};

/** Which people an actor may see: everyone for office/admins/leaders, their subtree for heads. */
export function peopleScope(a: Actor): 'all' | 'department' | 'none' {
  if (hasRole(a, 'office', 'system_admin', 'security_admin', 'leader')) return 'all';
  if (hasRole(a, 'department_head')) return 'department';
  return 'none';
}

/** Abilities on one person, carried in every response that shows a person. */
export function personAbilities(a: Actor, target: { accountId: number | null; roles: Role[] }) {
  const targetIsAdmin = target.roles.some(isAdminRole);
  return {
    update: orgPolicy.managePeople(a),
    deactivate: orgPolicy.managePeople(a),
    assignRoles: orgPolicy.assignContentRoles(a) && !targetIsAdmin,
    resetPassword:
      target.accountId !== null && orgPolicy.resetPassword(a, { accountId: target.accountId }),
    unlock: target.accountId !== null && orgPolicy.unlockAccount(a),
    seePhone: orgPolicy.seePhone(a),
  };
}

/** Abilities on one administrator account (三员): never on one's own. */
export function adminAccountAbilities(a: Actor, target: { accountId: number }) {
  return {
    changeRole: orgPolicy.assignAdminRole(a, target),
    resetPassword: orgPolicy.resetPassword(a, target),
    unlock: orgPolicy.unlockAccount(a) && a.accountId !== target.accountId,
  };
}

export function departmentAbilities(a: Actor) {
  const manage = orgPolicy.manageDepartments(a);
  return { update: manage, deactivate: manage, addChild: manage };
}

/** The menu-level abilities of the signed-in person (GET /api/auth/me). */
export function shellAbilities(a: Actor) {
  return {
    manageDepartments: orgPolicy.manageDepartments(a),
    listPeople: orgPolicy.listPeople(a),
    managePeople: orgPolicy.managePeople(a),
    importRoster: orgPolicy.importRoster(a),
    assignRoles: orgPolicy.assignContentRoles(a),
    manageAdminAccounts: orgPolicy.manageAdminAccounts(a),
    viewAdminAccounts: orgPolicy.viewAdminAccounts(a),
    readAudit: orgPolicy.readAudit(a),
    editCalendar: calendarPolicy.edit(a),
    viewSupervision: deadlinePolicy.viewBoard(a),
    manageChannels: notificationPolicy.manageChannels(a),
    viewPool: poolPolicy.view(a),
  };
}

export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
