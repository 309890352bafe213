import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, testApp, signInRoles } from '../../../../test/app.js';
import { seedTestUnit, type TestUnit } from '../../../../test/fixtures.js';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';
import { buildCalendar } from '../../core/calendar/working-days.js';
import { computeFigures, monthRange, ratio } from './figures.js';
import { opinionStatistics } from './statistics.js';
import { monthParam } from './routes-figures.js';
import { safeText } from './export-figures.js';

registerCleanup();

describe('figure helpers', () => {
  it('finds month ranges, rounds rates, reads the month parameter', () => {
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(0, 0)).toBeNull();
    expect(monthParam({ year: '2026', month: '3' })).toBe('2026-03');
    expect(() => monthParam({ year: '2026', month: '13' })).toThrow(
      'OPINION_FIGURES_MONTH_INVALID',
    );
    expect(() => monthParam({ year: '26', month: '1' })).toThrow('OPINION_FIGURES_MONTH_INVALID');
    expect(() => monthParam({ year: '2026' })).toThrow('OPINION_FIGURES_MONTH_INVALID');
    expect(monthParam({})).toMatch(/^\d{4}-\d{2}$/);
  });

  it('never lets a text cell start a formula', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)']) expect(safeText(s)).toBe(`'${s}`);
    expect(safeText('心内科')).toBe('心内科');
  });

  it('counts nothing as nothing (null rates, not 0 %)', () => {
    const calendar = buildCalendar(1, [2026], []);
    const { departments, total } = computeFigures(
      { opinions: [], dispatches: [], deadlines: [] },
      { calendar, today: '2026-11-27', signDays: 1 },
    );
    expect(departments).toEqual([]);
    expect(total.acceptance).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(total.avgHandlingDays).toBeNull();
  });
});

/**
 * Constructed data in March 2026 (no holidays: working days are Monday to Friday), with the
 * expected figures worked out by hand in the comments.
 */
describeEachDb('opinion figures', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  let second: TestUnit;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database);
    second = await seedTestUnit(database, 'T2');
    Object.assign(
      cookies,
      await signInRoles(app, unit, [
        'office',
        'leader',
        'supervisor',
        'staff',
        'department_head',
      ] as const),
    );
    const C = unit.departments.cardiology;
    const S = unit.departments.surgery;
    const base = {
      unit_id: unit.unitId,
      kind: 'opinion',
      title: '标题',
      content: '内容',
      anonymous: 1,
      status: 'closed',
      lead_department_id: null,
      target_department_id: null,
      accepted_on: null,
      replied_on: null,
      close_reason: null,
      satisfaction: null,
      solved: null,
      redo_used: 0,
      me_too_count: 0,
      consent_publish: 0,
      bounce_count: 0,
      published: 0,
    };
    const op = (
      id: string,
      o: Partial<{
        lead_department_id: number | null;
        target_department_id: number | null;
        submitted_on: string;
        accepted_on: string | null;
        replied_on: string | null;
        close_reason: string | null;
        satisfaction: string | null;
        solved: string | null;
        redo_used: number;
        status: string;
        unit_id: number;
      }>,
    ) => ({ ...base, id: id.padEnd(22, 'x'), submitted_on: '2026-03-02', ...o });
    await database.db
      .insertInto('opinions')
      .values([
        // Cardiology: 4 submitted.
        op('o1', {
          lead_department_id: C,
          submitted_on: '2026-03-02',
          accepted_on: '2026-03-02',
          replied_on: '2026-03-06', // 4 working days
          close_reason: 'rated',
          satisfaction: 'satisfied',
          solved: 'solved',
        }),
        op('o2', {
          lead_department_id: C,
          submitted_on: '2026-03-03',
          accepted_on: '2026-03-03',
          replied_on: '2026-03-13', // 8 working days
          close_reason: 'not_rated',
        }),
        op('o3', {
          lead_department_id: C,
          submitted_on: '2026-03-04',
          accepted_on: '2026-03-04',
          replied_on: '2026-03-05', // 1 working day
          close_reason: 'rated',
          satisfaction: 'dissatisfied',
          solved: 'partly',
          redo_used: 1,
        }),
        op('o4', {
          target_department_id: C,
          submitted_on: '2026-03-05',
          close_reason: 'not_accepted',
        }),
        // No department (the office replied itself): 1.
        op('o5', {
          submitted_on: '2026-03-09',
          accepted_on: '2026-03-09',
          replied_on: '2026-03-10', // 1 working day
          close_reason: 'rated',
          satisfaction: 'basically',
          solved: 'solved',
        }),
        // Surgery: 2, none decided.
        op('o6', { lead_department_id: S, submitted_on: '2026-03-10', status: 'submitted' }),
        op('o8', {
          target_department_id: S,
          submitted_on: '2026-03-31',
          status: 'merged',
          close_reason: 'merged',
        }),
        // Outside the month, and another unit: never counted.
        op('o7', {
          lead_department_id: C,
          submitted_on: '2026-02-27',
          accepted_on: '2026-02-27',
          close_reason: 'not_accepted',
        }),
        op('o9', {
          unit_id: second.unitId,
          lead_department_id: second.departments.cardiology,
          submitted_on: '2026-03-02',
          accepted_on: '2026-03-02',
          close_reason: 'rated',
          satisfaction: 'satisfied',
          solved: 'solved',
        }),
      ])
      .execute();
    const id = (s: string) => s.padEnd(22, 'x');
    const d = (
      opinion: string,
      department_id: number,
      o: { status: string; dispatched_on: string; signed_on?: string; bounce_reason?: string },
      unitId = unit.unitId,
    ) => ({
      opinion_id: id(opinion),
      unit_id: unitId,
      department_id,
      role: 'lead',
      signed_on: null,
      bounce_reason: null,
      ...o,
    });
    await database.db
      .insertInto('opinion_departments')
      .values([
        // Cardiology: limit 1 working day.
        d('o1', C, { status: 'signed', dispatched_on: '2026-03-02', signed_on: '2026-03-03' }), // on time
        d('o2', C, { status: 'signed', dispatched_on: '2026-03-03', signed_on: '2026-03-05' }), // late
        d('o3', C, { status: 'bounced', dispatched_on: '2026-03-04', bounce_reason: '非本部门' }), // bounced
        // Surgery.
        d('o3', S, { status: 'signed', dispatched_on: '2026-03-06', signed_on: '2026-03-09' }), // Fri→Mon: on time
        d('o1', S, { status: 'dispatched', dispatched_on: '2026-03-02' }), // never signed: late
        d(
          'o9',
          second.departments.cardiology,
          { status: 'bounced', dispatched_on: '2026-03-02', bounce_reason: 'x' },
          second.unitId,
        ),
      ])
      .execute();
    const now = new Date().toISOString();
    const dl = (
      opinion: string,
      status: 'open' | 'done' | 'cancelled',
      due: string,
      closedAt: string | null,
      unitId = unit.unitId,
    ) => ({
      unit_id: unitId,
      subject_type: 'opinion',
      subject_id: id(opinion),
      step: 'reply',
      title: 't',
      department_id: C,
      start_date: '2026-03-02',
      working_days: 5,
      original_due_date: due,
      due_date: due,
      status,
      closed_at: closedAt,
      extension_max_days: 5,
      created_at: now,
      updated_at: now,
    });
    await database.db
      .insertInto('deadlines')
      .values([
        dl('o1', 'done', '2026-03-09', '2026-03-06T02:00:00.000Z'), // on time
        dl('o2', 'done', '2026-03-10', '2026-03-13T01:00:00.000Z'), // late
        // 17:00 UTC on the 11th is 01:00 on the 12th in Shanghai: late.
        dl('o3', 'cancelled', '2026-03-11', '2026-03-11T01:00:00.000Z'), // ignored
        { ...dl('o3', 'open', '2026-03-20', null), step: 'sign' }, // not a reply limit: ignored
        dl('o9', 'done', '2026-03-09', '2026-03-06T02:00:00.000Z', second.unitId),
      ])
      .execute();
    // Unique open (subject, step) may exist: insert the redo rounds one by one.
    await database.db
      .insertInto('deadlines')
      .values(dl('o3', 'done', '2026-03-11', '2026-03-11T17:00:00.000Z')) // late (Shanghai)
      .execute();
    await database.db
      .insertInto('deadlines')
      .values(dl('o3', 'open', '2026-03-20', null)) // past and open: late
      .execute();
  });

  const get = (role: string, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: cookies[role]! } });

  it('computes every rate per department and in total, from the database', async () => {
    const res = await get('office', '/api/opinions/figures?year=2026&month=3');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.month).toBe('2026-03');
    const [c, s, none] = body.departments;
    expect(body.departments).toHaveLength(3);
    expect(c).toMatchObject({
      departmentId: unit.departments.cardiology,
      departmentName: '心内科',
      submitted: 4,
      acceptance: { numerator: 3, denominator: 4, rate: 0.75 },
      onTimeSigning: { numerator: 1, denominator: 2, rate: 0.5 },
      onTimeReply: { numerator: 1, denominator: 4, rate: 0.25 },
      satisfaction: { numerator: 1, denominator: 3, rate: 0.3333 },
      solved: { numerator: 1, denominator: 3, rate: 0.3333 },
      redo: { numerator: 1, denominator: 2, rate: 0.5 },
      bounce: { numerator: 1, denominator: 3, rate: 0.3333 },
      replied: 3,
      avgHandlingDays: 4.33,
    });
    expect(s).toMatchObject({
      departmentId: unit.departments.surgery,
      departmentName: '外科',
      submitted: 2,
      acceptance: { numerator: 0, denominator: 0, rate: null },
      onTimeSigning: { numerator: 1, denominator: 2, rate: 0.5 },
      onTimeReply: { rate: null },
      satisfaction: { rate: null },
      bounce: { numerator: 0, denominator: 2, rate: 0 },
      replied: 0,
      avgHandlingDays: null,
    });
    expect(none).toMatchObject({
      departmentId: null,
      departmentName: null,
      submitted: 1,
      acceptance: { numerator: 1, denominator: 1, rate: 1 },
      satisfaction: { numerator: 1, denominator: 1, rate: 1 },
      solved: { numerator: 1, denominator: 1, rate: 1 },
      redo: { numerator: 0, denominator: 1, rate: 0 },
      avgHandlingDays: 1,
    });
    expect(body.total).toMatchObject({
      submitted: 7,
      acceptance: { numerator: 4, denominator: 5, rate: 0.8 },
      onTimeSigning: { numerator: 2, denominator: 4, rate: 0.5 },
      onTimeReply: { numerator: 1, denominator: 4, rate: 0.25 },
      satisfaction: { numerator: 2, denominator: 4, rate: 0.5 },
      solved: { numerator: 2, denominator: 4, rate: 0.5 },
      redo: { numerator: 1, denominator: 3, rate: 0.3333 },
      bounce: { numerator: 1, denominator: 5, rate: 0.2 },
      replied: 4,
      avgHandlingDays: 3.5,
    });
  });

  it('is the module statistics for the monthly report, one unit only', async () => {
    const res = await get('leader', '/api/opinions/figures?year=2026&month=03');
    expect(await opinionStatistics(database, unit.unitId, '2026-03')).toEqual(res.json());
    const other = await opinionStatistics(database, second.unitId, '2026-03');
    expect(other.total).toMatchObject({
      submitted: 1,
      bounce: { numerator: 1, denominator: 1 },
      onTimeReply: { numerator: 1, denominator: 1 },
    });
    const empty = await opinionStatistics(database, unit.unitId, '2026-04');
    expect(empty.departments).toEqual([]);
    expect(empty.total.submitted).toBe(0);
  });

  it('lets only the office, leaders and supervisors see them; a bad month is a clear 400', async () => {
    expect((await get('supervisor', '/api/opinions/figures?year=2026&month=3')).statusCode).toBe(
      200,
    );
    for (const role of ['staff', 'department_head']) {
      const res = await get(role, '/api/opinions/figures?year=2026&month=3');
      expect(res.statusCode).toBe(403);
      expect((await get(role, '/api/opinions/figures.xlsx?year=2026&month=3')).statusCode).toBe(
        403,
      );
    }
    expect((await app.inject({ method: 'GET', url: '/api/opinions/figures' })).statusCode).toBe(
      401,
    );
    for (const q of [
      'year=2026&month=13',
      'year=1999&month=1',
      'year=abc&month=1',
      'year=2026&month=0',
    ]) {
      const res = await get('office', `/api/opinions/figures?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('OPINION_FIGURES_MONTH_INVALID');
    }
  });

  it('exports the same figures to .xlsx, names never read as formulas', async () => {
    await database.db
      .updateTable('departments')
      .set({ name: '=HYPERLINK("http://x","外科")' })
      .where('id', '=', unit.departments.surgery)
      .execute();
    const res = await get('office', '/api/opinions/figures.xlsx?year=2026&month=3');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('部门');
    expect(sheet.getRow(2).getCell(1).value).toBe('心内科');
    expect(sheet.getRow(2).getCell(2).value).toBe(4);
    expect(sheet.getRow(2).getCell(3).value).toBe(0.75);
    const surgery = sheet.getRow(3).getCell(1);
    expect(surgery.value).toBe('\'=HYPERLINK("http://x","外科")');
    expect(surgery.formula).toBeUndefined();
    expect(sheet.getRow(4).getCell(1).value).toBe('（群工办直接办理）');
    expect(sheet.getRow(5).getCell(1).value).toBe('全单位');
    expect(sheet.getRow(5).getCell(3).value).toBe(0.8);
    expect(sheet.getRow(5).getCell(11).value).toBe(3.5);
  });
});
