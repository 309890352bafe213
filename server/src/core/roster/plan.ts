import {
  CONTENT_ROLES,
  isAdminRole,
  type ContentRole,
  type PoliticalStatus,
  type Role,
} from '@lianxin/common';
import { COLUMN_HEADERS } from './parse.js';
import { byRow, type RowProblem } from './problems.js';
import type { RosterPerson } from './validate.js';

/**
 * What an import will change, worked out from the valid rows and the unit as it stands. Pure:
 * the dry run reports it, the real run applies it in one transaction. Problems here are the
 * ones only the database can reveal (an inactive department, a user name already taken).
 */

export interface ExistingState {
  departments: ReadonlyArray<{ id: number; path: string; active: number }>;
  people: ReadonlyArray<{
    id: number;
    staff_no: string;
    name: string;
    department_id: number;
    position: string | null;
    phone: string | null;
    political_status: string | null;
    congress_delegate: number;
    active: number;
    account_id: number | null;
    account_active: number | null;
  }>;
  /** Every account of the unit, for user-name clashes. */
  accounts: ReadonlyArray<{ id: number; username: string; person_id: number | null }>;
  /** Roles of the existing accounts of people in the file (needed only with a 角色 column). */
  roles: ReadonlyMap<number, readonly Role[]>;
  /** Accounts holding an administrator role: an import never changes their roles or status. */
  adminAccountIds: ReadonlySet<number>;
}

export interface PlanOptions {
  deactivateMissing: boolean;
  /** The file has a 角色 column: set content roles exactly; otherwise keep them. */
  rolesColumn: boolean;
  /**
   * The acting person is never deactivated by their own import (they would lock themselves out);
   * nor is a person whose account is an administrator's: the office may not disable 三员 by file.
   */
  actorPersonId: number | null;
}

export interface PersonWrite {
  staffNo: string;
  name: string;
  departmentPath: string;
  position: string | null;
  phone: string | null;
  politicalStatus: string | null;
  congressDelegate: number;
}

