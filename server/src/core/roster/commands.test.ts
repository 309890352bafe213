import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDb, freshDatabase } from '../../../../test/db.js';
import { registerCleanup } from '../../../../test/app.js';
import { seedTestUnit, type TestUnit } from '../../../../test/fixtures.js';
import type { Database } from '../../db/database.js';
import { actorLabel, systemActor, type Actor } from '../actor.js';
import * as authRepo from '../auth/repository.js';
import * as org from '../org/repository.js';
import { importRoster, type RosterImportInput } from './commands.js';
import type { ImportProgress } from './progress.js';

registerCleanup();

const csv = (...lines: string[]) => Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');

async function xlsx(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('花名册');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachDb('roster import command', (kind) => {
  let database: Database;
  let unit: TestUnit;
  let office: Actor;

  beforeEach(async () => {
    database = await freshDatabase(kind);
    unit = await seedTestUnit(database);
    const u = unit.users.office;
    office = {
      accountId: u.accountId,
      unitId: unit.unitId,
      personId: u.personId,
      username: u.username,
      name: '刘洋',
      roles: ['staff', 'office'],
      departmentId: unit.departments.office,
      sessionId: null,
    };
  });

  const run = (buffer: Buffer, opts: Partial<RosterImportInput> = {}, actor = office) =>
    importRoster(
      { database, actor },
      { fileName: 'roster.csv', buffer, dryRun: false, deactivateMissing: false, ...opts },
    );

  async function counts() {
    const n = async (
      table: 'people' | 'accounts' | 'departments' | 'role_assignments' | 'audit_log' | 'sessions',
    ) => {
      const r = await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    };
    const active = await database.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('active', '=', 1)
      .executeTakeFirstOrThrow();
    return {
      people: await n('people'),
      activePeople: Number(active.n),
      accounts: await n('accounts'),
      departments: await n('departments'),
      roles: await n('role_assignments'),
      audit: await n('audit_log'),
    };
  }

  const person = (staffNo: string) =>
    database.db
      .selectFrom('people')
      .innerJoin('departments', 'departments.id', 'people.department_id')
      .leftJoin('accounts', 'accounts.person_id', 'people.id')
      .select([
        'people.id',
        'people.name',
        'people.position',
        'people.phone',
        'people.political_status',
        'people.congress_delegate',
        'people.active',
        'departments.path',
        'accounts.id as account_id',
        'accounts.username',
        'accounts.display_name',
        'accounts.password_hash',
        'accounts.must_change_password',
        'accounts.active as account_active',
      ])
      .where('people.unit_id', '=', unit.unitId)
      .where('people.staff_no', '=', staffNo)
      .executeTakeFirst();

  const rolesOf = async (accountId: number) =>
    (await authRepo.rolesOf(database.db, accountId)).sort();

  const importRow = (id: number) =>
    database.db
      .selectFrom('roster_imports')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  const FILE = csv(
    '工号,姓名,部门,职务,手机,政治面貌,角色,职代会代表',
    'N001,孙丽,内科/心内科,护士,13900000001,中共党员,职工,是',
    'N002,周杰,内科/呼吸内科/一病区,医师,,群众,科室负责人、群工办,否',
    'N003,吴磊,后勤保障部,,,,,',
  );

  it('a dry run reports what would change and changes nothing', async () => {
    const before = await counts();
    const progress: ImportProgress[] = [];
    const report = await run(FILE, { dryRun: true, onProgress: (p) => progress.push(p) });
    expect(report).toMatchObject({
      status: 'succeeded',
      dryRun: true,
      totalRows: 3,
      processedRows: 3,
      created: 3,
      updated: 0,
      departmentsCreated: 3,
      problems: [],
      errorCode: null,
    });
    expect(report.departmentPaths).toEqual(['后勤保障部', '内科/呼吸内科', '内科/呼吸内科/一病区']);
    expect(await counts()).toEqual(before);
    const row = await importRow(report.id);
    expect(row).toMatchObject({
      status: 'succeeded',
      dry_run: 1,
      created_count: 3,
      departments_created: 3,
      account_id: office.accountId,
    });
    expect(progress.map((p) => p.phase)).toContain('validate');
  });

  it('a real run creates departments from paths, people, accounts that cannot sign in yet, roles, and one audit entry', async () => {
    const before = await counts();
    const progress: ImportProgress[] = [];
    const report = await run(FILE, { onProgress: (p) => progress.push(p) });
    expect(report).toMatchObject({
      status: 'succeeded',
      created: 3,
      updated: 0,
      deactivated: 0,
      departmentsCreated: 3,
    });
    const after = await counts();
    expect(after.people - before.people).toBe(3);
    expect(after.accounts - before.accounts).toBe(3);
    expect(after.departments - before.departments).toBe(3);
    expect(after.audit - before.audit).toBe(1);

    const ward = await org.findDepartmentByPath(database.db, unit.unitId, '内科/呼吸内科/一病区');
    const resp = await org.findDepartmentByPath(database.db, unit.unitId, '内科/呼吸内科');
    expect(ward).toMatchObject({ name: '一病区', parent_id: resp!.id, active: 1 });
    expect(resp!.parent_id).toBe(unit.departments.internal);

    const sun = await person('N001');
    expect(sun).toMatchObject({
      name: '孙丽',
      path: '内科/心内科',
      position: '护士',
      phone: '13900000001',
      political_status: 'cpc_member',
      congress_delegate: 1,
      active: 1,
      username: 'N001',
      display_name: '孙丽',
      password_hash: null,
      must_change_password: 1,
      account_active: 1,
    });
    expect(await rolesOf(sun!.account_id!)).toEqual(['staff']);
    const zhou = await person('N002');
    expect(await rolesOf(zhou!.account_id!)).toEqual(['department_head', 'office', 'staff']);
    expect(await person('N003')).toMatchObject({
      position: null,
      phone: null,
      political_status: null,
      congress_delegate: 0,
    });

    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'roster.imported')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_label).toBe(actorLabel(office));
    expect(audit[0]!.target_id).toBe(String(report.id));
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({
      created: 3,
      updated: 0,
      deactivated: 0,
      departmentsCreated: 3,
      totalRows: 3,
    });
    expect(await importRow(report.id)).toMatchObject({
      status: 'succeeded',
      processed_rows: 3,
      total_rows: 3,
      created_count: 3,
    });
    expect(progress.at(-1)).toEqual({ phase: 'write', processedRows: 3, totalRows: 3 });
  });

  it('re-import updates by 工号 and deactivates the missing only when asked, never deleting them', async () => {
    await run(FILE);
    const staffNo = unit.users.staff.username;
    const before = await counts();
    // N001 renamed and moved; N002 loses a role; N003 leaves the file; the seeded staff member stays.
    const second = csv(
      '工号,姓名,部门,职务,手机,政治面貌,角色,职代会代表',
      'N001,孙俪,外科,护士长,13900000009,中共党员,职工,否',
      'N002,周杰,内科/呼吸内科/一病区,医师,,群众,科室负责人,否',
      `${staffNo},张伟,内科/心内科,,,,,`,
    );
    const kept = await run(second);
    expect(kept).toMatchObject({
      status: 'succeeded',
      created: 0,
      updated: 3,
      deactivated: 0,
      departmentsCreated: 0,
    });
    expect(await person('N001')).toMatchObject({
      name: '孙俪',
      path: '外科',
      position: '护士长',
      phone: '13900000009',
      congress_delegate: 0,
      display_name: '孙俪',
    });
    expect(await rolesOf((await person('N002'))!.account_id!)).toEqual([
      'department_head',
      'staff',
    ]);
    expect((await person('N003'))!.active).toBe(1);
    expect((await counts()).activePeople).toBe(before.activePeople);

    // The same file again: nothing to update.
    expect(await run(second)).toMatchObject({ created: 0, updated: 0 });

    // Give N003 a live session, then deactivate the missing.
    const n003 = (await person('N003'))!;
    const now = new Date().toISOString();
    await authRepo.insertSession(database.db, {
      id: 'a'.repeat(32),
      tokenHash: 'b'.repeat(64),
      accountId: n003.account_id!,
      unitId: unit.unitId,
      device: 'test',
      now,
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    const dropped = await run(second, { deactivateMissing: true });
    // Missing: N003 and the seeded people except the office member running the import (and
    // except the staff member who is in the file).
    expect(dropped.deactivated).toBe(6); // N003 and T1002, T1003, T1005, T1006, T1007
    expect(await person('N003')).toMatchObject({ active: 0, account_active: 0 });
    expect((await person(unit.users.office.username))!.active).toBe(1);
    expect((await person(unit.users.leader.username))!.active).toBe(0);
    const session = await database.db
      .selectFrom('sessions')
      .select('ended_at')
      .where('id', '=', 'a'.repeat(32))
      .executeTakeFirstOrThrow();
    expect(session.ended_at).not.toBeNull();
    const after = await counts();
    expect(after.people).toBe(before.people);
    expect(after.accounts).toBe(before.accounts);

    // Back in the file: reactivated, with the account.
    const back = await run(csv('工号,姓名,部门', 'N003,吴磊,后勤保障部'));
    expect(back).toMatchObject({ created: 0, updated: 1 });
    expect(await person('N003')).toMatchObject({ active: 1, account_active: 1 });
  });

  it('keeps roles when the file has no 角色 column, and never touches an administrator account', async () => {
    const leader = unit.users.leader;
    await run(csv('工号,姓名,部门', `${leader.username},李强,党委办公室`));
    expect(await rolesOf(leader.accountId)).toEqual(['leader', 'staff']);

    // A person whose account holds an administrator role (三员分立: nothing else).
    const depId = unit.departments.office;
    const now = new Date().toISOString();
    const pid = await org.insertPerson(
      database.db,
      unit.unitId,
      {
        staff_no: 'SEC1',
        name: '钱安',
        department_id: depId,
        position: null,
        phone: null,
        political_status: null,
        congress_delegate: 0,
      },
      now,
    );
    const aid = await org.insertAccount(database.db, {
      unitId: unit.unitId,
      personId: pid,
      username: 'SEC1',
      displayName: '钱安',
      passwordHash: null,
      mustChange: true,
      now,
    });
    await org.replaceRoles(database.db, unit.unitId, aid, ['security_admin'], now);
    const report = await run(
      csv(
        '工号,姓名,部门,角色',
        'SEC1,钱安,党委办公室,群工办',
        `${leader.username},李强,党委办公室,职工`,
      ),
    );
    expect(report.status).toBe('succeeded');
    expect(await rolesOf(aid)).toEqual(['security_admin']);
    expect(await rolesOf(leader.accountId)).toEqual(['staff']);

    // Missing from a file with deactivation: the administrator's person and account stay active.
    const dropped = await run(csv('工号,姓名,部门', `${leader.username},李强,党委办公室`), {
      deactivateMissing: true,
    });
    expect(dropped.status).toBe('succeeded');
    expect(await person('SEC1')).toMatchObject({ active: 1, account_active: 1 });
    expect((await person(unit.users.staff.username))!.active).toBe(0);
  });

  it('a file with one bad row imports nothing, and says which row and why', async () => {
    const before = await counts();
    const report = await run(
      await xlsx([
        ['工号', '姓名', '部门', '角色'],
        ['G1', '甲', '新科室/一组', '职工'],
        ['G2', '乙', '新科室/二组', '职工'],
        ['G3', '丙', '新科室/三组', '皇帝'],
      ]),
      { fileName: 'bad.xlsx' },
    );
    expect(report).toMatchObject({
      status: 'rejected',
      errorCode: 'IMPORT_ROWS_INVALID',
      totalRows: 3,
      created: 0,
    });
    expect(report.problems).toEqual([
      { row: 4, column: '角色', code: 'roleUnknown', params: { value: '皇帝' } },
    ]);
    expect(await counts()).toEqual(before);
    const row = await importRow(report.id);
    expect(row.status).toBe('rejected');
    expect(JSON.parse(row.problems)).toEqual(report.problems);
  });

  it('rolls everything back when the database fails half-way through the write', async () => {
    // A trigger that refuses the role assignment rows, written after departments and people.
    if (kind === 'sqlite') {
      await sql`create trigger refuse_supervisor before insert on role_assignments when new.role = 'supervisor'
        begin select raise(abort, 'refused'); end`.execute(database.db);
    } else {
      await sql`create function refuse_supervisor() returns trigger language plpgsql as $$
        begin if new.role = 'supervisor' then raise exception 'refused'; end if; return new; end $$`.execute(
        database.db,
      );
      await sql`create trigger refuse_supervisor before insert on role_assignments
        for each row execute function refuse_supervisor()`.execute(database.db);
    }
    const before = await counts();
    await expect(
      run(csv('工号,姓名,部门,角色', 'R1,甲,新部门/甲组,职工', 'R2,乙,新部门/乙组,纪检监督')),
    ).rejects.toThrow();
    expect(await counts()).toEqual(before);
    const last = await database.db
      .selectFrom('roster_imports')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ status: 'failed', error_code: 'INTERNAL' });
  });

  it('refuses a 工号 that is already another account’s user name, and an inactive department', async () => {
    await org.updateDepartment(
      database.db,
      unit.unitId,
      unit.departments.surgery,
      { active: 0 },
      new Date().toISOString(),
    );
    const before = await counts();
    const report = await run(
      csv(
        '工号,姓名,部门',
        't1sysadmin,冒名,党委办公室',
        'K2,某,外科/骨科',
        `${unit.users.staff.username},张伟,内科/心内科`,
      ),
    );
    expect(report.status).toBe('rejected');
    expect(report.problems).toEqual([
      { row: 2, column: '工号', code: 'staffNoAccountTaken', params: { value: 't1sysadmin' } },
      { row: 3, column: '部门', code: 'departmentInactive', params: { path: '外科' } },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('records file-level errors with their code and changes nothing', async () => {
    const before = await counts();
    const cases: Array<[Buffer, string]> = [
      [Buffer.alloc(0), 'IMPORT_FILE_EMPTY'],
      [Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'IMPORT_FILE_UNREADABLE'],
      [csv('编号,名字,科室', '1,张三,外科'), 'IMPORT_HEADERS_INVALID'],
    ];
    for (const [buffer, code] of cases) {
      const report = await run(buffer);
      expect(report).toMatchObject({ status: 'rejected', errorCode: code });
      expect((await importRow(report.id)).error_code).toBe(code);
    }
    expect(await counts()).toEqual(before);
  });

  it('runs from the command line as the system actor', async () => {
    const report = await run(csv('工号,姓名,部门', 'S1,某,外科'), {}, systemActor(unit.unitId));
    expect(report.status).toBe('succeeded');
    expect((await importRow(report.id)).account_id).toBeNull();
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'roster.imported')
      .executeTakeFirstOrThrow();
    expect(audit.actor_account_id).toBeNull();
  });

  it('two imports at once are serialised, the second seeing what the first wrote', async () => {
    const a = csv('工号,姓名,部门', 'P1,甲,并发/一', 'P2,乙,并发/二');
    const b = csv('工号,姓名,部门', 'P2,乙二,并发/二', 'P3,丙,并发/三');
    const [ra, rb] = await Promise.all([run(a), run(b)]);
    expect([ra.status, rb.status]).toEqual(['succeeded', 'succeeded']);
    expect(ra.created + rb.created).toBe(3);
    expect((await person('P2'))!.name).toMatch(/^乙/);
    const dep = await database.db
      .selectFrom('departments')
      .select('id')
      .where('path', '=', '并发')
      .execute();
    expect(dep).toHaveLength(1);
  });
});
