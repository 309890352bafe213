import { CONTENT_ROLES, type ContentRole, type Role } from '@lianxin/common';
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
  d: {
    unitId: number;
    parentId: number | null;
    name: string;
    path: string;
    sort?: number;
    now: string;
  },
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
  patch: Partial<{
    name: string;
    parent_id: number | null;
    path: string;
    sort: number;
    active: number;
  }>,
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
      eb.or([containsText(kind, 'people.name', text), containsText(kind, 'people.staff_no', text)]),
    );
  }
  if (f.departmentIds)
    q = q.where('people.department_id', 'in', f.departmentIds.length ? f.departmentIds : [-1]);
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
  const roles = row.account_id
    ? ((await rolesByAccount(db, [row.account_id])).get(row.account_id) ?? [])
    : [];
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
    .values({
      ...v,
      unit_id: unitId,
      active: 1,
      is_demo: isDemo ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
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

export async function setAccountActive(
  db: Queryable,
  accountId: number,
  active: boolean,
  now: string,
) {
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
      .values(
        roles.map((role) => ({ unit_id: unitId, account_id: accountId, role, created_at: now })),
      )
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

// ---- batch operations (roster import) ----
// Multi-row statements in chunks: PostgreSQL allows 65,535 parameters per statement and SQLite
// 32,766; 1,000 rows of at most 16 columns stays under both, in few round trips.

const CHUNK = 1000;

function chunked<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Every department of a unit, without counts: what an import needs to resolve paths. */
/** The names of the unit's departments by id (inactive ones too: old records still name them). */
export async function departmentNames(db: Queryable, unitId: number): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('unit_id', '=', unitId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function departmentPaths(db: Queryable, unitId: number) {
  return db
    .selectFrom('departments')
    .select(['id', 'parent_id', 'path', 'active'])
    .where('unit_id', '=', unitId)
    .execute();
}

/** Insert departments in one statement per chunk; answers each new id by its path. */
export async function insertDepartments(
  db: Queryable,
  unitId: number,
  rows: ReadonlyArray<{ parentId: number | null; name: string; path: string }>,
  now: string,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const chunk of chunked(rows)) {
    const inserted = await db
      .insertInto('departments')
      .values(
        chunk.map((d) => ({
          unit_id: unitId,
          parent_id: d.parentId,
          name: d.name,
          path: d.path,
          sort: 0,
          active: 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'path'])
      .execute();
    for (const r of inserted) ids.set(r.path, r.id);
  }
  return ids;
}

/** Every person of a unit with their account (if any): the state an import compares against. */
export async function peopleWithAccounts(db: Queryable, unitId: number) {
  return db
    .selectFrom('people')
    .leftJoin('accounts', 'accounts.person_id', 'people.id')
    .select([
      'people.id',
      'people.staff_no',
      'people.name',
      'people.department_id',
      'people.position',
      'people.phone',
      'people.political_status',
      'people.congress_delegate',
      'people.active',
      'accounts.id as account_id',
      'accounts.active as account_active',
    ])
    .where('people.unit_id', '=', unitId)
    .execute();
}

/** Every user name of a unit's accounts, with the person it belongs to (null: an administrator). */
export async function accountUsernames(db: Queryable, unitId: number) {
  return db
    .selectFrom('accounts')
    .select(['id', 'username', 'person_id'])
    .where('unit_id', '=', unitId)
    .execute();
}

/**
 * Insert or update people by staff number (one statement per chunk). Rows that exist are
 * updated in place, so their ids, accounts and history stay. Answers each id by staff number.
 */
export async function upsertPeople(
  db: Queryable,
  unitId: number,
  rows: ReadonlyArray<PersonValues & { active: number }>,
  now: string,
  onChunk?: (done: number) => void,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  let done = 0;
  for (const chunk of chunked(rows)) {
    const written = await db
      .insertInto('people')
      .values(
        chunk.map((p) => ({
          ...p,
          unit_id: unitId,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['unit_id', 'staff_no']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          department_id: eb.ref('excluded.department_id'),
          position: eb.ref('excluded.position'),
          phone: eb.ref('excluded.phone'),
          political_status: eb.ref('excluded.political_status'),
          congress_delegate: eb.ref('excluded.congress_delegate'),
          active: eb.ref('excluded.active'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .returning(['id', 'staff_no'])
      .execute();
    for (const r of written) ids.set(r.staff_no, r.id);
    done += chunk.length;
    onChunk?.(done);
  }
  return ids;
}

/**
 * Accounts for people who have none: user name = staff number, no password (nobody can sign
 * in until an administrator issues one), a forced change at first sign-in. Answers id by person.
 */
export async function insertPersonAccounts(
  db: Queryable,
  unitId: number,
  rows: ReadonlyArray<{ personId: number; username: string; displayName: string }>,
  now: string,
): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (const chunk of chunked(rows)) {
    const inserted = await db
      .insertInto('accounts')
      .values(
        chunk.map((a) => ({
          unit_id: unitId,
          person_id: a.personId,
          username: a.username,
          display_name: a.displayName,
          password_hash: null,
          must_change_password: 1,
          password_changed_at: null,
          is_demo: 0,
          active: 1,
          failed_attempts: 0,
          failure_window_start: null,
          failure_window_count: 0,
          locked_until: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'person_id'])
      .execute();
    for (const r of inserted) if (r.person_id !== null) ids.set(r.person_id, r.id);
  }
  return ids;
}

/** Copy each person's current name onto their account's display name. */
export async function syncAccountDisplayNames(
  db: Queryable,
  accountIds: readonly number[],
  now: string,
) {
  for (const chunk of chunked(accountIds)) {
    await db
      .updateTable('accounts')
      .set((eb) => ({
        display_name: eb
          .selectFrom('people')
          .select('people.name')
          .whereRef('people.id', '=', 'accounts.person_id'),
        updated_at: now,
      }))
      .where('id', 'in', chunk)
      .where('person_id', 'is not', null)
      .execute();
  }
}

export async function setAccountsActive(
  db: Queryable,
  accountIds: readonly number[],
  active: boolean,
  now: string,
) {
  for (const chunk of chunked(accountIds)) {
    await db
      .updateTable('accounts')
      .set({ active: active ? 1 : 0, updated_at: now })
      .where('id', 'in', chunk)
      .execute();
  }
}

export async function setPeopleActive(
  db: Queryable,
  unitId: number,
  personIds: readonly number[],
  active: boolean,
  now: string,
) {
  for (const chunk of chunked(personIds)) {
    await db
      .updateTable('people')
      .set({ active: active ? 1 : 0, updated_at: now })
      .where('unit_id', '=', unitId)
      .where('id', 'in', chunk)
      .execute();
  }
}

/** End every live session of these accounts (they were deactivated). */
export async function endSessionsOfAccounts(
  db: Queryable,
  accountIds: readonly number[],
  now: string,
) {
  let ended = 0;
  for (const chunk of chunked(accountIds)) {
    const res = await db
      .updateTable('sessions')
      .set({ ended_at: now })
      .where('account_id', 'in', chunk)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    ended += Number(res.numUpdatedRows);
  }
  return ended;
}

/**
 * Set the content roles of many accounts at once. Administrator roles are never removed or
 * added here (the caller leaves administrator accounts out).
 */
export async function replaceContentRolesBatch(
  db: Queryable,
  unitId: number,
  entries: ReadonlyArray<{ accountId: number; roles: readonly ContentRole[] }>,
  now: string,
  opts: { existingAccounts: boolean } = { existingAccounts: true },
) {
  if (opts.existingAccounts) {
    for (const chunk of chunked(entries)) {
      await db
        .deleteFrom('role_assignments')
        .where(
          'account_id',
          'in',
          chunk.map((e) => e.accountId),
        )
        .where('role', 'in', [...CONTENT_ROLES])
        .execute();
    }
  }
  const rows = entries.flatMap((e) =>
    e.roles.map((role) => ({ unit_id: unitId, account_id: e.accountId, role, created_at: now })),
  );
  for (const chunk of chunked(rows)) {
    await db.insertInto('role_assignments').values(chunk).execute();
  }
}

export async function listUnits(db: Queryable) {
  return db.selectFrom('units').select(['id', 'code', 'name']).orderBy('code').execute();
}

// ---- unit settings (one JSON document per unit; each service reads its own key) ----

export async function getUnitSettings(
  db: Queryable,
  unitId: number,
): Promise<Record<string, unknown>> {
  const row = await db
    .selectFrom('units')
    .select('settings')
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!row) return {};
  try {
    const parsed = JSON.parse(row.settings) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Replace one key of the unit's settings, leaving the others as they are. */
export async function setUnitSetting(db: Queryable, unitId: number, key: string, value: unknown) {
  const settings = await getUnitSettings(db, unitId);
  settings[key] = value;
  await db
    .updateTable('units')
    .set({ settings: JSON.stringify(settings) })
    .where('id', '=', unitId)
    .execute();
}
