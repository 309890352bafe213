import {
  ADMIN_ROLES,
  CONTENT_ROLES,
  isAdminRole,
  type AdminRole,
  type ContentRole,
} from '@lianxin/common';
import { runCommand, type CommandContext } from '../command.js';
import { AppError } from '../errors.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import { endSessions } from '../auth/repository.js';
import * as repo from './repository.js';

const now = () => new Date().toISOString();

// ---- departments ----

export async function createDepartment(
  ctx: CommandContext,
  input: { name: string; parentId: number | null },
) {
  return runCommand(ctx, async (tx, audit) => {
    const unitId = ctx.actor.unitId;
    const parent = input.parentId ? await repo.getDepartment(tx, unitId, input.parentId) : null;
    if (input.parentId && !parent) throw new AppError('DEPARTMENT_NOT_FOUND');
    const path = parent ? `${parent.path}/${input.name}` : input.name;
    if (await repo.findDepartmentByPath(tx, unitId, path))
      throw new AppError('DEPARTMENT_NAME_TAKEN');
    const id = await repo.insertDepartment(tx, {
      unitId,
      parentId: parent?.id ?? null,
      name: input.name,
      path,
      now: now(),
    });
    await audit('department.created', { type: 'department', id }, { path });
    return id;
  });
}

export async function updateDepartment(
  ctx: CommandContext,
  id: number,
  input: { name?: string; parentId?: number | null; sort?: number; active?: boolean },
) {
  return runCommand(ctx, async (tx, audit) => {
    const unitId = ctx.actor.unitId;
    const dep = await repo.getDepartment(tx, unitId, id);
    if (!dep) throw new AppError('DEPARTMENT_NOT_FOUND');
    const name = input.name ?? dep.name;
    let parentPath: string | null = null;
    let parentId = dep.parent_id;
    if (input.parentId !== undefined) parentId = input.parentId;
    if (parentId) {
      const parent = await repo.getDepartment(tx, unitId, parentId);
      if (!parent) throw new AppError('DEPARTMENT_NOT_FOUND');
      if (parent.id === dep.id || parent.path.startsWith(`${dep.path}/`)) {
        throw new AppError('DEPARTMENT_CYCLE');
      }
      parentPath = parent.path;
    }
    const path = parentPath ? `${parentPath}/${name}` : name;
    const t = now();
    if (path !== dep.path) {
      if (await repo.findDepartmentByPath(tx, unitId, path))
        throw new AppError('DEPARTMENT_NAME_TAKEN');
      await repo.rewriteDescendantPaths(tx, unitId, dep.path, path, t);
    }
    if (input.active === false && dep.active === 1) {
      if ((await repo.countChildrenAndPeople(tx, unitId, id)) > 0) {
        throw new AppError('DEPARTMENT_NOT_EMPTY');
      }
    }
    await repo.updateDepartment(
      tx,
      unitId,
      id,
      {
        name,
        parent_id: parentId,
        path,
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      },
      t,
    );
    await audit(
      'department.updated',
      { type: 'department', id },
      { from: dep.path, to: path, ...(input.active !== undefined ? { active: input.active } : {}) },
    );
  });
}

// ---- people ----

export interface PersonInput {
  staffNo: string;
  name: string;
  departmentId: number;
  position?: string | null;
  phone?: string | null;
  politicalStatus?: string | null;
  congressDelegate?: boolean;
}

export async function createPerson(ctx: CommandContext, input: PersonInput) {
  return runCommand(ctx, async (tx, audit) => {
    const unitId = ctx.actor.unitId;
    if (!(await repo.getDepartment(tx, unitId, input.departmentId))) {
      throw new AppError('DEPARTMENT_NOT_FOUND');
    }
    if (await repo.findPersonByStaffNo(tx, unitId, input.staffNo))
      throw new AppError('STAFF_NO_TAKEN');
    if (await repo.findAccountByUsername(tx, unitId, input.staffNo))
      throw new AppError('USERNAME_TAKEN');
    const t = now();
    const personId = await repo.insertPerson(
      tx,
      unitId,
      {
        staff_no: input.staffNo,
        name: input.name,
        department_id: input.departmentId,
        position: input.position ?? null,
        phone: input.phone ?? null,
        political_status: input.politicalStatus ?? null,
        congress_delegate: input.congressDelegate ? 1 : 0,
      },
      t,
    );
    // The account exists from the start but cannot log in until an administrator issues a
    // temporary password, which must be changed at first login.
    const accountId = await repo.insertAccount(tx, {
      unitId,
      personId,
      username: input.staffNo,
      displayName: input.name,
      passwordHash: null,
      mustChange: true,
      now: t,
    });
    await repo.replaceRoles(tx, unitId, accountId, ['staff'], t);
    await audit('person.created', { type: 'person', id: personId }, { staffNo: input.staffNo });
    return personId;
  });
}

