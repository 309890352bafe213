import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, sessionCookie, testApp, signInRoles } from '../../../../test/app.js';
import { seedTestUnit, TEST_PASSWORD, type TestUnit } from '../../../../test/fixtures.js';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';

registerCleanup();

describeEachDb('organisation', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database);
    Object.assign(
      cookies,
      await signInRoles(app, unit, [
        'office',
        'security_admin',
        'system_admin',
        'department_head',
        'leader',
        'audit_admin',
      ] as const),
    );
  });
  const req = (role: string, method: string, url: string, payload?: object) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie: cookies[role]! },
      ...(payload ? { payload } : {}),
    });

  it('builds the department tree and keeps paths right when moving', async () => {
    const a = await req('office', 'POST', '/api/org/departments', {
      name: '神经内科',
      parentId: unit.departments.internal,
    });
    expect(a.statusCode).toBe(200);
    expect(a.json().department).toMatchObject({
      path: '内科/神经内科',
      abilities: { update: true },
    });
    const id = a.json().department.id as number;
    const child = await req('office', 'POST', '/api/org/departments', {
      name: '卒中单元',
      parentId: id,
    });
    expect(child.json().department.path).toBe('内科/神经内科/卒中单元');

    const moved = await req('office', 'PATCH', `/api/org/departments/${id}`, {
      parentId: unit.departments.surgery,
    });
    expect(moved.json().department.path).toBe('外科/神经内科');
    const row = await database.db
      .selectFrom('departments')
      .select('path')
      .where('id', '=', child.json().department.id)
      .executeTakeFirstOrThrow();
    expect(row.path).toBe('外科/神经内科/卒中单元');

    const cycle = await req('office', 'PATCH', `/api/org/departments/${id}`, {
      parentId: child.json().department.id,
    });
    expect(cycle.json().error.code).toBe('DEPARTMENT_CYCLE');
    const dup = await req('office', 'POST', '/api/org/departments', {
      name: '神经内科',
      parentId: unit.departments.surgery,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DEPARTMENT_NAME_TAKEN');
    const slash = await req('office', 'POST', '/api/org/departments', {
      name: 'a/b',
      parentId: null,
    });
    expect(slash.json().error.code).toBe('VALIDATION_FAILED');
    const notEmpty = await req(
      'office',
      'PATCH',
      `/api/org/departments/${unit.departments.cardiology}`,
      { active: false },
    );
    expect(notEmpty.json().error.code).toBe('DEPARTMENT_NOT_EMPTY');
  });

  it('creates a person with an account that cannot log in until a password is issued', async () => {
    const res = await req('office', 'POST', '/api/org/people', {
      staffNo: 'X900',
      name: '孙悦',
      departmentId: unit.departments.surgery,
      phone: '13912345678',
      politicalStatus: 'cpc_member',
      congressDelegate: true,
    });
    expect(res.statusCode).toBe(200);
    const person = res.json().person;
    expect(person).toMatchObject({
      staffNo: 'X900',
      partyMember: true,
      congressDelegate: true,
      roles: ['staff'],
      phone: '13912345678',
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'X900', password: 'anything-1A' },
    });
    expect(login.statusCode).toBe(401);
    const again = await req('office', 'POST', '/api/org/people', {
      staffNo: 'X900',
      name: '重复',
      departmentId: unit.departments.surgery,
    });
    expect(again.json().error.code).toBe('STAFF_NO_TAKEN');
  });

  it('masks phone numbers except to the office', async () => {
    const id = unit.other.personId;
    const byOffice = (await req('office', 'GET', `/api/org/people/${id}`)).json().person;
    const byLeader = (await req('leader', 'GET', `/api/org/people/${id}`)).json().person;
    expect(byOffice.phone).toMatch(/^1\d{10}$/);
    expect(byLeader.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(byLeader.abilities).toMatchObject({ seePhone: false, update: false });
    // The office's unmasked read is in the audit trail; the leader's masked one is not.
    const reads = await database.db
      .selectFrom('audit_log')
      .select(['actor_label', 'detail'])
      .where('action', '=', 'person.sensitive_read')
      .execute();
    expect(
      reads.some(
        (r) => r.actor_label.includes('刘洋') && JSON.parse(r.detail).personIds.includes(id),
      ),
    ).toBe(true);
    expect(reads.some((r) => r.actor_label.includes('李强'))).toBe(false);
  });

  it('department heads see only their own department', async () => {
    const list = (await req('department_head', 'GET', '/api/org/people?pageSize=100')).json();
    const depts = new Set(list.items.map((p: { departmentPath: string }) => p.departmentPath));
    expect([...depts]).toEqual(['内科/心内科']);
    expect(list.total).toBe(2);
  });

  it('searches people by name or staff number, with % taken literally', async () => {
    const byName = (
      await req('office', 'GET', `/api/org/people?q=${encodeURIComponent('赵')}`)
    ).json();
    expect(byName.items.map((p: { name: string }) => p.name)).toEqual(['赵敏']);
    const pct = (await req('office', 'GET', `/api/org/people?q=${encodeURIComponent('%')}`)).json();
    expect(pct.total).toBe(0);
  });

  it('deactivating a person deactivates the account and ends its sessions, never deletes', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: unit.users.staff.username, password: TEST_PASSWORD },
    });
    const staffCookie = sessionCookie(login);
    const res = await req('office', 'PATCH', `/api/org/people/${unit.users.staff.personId}`, {
      active: false,
    });
    expect(res.json().person.active).toBe(false);
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: staffCookie } }))
        .statusCode,
    ).toBe(401);
    const row = await database.db
      .selectFrom('people')
      .select('active')
      .where('id', '=', unit.users.staff.personId!)
      .executeTakeFirst();
    expect(row?.active).toBe(0);
  });

  it('三员分立: the database refuses a second administrator role on one account', async () => {
    await expect(
      database.db
        .insertInto('role_assignments')
        .values({
          unit_id: unit.unitId,
          account_id: unit.users.system_admin.accountId,
          role: 'audit_admin',
          created_at: new Date().toISOString(),
        })
        .execute(),
    ).rejects.toThrow();
    const roles = await database.db
      .selectFrom('role_assignments')
      .select('role')
      .where('account_id', '=', unit.users.system_admin.accountId)
      .execute();
    expect(roles.map((r) => r.role)).toEqual(['system_admin']);
  });

  it('三员分立: an administrator account cannot take content roles, nor change its own', async () => {
    const adminPersonless = await req(
      'security_admin',
      'PUT',
      `/api/org/admin-accounts/${unit.users.security_admin.accountId}/role`,
      { role: 'audit_admin' },
    );
    expect(adminPersonless.json().error.code).toBe('ROLE_SELF_ADMIN_CHANGE');
    const created = await req('system_admin', 'POST', '/api/org/admin-accounts', {
      username: 'auditor2',
      name: '第二审计员',
      role: 'audit_admin',
    });
    expect(created.statusCode).toBe(200);
    expect(created.json().temporaryPassword).toMatch(/.{12}/);
    const changed = await req(
      'security_admin',
      'PUT',
      `/api/org/admin-accounts/${created.json().account.id}/role`,
      { role: 'security_admin' },
    );
    expect(changed.json().account.role).toBe('security_admin');
    // Per-record abilities: never on one's own account.
    const bySys = (await req('system_admin', 'GET', '/api/org/admin-accounts')).json()
      .items as Array<{ id: number; abilities: Record<string, boolean> }>;
    expect(bySys.find((a) => a.id === unit.users.system_admin.accountId)!.abilities).toEqual({
      changeRole: false,
      resetPassword: false,
      unlock: false,
    });
    expect(bySys.find((a) => a.id === unit.users.audit_admin.accountId)!.abilities).toMatchObject({
      resetPassword: true,
      changeRole: false,
    });
    const bySec = (await req('security_admin', 'GET', '/api/org/admin-accounts')).json()
      .items as Array<{ id: number; abilities: Record<string, boolean> }>;
    expect(bySec.find((a) => a.id === unit.users.audit_admin.accountId)!.abilities).toMatchObject({
      changeRole: true,
      resetPassword: false,
      unlock: true,
    });
    expect((await req('audit_admin', 'GET', '/api/org/admin-accounts')).statusCode).toBe(403);
    const two = await req('system_admin', 'POST', '/api/org/admin-accounts', {
      username: 'auditor2',
      name: 'x',
      role: 'audit_admin',
    });
    expect(two.json().error.code).toBe('USERNAME_TAKEN');
  });

  it('assigns content roles, always keeping staff, and writes the audit entry', async () => {
    const res = await req('office', 'PUT', `/api/org/people/${unit.other.personId}/roles`, {
      roles: ['department_head', 'supervisor'],
    });
    expect(res.json().person.roles.sort()).toEqual(['department_head', 'staff', 'supervisor']);
    const bad = await req('office', 'PUT', `/api/org/people/${unit.other.personId}/roles`, {
      roles: ['system_admin'],
    });
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const entries = await req('audit_admin', 'GET', `/api/audit?action=person.roles_changed`);
    expect(entries.json().items[0]).toMatchObject({
      action: 'person.roles_changed',
      targetId: String(unit.other.personId),
    });
    expect(entries.json().items[0].actor).toContain('刘洋');
  });

  it('the audit administrator searches by person, action and date', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date(),
    );
    const byPerson = (
      await req(
        'audit_admin',
        'GET',
        `/api/audit?actor=${encodeURIComponent('刘洋')}&from=${today}&to=${today}`,
      )
    ).json();
    expect(byPerson.total).toBeGreaterThan(0);
    expect(byPerson.items.every((e: { actor: string }) => e.actor.includes('刘洋'))).toBe(true);
    const tomorrow = (await req('audit_admin', 'GET', `/api/audit?from=2999-01-01`)).json();
    expect(tomorrow.total).toBe(0);
    const actions = (await req('audit_admin', 'GET', '/api/audit/actions')).json().items;
    expect(actions).toContain('department.created');
    const verify = (await req('audit_admin', 'GET', '/api/audit/verify')).json();
    expect(verify).toMatchObject({ ok: true, breaks: [] });
  });
});
