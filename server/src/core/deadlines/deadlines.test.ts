import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, PG_URL } from '../../../../test/db.js';
import { registerCleanup, testApp, signInRoles } from '../../../../test/app.js';
import { seedTestUnit, type TestUnit } from '../../../../test/fixtures.js';
import type { App } from '../../app.js';
import { openPostgres, type Database } from '../../db/database.js';
import { sql } from 'kysely';
import type { Actor } from '../actor.js';
import { runCommand } from '../command.js';
import { AppError } from '../errors.js';
import { requiredYears } from '../calendar/service.js';
import { createDeadline, completeDeadline, decideExtension, requestExtension } from './service.js';
import { processUnit, runDeadlineJob, runUnit } from './job.js';

registerCleanup();

// The scenarios use the real 2026 National Day week: they need 2026 to be a seeded year.
const in2026 = requiredYears().includes(2026);

describeEachDb('deadlines', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  const cookies: Record<string, string> = {};
  let office: Actor;
  let seq = 0;
  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database);
    Object.assign(
      cookies,
      await signInRoles(app, unit, [
        'office',
        'staff',
        'leader',
        'supervisor',
        'department_head',
      ] as const),
    );
    office = {
      accountId: unit.users.office.accountId,
      unitId: unit.unitId,
      personId: unit.users.office.personId,
      username: unit.users.office.username,
      name: '刘洋',
      roles: ['staff', 'office'],
      departmentId: unit.departments.office,
      sessionId: null,
    };
  });
  const req = (role: string, method: string, url: string, payload?: object) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie: cookies[role]! },
      ...(payload ? { payload } : {}),
    });
  const ctx = () => ({ database, actor: office });
  const create = (input: Partial<Parameters<typeof createDeadline>[3]> = {}) =>
    runCommand(ctx(), (tx, audit) =>
      createDeadline(tx, ctx(), audit, {
        subject: { type: 'test', id: ++seq },
        title: `事项${seq}`,
        departmentId: unit.departments.cardiology,
        startDate: '2026-09-28',
        workingDays: 2,
        ...input,
      }),
    );
  const row = (id: number) =>
    database.db.selectFrom('deadlines').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const events = (type: string) =>
    database.db
      .selectFrom('notification_events')
      .selectAll()
      .where('type', '=', type)
      .orderBy('id')
      .execute();
  const clearRuns = () => database.db.deleteFrom('deadline_job_runs').execute();

  it.runIf(in2026)(
    'computes the due date in working days across the National Day week',
    async () => {
      const a = await create({ startDate: '2026-09-28', workingDays: 2 });
      expect(a.dueDate).toBe('2026-09-30');
      const b = await create({ startDate: '2026-09-29', workingDays: 5 });
      // 30 Sep, 8 Oct, 9 Oct, 10 Oct (make-up Saturday), 12 Oct.
      expect(b.dueDate).toBe('2026-10-12');
      const r = await row(b.id);
      expect(r).toMatchObject({
        unit_id: unit.unitId,
        status: 'open',
        due_date: '2026-10-12',
        original_due_date: '2026-10-12',
        extension_max_days: 5,
        reminder_sent_on: null,
      });
      const audit = await database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'deadline.created')
        .where('target_id', '=', String(b.id))
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.detail)).toMatchObject({ dueDate: '2026-10-12', workingDays: 5 });
    },
  );

  it('refuses bad deadlines with clear codes', async () => {
    const code = async (p: Promise<unknown>) => {
      try {
        await p;
        return 'none';
      } catch (e) {
        return (e as AppError).code;
      }
    };
    expect(await code(create({ workingDays: -1 }))).toBe('DEADLINE_DAYS_INVALID');
    expect(await code(create({ startDate: '2026-02-30' }))).toBe('CALENDAR_DATE_INVALID');
    expect(await code(create({ departmentId: 999_999 }))).toBe('DEADLINE_DEPARTMENT_INVALID');
    const subject = { type: 'dup', id: 1 };
    await create({ subject });
    expect(await code(create({ subject }))).toBe('DEADLINE_ALREADY_OPEN');
    // Another step of the same subject is a separate deadline.
    expect(await code(create({ subject, step: 'reply' }))).toBe('none');
  });

  it.runIf(in2026)('extends once, at most N working days, approved by the office', async () => {
    const { id } = await create({ startDate: '2026-09-28', workingDays: 2, extensionMaxDays: 3 });
    const w = <T>(fn: Parameters<typeof runCommand<T>>[1]) => runCommand(ctx(), fn);
    await expect(
      w((tx, audit) => requestExtension(tx, ctx(), audit, id, { days: 4, reason: '材料未齐' })),
    ).rejects.toMatchObject({ code: 'DEADLINE_EXTENSION_TOO_LONG' });
    await expect(
      w((tx, audit) => decideExtension(tx, ctx(), audit, id, { approve: true })),
    ).rejects.toMatchObject({ code: 'DEADLINE_EXTENSION_NOT_REQUESTED' });
    await w((tx, audit) => requestExtension(tx, ctx(), audit, id, { days: 3, reason: '材料未齐' }));
    await expect(
      w((tx, audit) => requestExtension(tx, ctx(), audit, id, { days: 1, reason: '再延' })),
    ).rejects.toMatchObject({ code: 'DEADLINE_EXTENSION_USED' });
    const { dueDate } = await w((tx, audit) =>
      decideExtension(tx, ctx(), audit, id, { approve: true, note: '同意' }),
    );
    // 30 Sep + 3 working days: 8, 9, 10 Oct.
    expect(dueDate).toBe('2026-10-10');
    expect(await row(id)).toMatchObject({
      due_date: '2026-10-10',
      original_due_date: '2026-09-30',
      extension_status: 'approved',
      extension_days: 3,
      extension_reason: '材料未齐',
      extension_decided_by: unit.users.office.accountId,
    });
    await w((tx, audit) => completeDeadline(tx, ctx(), audit, id));
    expect((await row(id)).status).toBe('done');
    await expect(w((tx, audit) => completeDeadline(tx, ctx(), audit, id))).rejects.toMatchObject({
      code: 'DEADLINE_NOT_OPEN',
    });
  });

  it.runIf(in2026)(
    'reminds the working day after the deadline, then escalates 5 working days later',
    async () => {
      await database.db.deleteFrom('deadlines').execute();
      await clearRuns();
      const a = await create({ startDate: '2026-09-28', workingDays: 2 }); // due 30 Sep
      const b = await create({
        startDate: '2026-09-28',
        workingDays: 2,
        departmentId: unit.departments.surgery, // no head: the office is reminded
        leaderAccountId: unit.users.leader.accountId,
      });
      const done = await create({ startDate: '2026-09-28', workingDays: 2 });
      await runCommand(ctx(), (tx, audit) => completeDeadline(tx, ctx(), audit, done.id));

      let runs = await runDeadlineJob(database, '2026-09-30');
      expect(runs[0]).toMatchObject({ reminders: 0 });
      runs = await runDeadlineJob(database, '2026-10-01');
      expect(runs[0]).toMatchObject({ skipped: 'not_working_day' });
      expect((await row(a.id)).reminder_sent_on).toBeNull();

      runs = await runDeadlineJob(database, '2026-10-08');
      expect(runs[0]).toMatchObject({ reminders: 2, escalations: 0 });
      expect((await row(a.id)).reminder_sent_on).toBe('2026-10-08');
      expect((await row(b.id)).reminder_sent_on).toBe('2026-10-08');
      expect((await row(done.id)).reminder_sent_on).toBeNull();
      // The same day again (a restart): nothing repeats.
      expect((await runDeadlineJob(database, '2026-10-08'))[0]).toMatchObject({
        skipped: 'already_ran',
      });
      const reminders = await events('deadline.reminder');
      expect(reminders).toHaveLength(2);
      const byId = new Map(reminders.map((e) => [Number(e.subject_id), e]));
      expect(JSON.parse(byId.get(a.id)!.recipients)).toEqual([
        unit.users.department_head.accountId,
      ]);
      expect(JSON.parse(byId.get(b.id)!.recipients)).toEqual([unit.users.office.accountId]);
      expect(JSON.parse(byId.get(a.id)!.data)).toMatchObject({
        title: expect.any(String),
        dueDate: '2026-09-30',
        department: '内科/心内科',
      });

      // 9 Oct, 10 Oct (make-up Saturday), 12, 13: four working days — not yet.
      expect((await runDeadlineJob(database, '2026-10-13'))[0]).toMatchObject({ escalations: 0 });
      expect((await row(a.id)).escalated_on).toBeNull();
      expect((await runDeadlineJob(database, '2026-10-14'))[0]).toMatchObject({ escalations: 2 });
      expect((await row(a.id)).escalated_on).toBe('2026-10-14');
      const escalated = await events('deadline.escalated');
      expect(escalated).toHaveLength(2);
      const esc = new Map(escalated.map((e) => [Number(e.subject_id), e]));
      // No responsible leader: every leader of the unit. Named leader: that leader.
      expect(JSON.parse(esc.get(a.id)!.recipients)).toEqual([unit.users.leader.accountId]);
      expect(JSON.parse(esc.get(b.id)!.recipients)).toEqual([unit.users.leader.accountId]);
      await clearRuns();
      expect((await runDeadlineJob(database, '2026-10-15'))[0]).toMatchObject({
        reminders: 0,
        escalations: 0,
      });
      const audit = await database.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_type', '=', 'deadline')
        .where('target_id', '=', String(a.id))
        .orderBy('seq')
        .execute();
      expect(audit.map((x) => x.action)).toEqual([
        'deadline.created',
        'deadline.reminded',
        'deadline.escalated',
      ]);
    },
  );

  it.runIf(in2026)('never sends a reminder twice with two schedulers at once', async () => {
    await database.db.deleteFrom('deadlines').execute();
    await database.db.deleteFrom('notification_events').execute();
    await clearRuns();
    const ids: number[] = [];
    await runCommand(ctx(), async (tx, audit) => {
      for (let i = 0; i < 250; i++) {
        const d = await createDeadline(tx, ctx(), audit, {
          subject: { type: 'bulk', id: i },
          title: `批量${i}`,
          departmentId: unit.departments.cardiology,
          startDate: '2026-09-28',
          workingDays: 2,
        });
        ids.push(d.id);
      }
    });
    // A second "server": its own connection pool on the same PostgreSQL database.
    let second: Database = database;
    if (kind === 'postgres') {
      const name = (await sql<{ n: string }>`select current_database() as n`.execute(database.db))
        .rows[0]!.n;
      const url = new URL(PG_URL!);
      url.pathname = `/${name}`;
      second = openPostgres(url.toString(), 3);
    }
    try {
      // processUnit bypasses the once-a-day guard: the row locks alone must hold.
      const results = await Promise.all([
        processUnit(database, unit.unitId, '2026-10-08'),
        processUnit(second, unit.unitId, '2026-10-08'),
        processUnit(database, unit.unitId, '2026-10-08'),
        processUnit(second, unit.unitId, '2026-10-08'),
      ]);
      expect(results.reduce((n, r) => n + r.reminders, 0)).toBe(250);
      // Both schedulers with the daily guard as well.
      await clearRuns();
      const runs = await Promise.all([
        runUnit(database, unit.unitId, '2026-10-14'),
        runUnit(second, unit.unitId, '2026-10-14'),
      ]);
      expect(runs.reduce((n, r) => n + r.escalations, 0)).toBe(250);
    } finally {
      if (second !== database) await second.close();
    }
    const reminders = await events('deadline.reminder');
    expect(reminders).toHaveLength(250);
    expect(new Set(reminders.map((e) => e.subject_id)).size).toBe(250);
    const escalations = await events('deadline.escalated');
    expect(escalations).toHaveLength(250);
    expect(new Set(escalations.map((e) => e.subject_id)).size).toBe(250);
    const rows = await database.db.selectFrom('deadlines').select(['reminder_sent_on']).execute();
    expect(rows.every((r) => r.reminder_sent_on === '2026-10-08')).toBe(true);
    const audits = await database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'deadline.reminded')
      .where('target_id', 'in', ids.map(String))
      .executeTakeFirstOrThrow();
    expect(Number(audits.n)).toBe(250);
  });

  it('shows late and near items by department on the board, to office, leaders and supervisor', async () => {
    await database.db.deleteFrom('deadlines').execute();
    const today = (await req('office', 'GET', '/api/deadlines/board')).json().today as string;
    // Late: started 40 days ago with 1 working day. Near: due today. Far: 60 working days.
    const past = new Date(Date.parse(`${today}T00:00:00Z`) - 40 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const late = await create({ startDate: past, workingDays: 1, title: '逾期事项' });
    const near = await create({
      startDate: today,
      workingDays: 0,
      title: '临近事项',
      departmentId: unit.departments.surgery,
    });
    await create({ startDate: today, workingDays: 60, title: '远期事项' });

    for (const role of ['office', 'leader', 'supervisor']) {
      expect((await req(role, 'GET', '/api/deadlines/board')).statusCode, role).toBe(200);
    }
    for (const role of ['staff', 'department_head']) {
      expect((await req(role, 'GET', '/api/deadlines/board')).statusCode, role).toBe(403);
    }
    const body = (await req('office', 'GET', '/api/deadlines/board?within=3')).json();
    const items = body.groups.flatMap((g: { items: unknown[] }) => g.items) as Array<{
      id: number;
      state: string;
      title: string;
      abilities: Record<string, boolean>;
    }>;
    expect(items.map((i) => i.title).sort()).toEqual(['临近事项', '逾期事项']);
    expect(items.find((i) => i.id === late.id)).toMatchObject({
      state: 'late',
      abilities: { requestExtension: true, decideExtension: false },
    });
    expect(items.find((i) => i.id === near.id)!.state).toBe(
      near.dueDate === today ? 'near' : 'near',
    );
    expect(body.totals).toEqual({ late: 1, near: 1 });
    const cardio = body.groups.find(
      (g: { departmentId: number }) => g.departmentId === unit.departments.cardiology,
    );
    expect(cardio).toMatchObject({ departmentPath: '内科/心内科', late: 1, near: 0 });

    const onlyLate = (await req('leader', 'GET', '/api/deadlines/board?state=late')).json();
    expect(onlyLate.totals).toEqual({ late: 1, near: 0 });
    const internal = (
      await req(
        'supervisor',
        'GET',
        `/api/deadlines/board?departmentId=${unit.departments.internal}`,
      )
    ).json();
    expect(internal.totals).toEqual({ late: 1, near: 0 });
    const bad = await req('office', 'GET', '/api/deadlines/board?within=abc');
    expect(bad.statusCode).toBe(400);
    expect(
      (await req('office', 'GET', '/api/deadlines/board?departmentId=999999')).json().error.code,
    ).toBe('DEPARTMENT_NOT_FOUND');

    // Extension through the routes: the head of the owner department asks, the office decides.
    const other = await req('department_head', 'POST', `/api/deadlines/${near.id}/extension`, {
      days: 2,
      reason: '外科不归我管',
    });
    expect(other.statusCode, other.body).toBe(404);
    const tooLong = await req('department_head', 'POST', `/api/deadlines/${late.id}/extension`, {
      days: 9,
      reason: '等设备',
    });
    expect(tooLong.json().error.code).toBe('DEADLINE_EXTENSION_TOO_LONG');
    const asked = await req('department_head', 'POST', `/api/deadlines/${late.id}/extension`, {
      days: 2,
      reason: '等设备',
    });
    expect(asked.json()).toEqual({ ok: true });
    expect(
      (
        await req('leader', 'POST', `/api/deadlines/${late.id}/extension/decision`, {
          approve: true,
        })
      ).statusCode,
    ).toBe(403);
    const decided = await req('office', 'POST', `/api/deadlines/${late.id}/extension/decision`, {
      approve: false,
      note: '不同意',
    });
    expect(decided.statusCode).toBe(200);
    expect(await row(late.id)).toMatchObject({
      extension_status: 'refused',
      extension_note: '不同意',
      extension_requested_by: unit.users.department_head.accountId,
      due_date: late.dueDate,
    });
    const again = await req('office', 'POST', `/api/deadlines/${late.id}/extension`, {
      days: 1,
      reason: '再试',
    });
    expect(again.json().error.code).toBe('DEADLINE_EXTENSION_USED');
    expect(
      (
        await req('office', 'POST', '/api/deadlines/999999/extension', { days: 1, reason: 'x' })
      ).json().error.code,
    ).toBe('DEADLINE_NOT_FOUND');
  });
});