export async function updatePerson(
  ctx: CommandContext,
  id: number,
  input: Partial<Omit<PersonInput, 'staffNo'>> & { active?: boolean },
) {
  return runCommand(ctx, async (tx, audit) => {
    const unitId = ctx.actor.unitId;
    const person = await repo.getPerson(tx, unitId, id);
    if (!person) throw new AppError('PERSON_NOT_FOUND');
    if (
      input.departmentId !== undefined &&
      !(await repo.getDepartment(tx, unitId, input.departmentId))
    ) {
      throw new AppError('DEPARTMENT_NOT_FOUND');
    }
    const t = now();
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.departmentId !== undefined ? { department_id: input.departmentId } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.politicalStatus !== undefined ? { political_status: input.politicalStatus } : {}),
      ...(input.congressDelegate !== undefined
        ? { congress_delegate: input.congressDelegate ? 1 : 0 }
        : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
    };
    await repo.updatePerson(tx, unitId, id, patch, t);
    if (person.account_id && input.active !== undefined) {
      await repo.setAccountActive(tx, person.account_id, input.active, t);
      if (!input.active) await endSessions(tx, { accountId: person.account_id }, t);
    }
    // The audit records which fields changed, not their values (phones are personal data).
    await audit('person.updated', { type: 'person', id }, { fields: Object.keys(patch) });
  });
}

export async function assignContentRoles(
  ctx: CommandContext,
  personId: number,
  roles: ContentRole[],
) {
  return runCommand(ctx, async (tx, audit) => {
    const unitId = ctx.actor.unitId;
    const person = await repo.getPerson(tx, unitId, personId);
    if (!person || !person.account_id) throw new AppError('PERSON_NOT_FOUND');
    if (roles.some((r) => !(CONTENT_ROLES as readonly string[]).includes(r))) {
      throw new AppError('ROLE_UNKNOWN');
    }
    if (person.roles.some(isAdminRole)) throw new AppError('ROLE_ADMIN_EXCLUSIVE');
    const next = [...new Set<ContentRole>(['staff', ...roles])];
    await repo.replaceRoles(tx, unitId, person.account_id, next, now());
    await audit(
      'person.roles_changed',
      { type: 'person', id: personId },
      { from: person.roles, to: next },
    );
  });
}

// ---- the separated administrators (三员) ----

export async function createAdminAccount(
  ctx: CommandContext,
  input: { username: string; name: string; role: AdminRole },
) {
  if (!(ADMIN_ROLES as readonly string[]).includes(input.role)) throw new AppError('ROLE_UNKNOWN');
  const temporaryPassword = generatePassword();
  const hash = await hashPassword(temporaryPassword);
  const accountId = await runCommand(ctx, async (tx, audit) => {
    const unitId = ctx.actor.unitId;
    if (await repo.findAccountByUsername(tx, unitId, input.username))
      throw new AppError('USERNAME_TAKEN');
    const t = now();
    const id = await repo.insertAccount(tx, {
      unitId,
      personId: null,
      username: input.username,
      displayName: input.name,
      passwordHash: hash,
      mustChange: true,
      now: t,
    });
    await repo.replaceRoles(tx, unitId, id, [input.role], t);
    await audit('account.created', { type: 'account', id }, { role: input.role });
    return id;
  });
  return { accountId, temporaryPassword };
}

export async function changeAdminRole(ctx: CommandContext, accountId: number, role: AdminRole) {
  if (accountId === ctx.actor.accountId) throw new AppError('ROLE_SELF_ADMIN_CHANGE');
  return runCommand(ctx, async (tx, audit) => {
    const unitId = ctx.actor.unitId;
    const current = (await repo.rolesByAccount(tx, [accountId])).get(accountId) ?? [];
    const account = await tx
      .selectFrom('accounts')
      .select(['id', 'unit_id', 'person_id'])
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (!account || account.unit_id !== unitId || !current.some(isAdminRole)) {
      throw new AppError('ACCOUNT_NOT_FOUND');
    }
    await repo.replaceRoles(tx, unitId, accountId, [role], now());
    await endSessions(tx, { accountId }, now());
    await audit(
      'account.role_changed',
      { type: 'account', id: accountId },
      { from: current, to: [role] },
    );
  });
}
