import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, testApp, signInRoles } from '../../../../test/app.js';
import { seedTestUnit, type TestUnit } from '../../../../test/fixtures.js';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';
import { actorLabel } from '../actor.js';
import type { Actor } from '../actor.js';
import { changeCalendar } from './commands.js';
import { invalidateCalendar, loadCalendar, requiredYears } from './service.js';
import { addWorkingDays, isWorkingDay } from './working-days.js';

registerCleanup();

describeEachDb('calendar', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  const cookies: Record<string, string> = {};
  let office: Actor;
  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database);
    Object.assign(
      cookies,
      await signInRoles(app, unit, ['office', 'staff', 'system_admin'] as const),
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
  const days = (date: string) =>
    database.db
      .selectFrom('calendar_days')
      .selectAll()
      .where('unit_id', '=', unit.unitId)
      .where('date', '=', date)
      .executeTakeFirst();
  const audits = (action: string) =>
    database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('unit_id', '=', unit.unitId)
      .where('action', '=', action)
      .orderBy('seq')
      .execute();

  it('seeds this year and next from chinese-days on first use, once', async () => {
    const [y1, y2] = requiredYears();
    expect(await database.db.selectFrom('calendar_years').selectAll().execute()).toEqual([]);
    const cal = await loadCalendar(database, unit.unitId);
    expect(cal.years).toEqual([y1, y2]);
    const years = await database.db
      .selectFrom('calendar_years')
      .select(['year', 'statutory'])
      .where('unit_id', '=', unit.unitId)
      .orderBy('year')
      .execute();
    expect(years.map((y) => y.year)).toEqual([y1, y2]);
    const seeded = await audits('calendar.seeded');
    expect(seeded).toHaveLength(2);
    expect(seeded[0]!.actor_label).toBe(actorLabel({ name: '系统', username: 'system' }));
    if (y1 === 2026) {
      expect(years[0]!.statutory).toBe(1);
      expect(await days('2026-02-14')).toMatchObject({
        statutory_kind: 'workday',
        statutory_name: '春节',
        override_kind: null,
      });
      expect(await days('2026-10-01')).toMatchObject({
        statutory_kind: 'holiday',
        statutory_name: '国庆节',
      });
      expect(isWorkingDay(cal, '2026-10-10')).toBe(true);
      expect(addWorkingDays(cal, '2026-09-30', 1)).toBe('2026-10-08');
    }
    // A second load (cache dropped) does not seed again.
    invalidateCalendar(database, unit.unitId);
    await loadCalendar(database, unit.unitId);
    expect(await audits('calendar.seeded')).toHaveLength(2);
  });

  it('lets the office mark a day off, a working day, and reset it, with audit entries', async () => {
    const [y1] = requiredYears();
    const friday = addWorkingDays(await loadCalendar(database, unit.unitId), `${y1}-06-01`, 0);
    const before = await loadCalendar(database, unit.unitId);
    expect(isWorkingDay(before, friday)).toBe(true);
    await changeCalendar({ database, actor: office }, [
      { from: friday, to: friday, kind: 'holiday', reason: '院庆' },
    ]);
    expect(await days(friday)).toMatchObject({ override_kind: 'holiday', override_reason: '院庆' });
    expect(isWorkingDay(await loadCalendar(database, unit.unitId), friday)).toBe(false);
    const entry = (await audits('calendar.changed')).at(-1)!;
    expect(JSON.parse(entry.detail)).toMatchObject({
      from: friday,
      kind: 'holiday',
      reason: '院庆',
    });
    expect(entry.actor_account_id).toBe(unit.users.office.accountId);

    await changeCalendar({ database, actor: office }, [
      { from: friday, to: friday, kind: 'default' },
    ]);
    expect(await days(friday)).toBeUndefined();
    expect(isWorkingDay(await loadCalendar(database, unit.unitId), friday)).toBe(true);
  });

  it('resets a statutory day to its statutory kind, not to a plain weekday', async () => {
    if (requiredYears()[0] !== 2026) return;
    await changeCalendar({ database, actor: office }, [
      { from: '2026-10-08', to: '2026-10-10', kind: 'holiday', reason: '延长假期' },
    ]);
    let cal = await loadCalendar(database, unit.unitId);
    expect(isWorkingDay(cal, '2026-10-10')).toBe(false);
    expect(addWorkingDays(cal, '2026-09-30', 1)).toBe('2026-10-12');
    await changeCalendar({ database, actor: office }, [
      { from: '2026-10-08', to: '2026-10-10', kind: 'default' },
    ]);
    cal = await loadCalendar(database, unit.unitId);
    expect(await days('2026-10-10')).toMatchObject({
      statutory_kind: 'workday',
      override_kind: null,
      override_reason: null,
    });
    expect(await days('2026-10-08')).toBeUndefined();
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true);
  });

  it('refuses bad changes with clear codes and writes nothing', async () => {
    const [y1, y2] = requiredYears();
    const count = async () =>
      (await database.db.selectFrom('calendar_days').select('id').execute()).length;
    const n = await count();
    const cases: Array<[string, object[]]> = [
      [
        'CALENDAR_DATE_INVALID',
        [{ from: `${y1}-02-30`, to: `${y1}-02-30`, kind: 'holiday', reason: 'x' }],
      ],
      [
        'CALENDAR_RANGE_INVALID',
        [{ from: `${y1}-05-10`, to: `${y1}-05-01`, kind: 'holiday', reason: 'x' }],
      ],
      [
        'CALENDAR_RANGE_TOO_LONG',
        [{ from: `${y1}-03-01`, to: `${y1}-05-01`, kind: 'holiday', reason: 'x' }],
      ],
      [
        'CALENDAR_YEAR_NOT_SEEDED',
        [{ from: `${y2 + 1}-01-05`, to: `${y2 + 1}-01-05`, kind: 'holiday', reason: 'x' }],
      ],
      [
        'CALENDAR_YEAR_NOT_SEEDED',
        [{ from: `${y2}-12-30`, to: `${y2 + 1}-01-02`, kind: 'holiday', reason: 'x' }],
      ],
      [
        'CALENDAR_REASON_REQUIRED',
        [{ from: `${y1}-03-03`, to: `${y1}-03-03`, kind: 'holiday', reason: '  ' }],
      ],
      [
        'CALENDAR_RANGES_OVERLAP',
        [
          { from: `${y2}-03-02`, to: `${y2}-03-06`, kind: 'holiday', reason: '甲' },
          { from: `${y2}-03-06`, to: `${y2}-03-08`, kind: 'workday', reason: '乙' },
        ],
      ],
    ];
    for (const [code, changes] of cases) {
      const res = await req('office', 'POST', '/api/calendar/changes', { changes });
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).not.toBe(code);
    }
    // The overlapping batch had a valid first range: nothing of it was written.
    expect(await count()).toBe(n);
    const malformed = await req('office', 'POST', '/api/calendar/changes', {
      changes: [{ from: 'yesterday', to: 'today', kind: 'holiday' }],
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('serves a year, answers 403 to non-office edits, and adds working days', async () => {
    const [y1, y2] = requiredYears();
    const res = await req('staff', 'GET', `/api/calendar?year=${y1}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: y1, years: [y1, y2], abilities: { edit: false } });
    if (y1 === 2026) {
      expect(body.statutoryPublished).toBe(true);
      expect(body.days).toContainEqual({
        date: '2026-02-14',
        kind: 'workday',
        name: '春节',
        source: 'statutory',
        reason: null,
        defaultKind: 'workday',
      });
    }
    expect((await req('office', 'GET', `/api/calendar?year=${y1}`)).json().abilities.edit).toBe(
      true,
    );
    const missing = await req('staff', 'GET', `/api/calendar?year=${y2 + 2}`);
    expect(missing.json().error.code).toBe('CALENDAR_YEAR_NOT_SEEDED');

    const denied = await req('staff', 'POST', '/api/calendar/changes', {
      changes: [{ from: `${y1}-03-03`, to: `${y1}-03-03`, kind: 'holiday', reason: 'x' }],
    });
    expect(denied.statusCode).toBe(403);
    expect(await days(`${y1}-03-03`)).toBeUndefined();

    const ok = await req('office', 'POST', '/api/calendar/changes', {
      changes: [{ from: `${y1}-03-02`, to: `${y1}-03-03`, kind: 'holiday', reason: '停电检修' }],
    });
    expect(ok.json()).toEqual({ ok: true, days: 2 });
    expect(await days(`${y1}-03-03`)).toMatchObject({ override_kind: 'holiday' });

    if (y1 === 2026) {
      const add = await req('staff', 'GET', '/api/calendar/add?date=2026-09-30&days=1');
      expect(add.json()).toEqual({
        from: '2026-09-30',
        days: 1,
        date: '2026-10-08',
        working: true,
      });
    }
    const bad = await req('staff', 'GET', '/api/calendar/add?date=2026-02-31&days=1');
    expect(bad.json().error.code).toBe('CALENDAR_DATE_INVALID');
  });
});