export interface ImportPlan {
  problems: RowProblem[];
  /** Departments to create, parents before children. */
  departments: Array<{ path: string; name: string; parentPath: string | null }>;
  /** New people and people whose stored values change (including reactivation). */
  writes: PersonWrite[];
  created: number;
  updated: number;
  /** Accounts to create: for each new person, and for a person who has none. */
  newAccounts: Array<{ staffNo: string; name: string; personId: number | null }>;
  /** Existing accounts whose display name follows a changed name. */
  renamedAccounts: number[];
  /** Accounts of people the import brings back. */
  reactivatedAccounts: number[];
  /** Content roles to set; `accountId` null for an account this import creates. */
  roles: Array<{ staffNo: string; accountId: number | null; roles: ContentRole[] }>;
  deactivate: Array<{ personId: number; accountId: number | null; accountActive: boolean }>;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

export function planImport(
  people: readonly RosterPerson[],
  state: ExistingState,
  options: PlanOptions,
): ImportPlan {
  const problems: RowProblem[] = [];
  const departmentByPath = new Map(state.departments.map((d) => [d.path, d]));
  const pathById = new Map(state.departments.map((d) => [d.id, d.path]));
  const personByStaffNo = new Map(state.people.map((p) => [p.staff_no, p]));
  const usernames = new Set(state.accounts.map((a) => a.username));

  const toCreate = new Map<
    string,
    { path: string; name: string; parentPath: string | null; depth: number }
  >();
  const plan: ImportPlan = {
    problems,
    departments: [],
    writes: [],
    created: 0,
    updated: 0,
    newAccounts: [],
    renamedAccounts: [],
    reactivatedAccounts: [],
    roles: [],
    deactivate: [],
  };

  for (const p of people) {
    // Every level of the path must exist and be active, or be created.
    const segments = p.departmentPath.split('/');
    let inactive: string | null = null;
    for (let depth = 1; depth <= segments.length; depth++) {
      const path = segments.slice(0, depth).join('/');
      const existing = departmentByPath.get(path);
      if (existing) {
        if (!existing.active && inactive === null) inactive = path;
      } else if (!toCreate.has(path)) {
        toCreate.set(path, {
          path,
          name: segments[depth - 1]!,
          parentPath: depth > 1 ? segments.slice(0, depth - 1).join('/') : null,
          depth,
        });
      }
    }
    if (inactive !== null) {
      problems.push({
        row: p.row,
        column: COLUMN_HEADERS.department,
        code: 'departmentInactive',
        params: { path: inactive },
      });
    }

    const existing = personByStaffNo.get(p.staffNo);
    const needsAccount = !existing || existing.account_id === null;
    if (needsAccount && usernames.has(p.staffNo)) {
      problems.push({
        row: p.row,
        column: COLUMN_HEADERS.staffNo,
        code: 'staffNoAccountTaken',
        params: { value: p.staffNo },
      });
    }

    const write: PersonWrite = {
      staffNo: p.staffNo,
      name: p.name,
      departmentPath: p.departmentPath,
      position: p.position === undefined ? (existing?.position ?? null) : p.position,
      phone: p.phone === undefined ? (existing?.phone ?? null) : p.phone,
      politicalStatus:
        p.politicalStatus === undefined
          ? (existing?.political_status ?? null)
          : (p.politicalStatus as PoliticalStatus | null),
      congressDelegate:
        p.congressDelegate === undefined ? (existing?.congress_delegate ?? 0) : p.congressDelegate,
    };

    if (!existing) {
      plan.writes.push(write);
      plan.created++;
      plan.newAccounts.push({ staffNo: p.staffNo, name: p.name, personId: null });
      plan.roles.push({ staffNo: p.staffNo, accountId: null, roles: p.roles ?? ['staff'] });
      continue;
    }

    const reactivate = existing.active === 0;
    const valuesChange =
      existing.name !== write.name ||
      pathById.get(existing.department_id) !== write.departmentPath ||
      existing.position !== write.position ||
      existing.phone !== write.phone ||
      existing.political_status !== write.politicalStatus ||
      existing.congress_delegate !== write.congressDelegate;
    let changed = reactivate || valuesChange;
    if (reactivate || valuesChange) plan.writes.push(write);
    if (existing.account_id !== null) {
      if (existing.name !== write.name) plan.renamedAccounts.push(existing.account_id);
      if (reactivate && existing.account_active === 0)
        plan.reactivatedAccounts.push(existing.account_id);
    }

    if (existing.account_id === null) {
      changed = true;
      plan.newAccounts.push({ staffNo: p.staffNo, name: p.name, personId: existing.id });
      plan.roles.push({ staffNo: p.staffNo, accountId: null, roles: p.roles ?? ['staff'] });
    } else if (options.rolesColumn && p.roles) {
      const current = state.roles.get(existing.account_id) ?? [];
      // An administrator's account is never given content roles (三员分立), nor changed here.
      if (!current.some(isAdminRole) && !state.adminAccountIds.has(existing.account_id)) {
        const currentContent = current.filter((r) =>
          (CONTENT_ROLES as readonly string[]).includes(r),
        );
        if (!sameSet(currentContent, p.roles)) {
          changed = true;
          plan.roles.push({ staffNo: p.staffNo, accountId: existing.account_id, roles: p.roles });
        }
      }
    }
    if (changed) plan.updated++;
  }

  if (options.deactivateMissing) {
    const inFile = new Set(people.map((p) => p.staffNo));
    for (const e of state.people) {
      if (!e.active || inFile.has(e.staff_no) || e.id === options.actorPersonId) continue;
      if (e.account_id !== null && state.adminAccountIds.has(e.account_id)) continue;
      plan.deactivate.push({
        personId: e.id,
        accountId: e.account_id,
        accountActive: e.account_active === 1,
      });
    }
  }

  plan.departments = [...toCreate.values()]
    .sort((a, b) => a.depth - b.depth || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(({ path, name, parentPath }) => ({ path, name, parentPath }));
  problems.sort(byRow);
  return plan;
}
