import type { Role } from '@lianxin/common';
import { containsText, type DbKind, type Queryable } from '../../db/database.js';

/** The only code that touches the organisation tables: units, departments, people, accounts, roles. */

export async function insertUnit(db: Queryable, u: { code: string; name: string; now: string }) {
  const row = await db
    .insertInto('units')
    .values({ code: u.code, name: u.name, settings: '{}', created_at: u.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function unitCount(db: Queryable) {
  const r = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findUnitByCode(db: Queryable, code: string) {
  return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}

// ---- departments ----

export async function listDepartments(db: Queryable, unitId: number) {
  return db
    .selectFrom('departments')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('people')
          .select(['department_id', (e) => e.fn.countAll<number>().as('people_count')])
          .where('active', '=', 1)
          .groupBy('department_id')
          .as('pc'),
      (join) => join.onRef('pc.department_id', '=', 'departments.id'),
    )
    .selectAll('departments')
    .select((eb) => eb.fn.coalesce('pc.people_count', eb.lit(0)).as('people_count'))
    .where('departments.unit_id', '=', unitId)
    .orderBy('departments.path')
    .execute();
}

export async function getDepartment(db: Queryable, unitId: number, id: number) {
  return db
    .selectFrom('departments')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findDepartmentByPath(db: Queryable, unitId: number, path: string) {
  return db
    .selectFrom('departments')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('path', '=', path)
    .executeTakeFirst();
}

export async function insertDepartment(
  db: Queryable,
  d: { unitId: number; parentId: number | null; name: string; path: string; sort?: number; now: string },
) {
  const row = await db
    .insertInto('departments')
    .values({
      unit_id: d.unitId,
      parent_id: d.parentId,
      name: d.name,
      path: d.path,
      sort: d.sort ?? 0,
      active: 1,
      created_at: d.now,
      updated_at: d.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDepartment(
  db: Queryable,
  unitId: number,
  id: number,
  patch: Partial<{ name: string; parent_id: number | null; path: string; sort: number; active: number }>,
  now: string,
) {
  await db
    .updateTable('departments')
    .set({ ...patch, updated_at: now })
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .execute();
}

/** Rewrite the stored paths of every department under `oldPath` after a rename or move. */
export async function rewriteDescendantPaths(
  db: Queryable,
  unitId: number,
  oldPath: string,
  newPath: string,
  now: string,
) {
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'path'])
    .where('unit_id', '=', unitId)
    .where('path', 'like', `${oldPath.replace(/[\\%_]/g, '')}/%`)
    .execute();
  for (const r of rows) {
    if (!r.path.startsWith(`${oldPath}/`)) continue;
    await db
      .updateTable('departments')
      .set({ path: newPath + r.path.slice(oldPath.length), updated_at: now })
      .where('id', '=', r.id)
      .execute();
  }
}

export async function countChildrenAndPeople(db: Queryable, unitId: number, id: number) {
  const children = await db
    .selectFrom('departments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', '=', unitId)
    .where('parent_id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  const people = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', '=', unitId)
    .where('department_id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(children.n) + Number(people.n);
}

/** Ids of a department and every department below it. */
export async function subtreeIds(db: Queryable, unitId: number, id: number): Promise<number[]> {
  const root = await getDepartment(db, unitId, id);
  if (!root) return [];
  const rows = await db
    .selectFrom('departments')
    .select('id')
    .where('unit_id', '=', unitId)
    .where((eb) => eb.or([eb('id', '=', id), eb('path', 'like', `${root.path}/%`)]))
    .execute();
  return rows.map((r) => r.id);
}

// ---- people and accounts ----

export interface PeopleFilter {
  unitId: number;
  q?: string;
  departmentIds?: number[];
  active?: boolean;
  page: number;
  pageSize: number;
}

export async function listPeople(db: Queryable, kind: DbKind, f: PeopleFilter) {
  let q = db
    .selectFrom('people')
    .innerJoin('departments', 'departments.id', 'people.department_id')
    .leftJoin('accounts', 'accounts.person_id', 'people.id')
    .where('people.unit_id', '=', f.unitId);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) =>
      eb.or([
        containsText(kind, 'people.name', text),
        containsText(kind, 'people.staff_no', text),
      ]),
    );
  }
  if (f.departmentIds) q = q.where('people.department_id', 'in', f.departmentIds.length ? f.departmentIds : [-1]);
  if (f.active !== undefined) q = q.where('people.active', '=', f.active ? 1 : 0);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('people')
    .select([
      'departments.path as department_path',
      'accounts.id as account_id',
      'accounts.locked_until as locked_until',
    ])
    .orderBy('people.staff_no')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const roles = await rolesByAccount(
    db,
    rows.map((r) => r.account_id).filter((x): x is number => x !== null),
  );
  return {
    total: Number(total.n),
    items: rows.map((r) => ({ ...r, roles: r.account_id ? (roles.get(r.account_id) ?? []) : [] })),
  };
}

export async function getPerson(db: Queryable, unitId: number, id: number) {
  const row = await db
    .selectFrom('people')
    .innerJoin('departments', 'departments.id', 'people.department_id')
    .leftJoin('accounts', 'accounts.person_id', 'people.id')
    .selectAll('people')
    .select([
      'departments.path as department_path',
      'accounts.id as account_id',
      'accounts.locked_until as locked_until',
    ])
    .where('people.unit_id', '=', unitId)
    .where('people.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const roles = row.account_id ? ((await rolesByAccount(db, [row.account_id])).get(row.account_id) ?? []) : [];
  return { ...row, roles };
}

export async function findPersonByStaffNo(db: Queryable, unitId: number, staffNo: string) {
  return db
    .selectFrom('people')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('staff_no', '=', staffNo)
    .executeTakeFirst();
}

export interface PersonValues {
  staff_no: string;
  name: string;
  department_id: number;
  position: string | null;
  phone: string | null;
  political_status: string | null;
  congress_delegate: number;
}

export async function insertPerson(
  db: Queryable,
  unitId: number,
  v: PersonValues,
  now: string,
  isDemo = false,
) {
  const row = await db
    .insertInto('people')
    .values({ ...v, unit_id: unitId, active: 1, is_demo: isDemo ? 1 : 0, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePerson(
  db: Queryable,
  unitId: number,
  id: number,
  patch: Partial<PersonValues & { active: number }>,
  now: string,
) {
  await db
    .updateTable('people')
    .set({ ...patch, updated_at: now })
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .execute();
}

export async function insertAccount(
  db: Queryable,
  a: {
    unitId: number;
    personId: number | null;
    username: string;
    displayName: string;
    passwordHash: string | null;
    mustChange: boolean;
    isDemo?: boolean;
    now: string;
  },
) {
  const row = await db
    .insertInto('accounts')
    .values({
      unit_id: a.unitId,
      person_id: a.personId,
      username: a.username,
      display_name: a.displayName,
      password_hash: a.passwordHash,
      must_change_password: a.mustChange ? 1 : 0,
      password_changed_at: a.passwordHash ? a.now : null,
      is_demo: a.isDemo ? 1 : 0,
      active: 1,
      failed_attempts: 0,
      failure_window_start: null,
      failure_window_count: 0,
      locked_until: null,
      created_at: a.now,
      updated_at: a.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findAccountByUsername(db: Queryable, unitId: number, username: string) {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function setAccountActive(db: Queryable, accountId: number, active: boolean, now: string) {
  await db
    .updateTable('accounts')
    .set({ active: active ? 1 : 0, updated_at: now })
    .where('id', '=', accountId)
    .execute();
}

export async function rolesByAccount(db: Queryable, accountIds: number[]) {
  const map = new Map<number, Role[]>();
  if (!accountIds.length) return map;
  for (let i = 0; i < accountIds.length; i += 500) {
    const rows = await db
      .selectFrom('role_assignments')
      .select(['account_id', 'role'])
      .where('account_id', 'in', accountIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const list = map.get(r.account_id) ?? [];
      list.push(r.role as Role);
      map.set(r.account_id, list);
    }
  }
  return map;
}

/** Replace an account's roles with `roles` (the database refuses two administrator roles). */
export async function replaceRoles(
  db: Queryable,
  unitId: number,
  accountId: number,
  roles: readonly Role[],
  now: string,
) {
  await db.deleteFrom('role_assignments').where('account_id', '=', accountId).execute();
  if (roles.length) {
    await db
      .insertInto('role_assignments')
      .values(roles.map((role) => ({ unit_id: unitId, account_id: accountId, role, created_at: now })))
      .execute();
  }
}

export async function listAdminAccounts(db: Queryable, unitId: number) {
  return db
    .selectFrom('accounts')
    .innerJoin('role_assignments', 'role_assignments.account_id', 'accounts.id')
    .select([
      'accounts.id',
      'accounts.username',
      'accounts.display_name',
      'accounts.active',
      'accounts.locked_until',
      'accounts.password_changed_at',
      'role_assignments.role',
    ])
    .where('accounts.unit_id', '=', unitId)
    .where('role_assignments.role', 'in', ['system_admin', 'security_admin', 'audit_admin'])
    .orderBy('accounts.id')
    .execute();
}
