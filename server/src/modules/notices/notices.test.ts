import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../core/auth/passwords.js';
import * as org from '../../core/org/repository.js';
import { registerCleanup, sessionCookie, testApp, type Database } from '../../../../test/app.js';
import { describeEachDb } from '../../../../test/db.js';
import { seedTestUnit, TEST_PASSWORD, type TestUnit } from '../../../../test/fixtures.js';
import { multipart } from '../../../../test/multipart.js';
import { PDF } from '../../../../test/files-samples.js';
import { addDays, todayInShanghai } from '../../core/calendar/working-days.js';
import { publishScheduled } from './commands.js';
import { registerAnonymousObjections } from './commands-objections.js';
import { verifyAllVersions } from './verify.js';

registerCleanup();

type App = Awaited<ReturnType<typeof testApp>>['app'];

const count = async (
  database: Database,
  table:
    | 'audit_log'
    | 'notification_events'
    | 'notices'
    | 'notice_versions'
    | 'notice_objections'
    | 'notice_items'
    | 'pool_entries'
    | 'deadlines',
) => {
  const r = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
};

async function login(app: App, username: string, unit = 'T1') {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD, unit },
  });
  return sessionCookie(res);
}

/** A second member of the office (the four-eyes reviewer). */
async function addOfficeMember(database: Database, unit: TestUnit, staffNo: string) {
  const now = new Date().toISOString();
  const personId = await org.insertPerson(
    database.db,
    unit.unitId,
    {
      staff_no: staffNo,
      name: '周审核',
      department_id: unit.departments.office,
      position: null,
      phone: null,
      political_status: 'masses',
      congress_delegate: 0,
    },
    now,
  );
  const accountId = await org.insertAccount(database.db, {
    unitId: unit.unitId,
    personId,
    username: staffNo,
    displayName: '周审核',
    passwordHash: await hashPassword(TEST_PASSWORD),
    mustChange: false,
    now,
  });
  await org.replaceRoles(database.db, unit.unitId, accountId, ['staff', 'office'], now);
  return accountId;
}

const CANDIDATES = [
  { name: '王建国', detail: '心内科 · 拟推荐 主任医师' },
  { name: '李秀英', detail: '普外科 · 拟推荐 副主任医师' },
  { name: '陈思远', detail: '呼吸内科 · 拟推荐 副主任护师' },
];

const input = (over: Record<string, unknown> = {}) => ({
  type: 'title',
  title: '2026 年度高级职称评审推荐人选公示',
  body: '经个人申报、科室推荐，现将推荐人选公示如下。',
  items: CANDIDATES,
  scope: { wholeUnit: true, departmentIds: [] },
  attachmentIds: [],
  ...over,
});

const code = (res: LightMyRequestResponse) => res.json().error?.code as string | undefined;

describeEachDb('notices', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  let second: TestUnit;
  let office: string;
  let reviewer: string;
  let staff: string;
  let other: string;
  let head: string;
  let foreignOffice: string;

  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database, 'T1');
    second = await seedTestUnit(database, 'T2');
    await addOfficeMember(database, unit, 'T1090');
    office = await login(app, unit.users.office.username);
    reviewer = await login(app, 'T1090');
    staff = await login(app, unit.users.staff.username);
    other = await login(app, unit.other.username);
    head = await login(app, unit.users.department_head.username);
    foreignOffice = await login(app, second.users.office.username, 'T2');
  });

  const call = (
    cookie: string,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url: `/api${url}`,
      headers: { cookie, ...headers },
      ...(payload ? { payload } : {}),
    });

  /** Draft → review by another office member → published (today). */
  async function publish(over: Record<string, unknown> = {}) {
    const created = await call(office, 'POST', '/notices', input(over));
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().notice.id as number;
    expect((await call(office, 'POST', `/notices/${id}/submit-review`)).statusCode).toBe(200);
    const res = await call(reviewer, 'POST', `/notices/${id}/review`, { approve: true });
    expect(res.statusCode, res.body).toBe(200);
    await openToday(id, res.json().notice.startsOn, res.json().notice.endsOn);
    return res.json().notice as {
      id: number;
      items: Array<{ id: number; name: string; status: string }>;
      startsOn: string;
      endsOn: string;
      fingerprint: string;
    };
  }

  /** Move a notice's period (the working copy on the notice row; versions keep theirs). */
  async function setPeriod(id: number, startsOn: string, endsOn: string) {
    await database.db
      .updateTable('notices')
      .set({ starts_on: startsOn, ends_on: endsOn })
      .where('id', '=', id)
      .execute();
  }

  /**
   * On a weekend or holiday the period starts on the next working day: let it start today so
   * that objections can be made whatever day the tests run.
   */
  async function openToday(id: number, startsOn: string, endsOn: string) {
    const today = todayInShanghai();
    if (startsOn > today) await setPeriod(id, today, endsOn);
  }

  it('runs the whole loop: review by another member, read, object, finding, close', async () => {
    const created = await call(office, 'POST', '/notices', input());
    expect(created.statusCode, created.body).toBe(200);
    const draft = created.json().notice;
    expect(draft.status).toBe('draft');
    expect(draft.periodDays).toBe(5);
    expect(draft.items.map((i: { name: string }) => i.name)).toEqual(CANDIDATES.map((c) => c.name));
    const id = draft.id as number;

    // Staff never see drafts.
    expect((await call(staff, 'GET', `/notices/${id}`)).statusCode).toBe(404);

    expect((await call(office, 'POST', `/notices/${id}/submit-review`)).json().notice.status).toBe(
      'in_review',
    );
    const self = await call(office, 'POST', `/notices/${id}/review`, { approve: true });
    expect(self.statusCode).toBe(409);
    expect(code(self)).toBe('NOTICE_REVIEW_SELF');

    const approved = await call(reviewer, 'POST', `/notices/${id}/review`, {
      approve: true,
      comment: '核对无误',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const notice = approved.json().notice;
    expect(notice.status).toBe('published');
    expect(notice.version).toBe(1);
    expect(notice.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(notice.startsOn >= todayInShanghai()).toBe(true);
    expect(notice.endsOn > notice.startsOn).toBe(true);
    expect(notice.review).toMatchObject({ submittedBy: '刘洋', reviewedBy: '周审核' });
    await openToday(id, notice.startsOn, notice.endsOn);
    expect((await call(office, 'GET', `/notices/${id}/verify`)).json()).toMatchObject({
      ok: true,
      versions: [{ version: 1, ok: true }],
    });

    // Reading: the badge, then one counted read however often the page is opened.
    const before = (await call(staff, 'GET', '/notices/unread-count')).json().count as number;
    expect(before).toBeGreaterThanOrEqual(1);
    const read = await call(staff, 'GET', `/notices/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().notice.reads).toBeNull();
    expect(read.json().notice.review).toBeNull();
    await call(staff, 'GET', `/notices/${id}`);
    expect((await call(staff, 'GET', '/notices/unread-count')).json().count).toBe(before - 1);
    const reads = (await call(office, 'GET', `/notices/${id}/reads`)).json();
    expect(reads.read).toBe(1);
    expect(reads.inScope).toBeGreaterThanOrEqual(7);
    expect(reads.readers).toEqual([
      expect.objectContaining({ name: '张伟', department: '心内科' }),
    ]);
    expect(reads.departments).toContainEqual(
      expect.objectContaining({ departmentId: unit.departments.cardiology, read: 1 }),
    );
    expect((await call(staff, 'GET', `/notices/${id}/reads`)).statusCode).toBe(403);

    // A named objection with evidence.
    const up = multipart(
      {},
      { field: 'file', filename: '证明.pdf', contentType: 'application/pdf', content: PDF },
    );
    const file = await app.inject({
      method: 'POST',
      url: '/api/files',
      payload: up.payload,
      headers: { ...up.headers, cookie: staff },
    });
    expect(file.statusCode, file.body).toBe(201);
    const target = notice.items[1];
    const objected = await call(
      staff,
      'POST',
      `/notices/${id}/objections`,
      {
        itemId: target.id,
        reasons: '论文发表时间与申报材料不符。',
        anonymous: false,
        attachmentIds: [file.json().attachment.id],
      },
      { 'idempotency-key': 'objection-key-0001' },
    );
    expect(objected.statusCode, objected.body).toBe(200);
    const objection = objected.json().objection;
    expect(objection).toMatchObject({ status: 'open', itemName: '李秀英', anonymous: false });
    expect(objection.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(objection.attachments).toHaveLength(1);
    expect(objected.json().receiptCode).toBeUndefined();
    // The same key again: the same objection, nothing new.
    const again = await call(
      staff,
      'POST',
      `/notices/${id}/objections`,
      {
        itemId: target.id,
        reasons: '论文发表时间与申报材料不符。',
        anonymous: false,
        attachmentIds: [],
      },
      { 'idempotency-key': 'objection-key-0001' },
    );
    expect(again.json().objection.id).toBe(objection.id);
    const pool = await database.db
      .selectFrom('pool_entries')
      .selectAll()
      .where('source_kind', '=', 'notice_objection')
      .where('source_id', '=', objection.id)
      .executeTakeFirstOrThrow();
    expect(pool.status).toBe('open');
    const deadline = await database.db
      .selectFrom('deadlines')
      .selectAll()
      .where('subject_type', '=', 'notice_objection')
      .where('subject_id', '=', objection.id)
      .executeTakeFirstOrThrow();
    expect(deadline).toMatchObject({ status: 'open', step: 'finding', due_date: objection.dueOn });

    const list = (await call(office, 'GET', `/notices/${id}/objections`)).json().items;
    expect(list).toEqual([expect.objectContaining({ id: objection.id, objector: '张伟' })]);

    // Closing: not before the period ends, not with an open objection.
    const early = await call(office, 'POST', `/notices/${id}/close`, {});
    expect(code(early)).toBe('NOTICE_PERIOD_NOT_ENDED');
    const today = todayInShanghai();
    await setPeriod(id, addDays(today, -10), addDays(today, -1));
    const open = await call(office, 'POST', `/notices/${id}/close`, {});
    expect(open.statusCode).toBe(409);
    expect(code(open)).toBe('NOTICE_OBJECTIONS_OPEN');

    // An upheld finding must act on the item.
    const wrong = await call(office, 'POST', `/notices/objections/${objection.id}/finding`, {
      finding: 'upheld',
      explanation: '经核实，论文发表时间有误。',
      itemAction: 'none',
    });
    expect(code(wrong)).toBe('NOTICE_FINDING_ACTION_INVALID');
    const found = await call(office, 'POST', `/notices/objections/${objection.id}/finding`, {
      finding: 'upheld',
      explanation: '经核实，论文发表时间有误，撤回推荐。',
      itemAction: 'withdraw',
    });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().objection).toMatchObject({ status: 'found', finding: 'upheld' });
    const twice = await call(office, 'POST', `/notices/objections/${objection.id}/finding`, {
      finding: 'not_upheld',
      explanation: '再次',
      itemAction: 'none',
    });
    expect(code(twice)).toBe('NOTICE_OBJECTION_FOUND');

    // The objector sees the finding and is notified.
    const mine = (await call(staff, 'GET', '/notices/objections/mine')).json().items;
    expect(mine).toEqual([
      expect.objectContaining({ id: objection.id, finding: 'upheld', objector: null }),
    ]);
    const events = await database.db
      .selectFrom('notification_events')
      .select(['recipients'])
      .where('type', '=', 'notice.objection_found')
      .execute();
    expect(events.map((e) => JSON.parse(e.recipients))).toEqual([[unit.users.staff.accountId]]);
    expect(
      (
        await database.db
          .selectFrom('deadlines')
          .select('status')
          .where('id', '=', deadline.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('done');
    expect(
      (
        await database.db
          .selectFrom('pool_entries')
          .select('status')
          .where('id', '=', pool.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('resolved');

    // The withdrawal is a new version; readers see the history.
    const after = (await call(staff, 'GET', `/notices/${id}`)).json().notice;
    expect(after.version).toBe(2);
    expect(after.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(after.items.find((i: { id: number }) => i.id === target.id)).toMatchObject({
      status: 'withdrawn',
      note: '经核实，论文发表时间有误，撤回推荐。',
    });
    const v1 = (await call(staff, 'GET', `/notices/${id}/versions/1`)).json().version;
    expect(v1.items.find((i: { id: number }) => i.id === target.id).status).toBe('active');
    expect(v1.canonical).toContain('"format":"lianxin-notice/1"');

    const closed = await call(office, 'POST', `/notices/${id}/close`, { note: '异议已处理。' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().notice).toMatchObject({
      status: 'closed',
      result: 'objections_handled',
      resultNote: '异议已处理。',
    });
    expect((await call(office, 'GET', `/notices/${id}/verify`)).json().ok).toBe(true);
  });

  it('refuses to change a published notice, and to object after the period, to a withdrawn item or from outside the scope', async () => {
    const n = await publish();
    const audit = await count(database, 'audit_log');
    const edit = await call(office, 'PUT', `/notices/${n.id}`, input({ title: '改过的标题' }));
    expect(edit.statusCode).toBe(409);
    expect(code(edit)).toBe('NOTICE_IMMUTABLE');
    const resubmit = await call(office, 'POST', `/notices/${n.id}/submit-review`);
    expect(code(resubmit)).toBe('NOTICE_IMMUTABLE');
    const view = (await call(office, 'GET', `/notices/${n.id}`)).json().notice;
    expect(view.title).toBe(input().title);
    expect(view.version).toBe(1);

    // Withdraw one item through a correction, then object to it.
    const corrected = await call(office, 'POST', `/notices/${n.id}/corrections`, {
      reason: '陈思远本人申请撤回',
      title: n.items.length ? input().title : '',
      body: input().body,
      items: n.items
        .slice(0, 2)
        .map((i) => ({ id: i.id, name: i.name, detail: CANDIDATES[0]!.detail })),
      attachmentIds: [],
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const cv = corrected.json().notice;
    expect(cv.version).toBe(2);
    expect(cv.versions[1]).toMatchObject({ version: 2, reason: '陈思远本人申请撤回' });
    expect(cv.items.map((i: { status: string }) => i.status)).toEqual([
      'active',
      'corrected',
      'withdrawn',
    ]);
    const before = await count(database, 'notice_objections');
    const withdrawn = await call(staff, 'POST', `/notices/${n.id}/objections`, {
      itemId: n.items[2]!.id,
      reasons: '有异议',
      anonymous: false,
      attachmentIds: [],
    });
    expect(withdrawn.statusCode).toBe(409);
    expect(code(withdrawn)).toBe('NOTICE_ITEM_WITHDRAWN');
    const anonymous = await call(staff, 'POST', `/notices/${n.id}/objections`, {
      itemId: n.items[0]!.id,
      reasons: '有异议',
      anonymous: true,
      attachmentIds: [],
    });
    expect(code(anonymous)).toBe('NOTICE_ANONYMOUS_NOT_ALLOWED');

    const today = todayInShanghai();
    await setPeriod(n.id, addDays(today, -10), addDays(today, -1));
    const late = await call(staff, 'POST', `/notices/${n.id}/objections`, {
      itemId: n.items[0]!.id,
      reasons: '有异议',
      anonymous: false,
      attachmentIds: [],
    });
    expect(late.statusCode).toBe(409);
    expect(code(late)).toBe('NOTICE_PERIOD_ENDED');
    await setPeriod(n.id, addDays(today, 1), addDays(today, 5));
    const early = await call(staff, 'POST', `/notices/${n.id}/objections`, {
      itemId: n.items[0]!.id,
      reasons: '有异议',
      anonymous: false,
      attachmentIds: [],
    });
    expect(code(early)).toBe('NOTICE_PERIOD_NOT_STARTED');
    expect(await count(database, 'notice_objections')).toBe(before);

    // A notice for 外科 only: 张伟 (心内科) cannot see it or object; 赵敏 (外科) can.
    const scoped = await publish({
      scope: { wholeUnit: false, departmentIds: [unit.departments.surgery] },
    });
    const outside = await call(staff, 'POST', `/notices/${scoped.id}/objections`, {
      itemId: scoped.items[0]!.id,
      reasons: '有异议',
      anonymous: false,
      attachmentIds: [],
    });
    expect(outside.statusCode).toBe(404);
    expect(code(outside)).toBe('NOTICE_NOT_FOUND');
    expect((await call(staff, 'GET', `/notices/${scoped.id}`)).statusCode).toBe(404);
    expect((await call(staff, 'GET', `/notices/${scoped.id}/verify`)).statusCode).toBe(404);
    const list = (await call(staff, 'GET', '/notices')).json().items as Array<{ id: number }>;
    expect(list.map((i) => i.id)).not.toContain(scoped.id);
    expect((await call(other, 'GET', `/notices/${scoped.id}`)).statusCode).toBe(200);
    const inside = await call(other, 'POST', `/notices/${scoped.id}/objections`, {
      itemId: scoped.items[0]!.id,
      reasons: '有异议',
      anonymous: false,
      attachmentIds: [],
    });
    expect(inside.statusCode, inside.body).toBe(200);
    expect(await count(database, 'notice_objections')).toBe(before + 1);
    expect(await count(database, 'audit_log')).toBeGreaterThan(audit);
  });

  it('refuses bad notices with a clear code and saves nothing', async () => {
    const notices = await count(database, 'notices');
    const items = await count(database, 'notice_items');
    const cases: Array<[Record<string, unknown>, string, unknown?]> = [
      [
        { body: '申报人身份证号 110101199003071234。' },
        'NOTICE_SENSITIVE_NUMBER',
        { field: 'body' },
      ],
      [
        { items: [{ name: '王建国', detail: '联系电话 13912345678' }] },
        'NOTICE_SENSITIVE_NUMBER',
        { field: 'items.0.detail' },
      ],
      [{ title: '公示 11010119900307123X' }, 'NOTICE_SENSITIVE_NUMBER', { field: 'title' }],
      [{ periodDays: 0 }, 'NOTICE_PERIOD_INVALID'],
      [{ periodDays: -3 }, 'NOTICE_PERIOD_INVALID'],
      [{ title: '  ' }, 'NOTICE_TITLE_EMPTY'],
      [{ title: '标'.repeat(201) }, 'NOTICE_TITLE_TOO_LONG'],
      [{ body: '字'.repeat(20_001) }, 'NOTICE_BODY_TOO_LONG'],
      [
        { items: Array.from({ length: 201 }, (_, i) => ({ name: `人${i}`, detail: '' })) },
        'NOTICE_ITEMS_TOO_MANY',
      ],
      [{ items: [{ name: '', detail: 'x' }] }, 'NOTICE_ITEM_INVALID'],
      [{ type: 'lottery' }, 'NOTICE_TYPE_UNKNOWN'],
      [{ scope: { wholeUnit: false, departmentIds: [] } }, 'NOTICE_SCOPE_EMPTY'],
      [
        { scope: { wholeUnit: false, departmentIds: [second.departments.surgery] } },
        'NOTICE_DEPARTMENT_UNKNOWN',
      ],
    ];
    for (const [over, expected, details] of cases) {
      const res = await call(office, 'POST', '/notices', input(over));
      expect(res.statusCode, JSON.stringify(over).slice(0, 80)).toBe(400);
      expect(code(res)).toBe(expected);
      if (details) expect(res.json().error.details).toEqual(details);
    }
    const nul = await call(office, 'POST', '/notices', input({ title: '公示\u0000' }));
    expect(nul.statusCode).toBe(400);
    expect(code(nul)).toBe('VALIDATION_FAILED');
    // A correction with an ID number is refused as well, and changes nothing.
    const n = await publish();
    const corr = await call(office, 'POST', `/notices/${n.id}/corrections`, {
      reason: '更正',
      title: input().title,
      body: '联系人手机 13800001111',
      items: n.items.map((i) => ({ id: i.id, name: i.name, detail: 'x' })),
      attachmentIds: [],
    });
    expect(code(corr)).toBe('NOTICE_SENSITIVE_NUMBER');
    expect((await call(office, 'GET', `/notices/${n.id}`)).json().notice.version).toBe(1);
    expect(await count(database, 'notices')).toBe(notices + 1);
    expect(await count(database, 'notice_items')).toBe(items + 3);
    // Staff may not create or review.
    expect((await call(staff, 'POST', '/notices', input())).statusCode).toBe(403);
    expect((await call(head, 'POST', `/notices/${n.id}/close`, {})).statusCode).toBe(403);
  });

  it('reports a published row changed directly in the database (route and command line)', async () => {
    const n = await publish();
    expect((await verifyAllVersions(database.db)).failures).toEqual([]);
    const v = await database.db
      .selectFrom('notice_versions')
      .select(['id', 'fingerprint'])
      .where('notice_id', '=', n.id)
      .executeTakeFirstOrThrow();
    // The snapshot tables refuse changes…
    await expect(
      database.db
        .updateTable('notice_versions')
        .set({ body: '改过' })
        .where('id', '=', v.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      database.db
        .updateTable('notice_version_items')
        .set({ name: '李某某' })
        .where('version_id', '=', v.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    // …so someone with full rights on the database bypasses the triggers.
    const bypass = async (table: string, change: () => Promise<unknown>) => {
      if (kind === 'sqlite') {
        await sql.raw(`drop trigger ${table}_no_update`).execute(database.db);
        await change();
        await sql
          .raw(
            `create trigger ${table}_no_update before update on ${table} begin select raise(abort, '${table} is append-only'); end`,
          )
          .execute(database.db);
      } else {
        await sql
          .raw(`alter table ${table} disable trigger ${table}_no_change`)
          .execute(database.db);
        await change();
        await sql
          .raw(`alter table ${table} enable trigger ${table}_no_change`)
          .execute(database.db);
      }
    };
    await bypass('notice_version_items', () =>
      database.db
        .updateTable('notice_version_items')
        .set({ name: '李某某' })
        .where('version_id', '=', v.id)
        .where('item_id', '=', n.items[1]!.id)
        .execute(),
    );
    const verify = (await call(staff, 'GET', `/notices/${n.id}/verify`)).json();
    expect(verify.ok).toBe(false);
    expect(verify.versions[0]).toMatchObject({ version: 1, stored: v.fingerprint, ok: false });
    expect(verify.versions[0].recomputed).not.toBe(v.fingerprint);
    const cli = await verifyAllVersions(database.db);
    expect(cli.failures).toEqual([
      expect.objectContaining({ noticeId: n.id, version: 1, stored: v.fingerprint }),
    ]);

    // Rewriting the body and its fingerprint together still disagrees with the audit log.
    const m = await publish();
    const mv = await database.db
      .selectFrom('notice_versions')
      .selectAll()
      .where('notice_id', '=', m.id)
      .executeTakeFirstOrThrow();
    const { fingerprintOf } = await import('./fingerprint.js');
    const items = await database.db
      .selectFrom('notice_version_items')
      .selectAll()
      .where('version_id', '=', mv.id)
      .execute();
    const forged = fingerprintOf({
      noticeId: m.id,
      version: 1,
      type: mv.type,
      title: mv.title,
      body: '改写后的正文',
      periodStartsOn: mv.period_starts_on,
      periodEndsOn: mv.period_ends_on,
      reason: null,
      items: items.map((i) => ({ ...i, id: i.item_id })),
      attachments: [],
    });
    await bypass('notice_versions', () =>
      database.db
        .updateTable('notice_versions')
        .set({ body: '改写后的正文', canonical: forged.canonical, fingerprint: forged.fingerprint })
        .where('id', '=', mv.id)
        .execute(),
    );
    const forgedCheck = (await call(office, 'GET', `/notices/${m.id}/verify`)).json();
    expect(forgedCheck.versions[0]).toMatchObject({
      recomputed: forged.fingerprint,
      stored: forged.fingerprint,
      audited: mv.fingerprint,
      ok: false,
    });
    expect((await verifyAllVersions(database.db)).failures).toHaveLength(2);
  });

  it('takes anonymous objections where the type allows, with a receipt and no trace of who', async () => {
    await org.setUnitSetting(database.db, unit.unitId, 'notices', {
      findingDays: 3,
      types: { other: { anonymousObjections: true } },
    });
    const types = (await call(staff, 'GET', '/notices/types')).json().types;
    expect(types.find((t: { type: string }) => t.type === 'other').anonymousObjections).toBe(true);
    const n = await publish({ type: 'other', title: '食堂承包商遴选结果公示' });
    const audit = await count(database, 'audit_log');
    const events = await count(database, 'notification_events');
    const deadlines = await count(database, 'deadlines');
    const res = await call(
      staff,
      'POST',
      `/notices/${n.id}/objections`,
      {
        itemId: n.items[0]!.id,
        reasons: '该承包商曾有食品安全问题。',
        anonymous: true,
        attachmentIds: [],
      },
      { 'idempotency-key': 'anon-objection-01' },
    );
    expect(res.statusCode, res.body).toBe(200);
    const receipt = res.json().receiptCode as string;
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    const row = await database.db
      .selectFrom('notice_objections')
      .selectAll()
      .where('id', '=', res.json().objection.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      anonymous: 1,
      objector_account_id: null,
      created_at: null,
      registered: 0,
    });
    expect(row.receipt_hash).not.toContain(receipt.replace(/ /g, ''));
    expect(await count(database, 'audit_log')).toBe(audit);
    expect(await count(database, 'notification_events')).toBe(events);
    expect(await count(database, 'deadlines')).toBe(deadlines);
    // A retry shows the same receipt again.
    const retry = await call(
      staff,
      'POST',
      `/notices/${n.id}/objections`,
      {
        itemId: n.items[0]!.id,
        reasons: '该承包商曾有食品安全问题。',
        anonymous: true,
        attachmentIds: [],
      },
      { 'idempotency-key': 'anon-objection-01' },
    );
    expect(retry.json().receiptCode).toBe(receipt);
    expect(retry.json().objection.id).toBe(row.id);
    // Not among "mine"; the office does not see who.
    expect(
      (await call(staff, 'GET', '/notices/objections/mine'))
        .json()
        .items.map((i: { id: string }) => i.id),
    ).not.toContain(row.id);
    const officeList = (await call(office, 'GET', `/notices/${n.id}/objections`)).json().items;
    expect(officeList).toEqual([
      expect.objectContaining({ id: row.id, anonymous: true, objector: null }),
    ]);

    // The next day's batch puts it in the pool with its finding deadline.
    expect(await registerAnonymousObjections(database, row.submitted_on)).toBe(0);
    expect(await registerAnonymousObjections(database, addDays(row.submitted_on, 1))).toBe(1);
    const d = await database.db
      .selectFrom('deadlines')
      .selectAll()
      .where('subject_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(d).toMatchObject({ start_date: row.submitted_on, working_days: 3, status: 'open' });

    // Tracking with the code, before and after the finding.
    const track = (receiptCode: string) =>
      app.inject({
        method: 'POST',
        url: '/api/notices/objections/track',
        payload: { receiptCode },
      });
    expect((await track(receipt)).json().objection).toMatchObject({ id: row.id, status: 'open' });
    expect((await track('0000 0000 0000 0000')).statusCode).toBe(404);
    const found = await call(office, 'POST', `/notices/objections/${row.id}/finding`, {
      finding: 'not_upheld',
      explanation: '经核查，该承包商近三年无违规记录。',
      itemAction: 'none',
    });
    expect(found.statusCode, found.body).toBe(200);
    expect((await track(receipt)).json().objection).toMatchObject({
      status: 'found',
      finding: 'not_upheld',
      explanation: '经核查，该承包商近三年无违规记录。',
    });
    // Nothing was sent to anyone about an anonymous objection's finding.
    const sent = await database.db
      .selectFrom('notification_events')
      .select('id')
      .where('type', '=', 'notice.objection_found')
      .where('subject_id', '=', String(n.id))
      .execute();
    expect(sent).toEqual([]);
    await org.setUnitSetting(database.db, unit.unitId, 'notices', {});
  });

  it('masks names on sensitive notices on screen, in search and in exports', async () => {
    const draft = (
      await call(
        office,
        'POST',
        '/notices',
        input({
          type: 'hardship',
          title: '第四季度困难职工帮扶名单公示',
          items: [
            { name: '赵丽华', detail: '家庭成员重病' },
            { name: '孙浩', detail: '遭遇自然灾害' },
          ],
        }),
      )
    ).json().notice;
    expect(draft.sensitive).toBe(true);
    // The office's draft editor shows the names in full.
    expect(draft.items.map((i: { name: string }) => i.name)).toEqual(['赵丽华', '孙浩']);
    await call(office, 'POST', `/notices/${draft.id}/submit-review`);
    const published = (
      await call(reviewer, 'POST', `/notices/${draft.id}/review`, { approve: true })
    ).json().notice;
    expect(published.items.map((i: { name: string }) => i.name)).toEqual(['赵*华', '孙*']);
    const seen = (await call(staff, 'GET', `/notices/${draft.id}`)).json().notice;
    expect(seen.items.map((i: { name: string }) => i.name)).toEqual(['赵*华', '孙*']);
    const version = (await call(staff, 'GET', `/notices/${draft.id}/versions/1`)).json().version;
    expect(version.items.map((i: { name: string }) => i.name)).toEqual(['赵*华', '孙*']);
    expect(version.canonical).toBeNull();
    const doc = await database.db
      .selectFrom('search_documents')
      .select(['body'])
      .where('record_kind', '=', 'notice')
      .where('record_id', '=', String(draft.id))
      .executeTakeFirstOrThrow();
    expect(doc.body).toContain('赵*华');
    expect(doc.body).not.toContain('赵丽华');
    // Searching the list by a real name finds nothing.
    const hits = (await call(staff, 'GET', `/notices?q=${encodeURIComponent('赵丽华')}`)).json();
    expect(hits.total).toBe(0);

    const xlsx = await call(office, 'GET', `/notices/${draft.id}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets
      .flatMap((s) => s.getSheetValues().flat())
      .map((c) => String(c ?? ''));
    expect(cells).toContain('赵*华');
    expect(cells.join('|')).not.toContain('赵丽华');
    const archive = await call(office, 'GET', `/notices/export.xlsx?type=hardship`);
    expect(archive.statusCode).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(archive.rawPayload as unknown as ArrayBuffer);
    const text = wb2.worksheets[0]!.getSheetValues().flat().map(String).join('|');
    expect(text).toContain('赵*华、孙*');
    expect(text).not.toContain('赵丽华');

    // A correction sends back what the office sees: a masked name means "unchanged".
    await call(office, 'POST', `/notices/${draft.id}/corrections`, {
      reason: '更正孙浩的帮扶事由',
      title: published.title,
      body: published.body,
      items: published.items.map((i: { id: number; name: string; detail: string }) => ({
        id: i.id,
        name: i.name,
        detail: i.name === '孙*' ? '遭遇洪涝灾害' : i.detail,
      })),
      attachmentIds: [],
    });
    const stored = await database.db
      .selectFrom('notice_items')
      .select(['name', 'detail', 'status'])
      .where('notice_id', '=', draft.id)
      .orderBy('seq')
      .execute();
    expect(stored).toEqual([
      { name: '赵丽华', detail: '家庭成员重病', status: 'active' },
      { name: '孙浩', detail: '遭遇洪涝灾害', status: 'corrected' },
    ]);
  });

  it('publishes a scheduled notice when its time comes, and lists the archive by year, type and words', async () => {
    const created = (
      await call(
        office,
        'POST',
        '/notices',
        input({ type: 'award', title: '优秀护士评选结果公示' }),
      )
    ).json().notice;
    expect(created.periodDays).toBe(3);
    await call(office, 'POST', `/notices/${created.id}/submit-review`);
    const past = await call(reviewer, 'POST', `/notices/${created.id}/review`, {
      approve: true,
      publishAt: '2020-01-01T00:00:00Z',
    });
    expect(code(past)).toBe('NOTICE_PUBLISH_AT_INVALID');
    const at = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = await call(reviewer, 'POST', `/notices/${created.id}/review`, {
      approve: true,
      publishAt: at,
    });
    expect(scheduled.json().notice).toMatchObject({ status: 'scheduled', publishAt: at });
    expect((await call(staff, 'GET', `/notices/${created.id}`)).statusCode).toBe(404);
    expect(await publishScheduled(database, new Date())).toBe(0);
    expect(await publishScheduled(database, new Date(Date.now() + 2 * 3600_000))).toBe(1);
    const now = (await call(staff, 'GET', `/notices/${created.id}`)).json().notice;
    expect(now).toMatchObject({ status: 'published', version: 1 });

    const year = Number(now.startsOn.slice(0, 4));
    const byType = (await call(staff, 'GET', `/notices?type=award&year=${year}`)).json();
    expect(byType.items.map((i: { id: number }) => i.id)).toContain(created.id);
    expect(byType.items.every((i: { type: string }) => i.type === 'award')).toBe(true);
    expect((await call(staff, 'GET', `/notices?type=award&year=${year - 3}`)).json().total).toBe(0);
    const words = (await call(staff, 'GET', `/notices?q=${encodeURIComponent('优秀护士')}`)).json();
    expect(words.items.map((i: { id: number }) => i.id)).toEqual([created.id]);
    const search = (
      await call(staff, 'GET', `/search?q=${encodeURIComponent('优秀护士')}&kinds=notice`)
    ).json();
    expect(search.items.map((h: { recordId: string }) => h.recordId)).toContain(String(created.id));
  });

  it('fingerprints attachments, shows them to readers in scope, and corrects an item on a finding', async () => {
    const upload = async (cookie: string, filename: string) => {
      const up = multipart(
        {},
        { field: 'file', filename, contentType: 'application/pdf', content: PDF },
      );
      const res = await app.inject({
        method: 'POST',
        url: '/api/files',
        payload: up.payload,
        headers: { ...up.headers, cookie },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().attachment as { id: string; sha256: string };
    };
    const file = await upload(office, '推荐名单.pdf');
    const n = await publish({
      scope: { wholeUnit: false, departmentIds: [unit.departments.internal] },
      attachmentIds: [file.id],
    });
    const view = (await call(staff, 'GET', `/notices/${n.id}`)).json().notice;
    expect(view.attachments).toEqual([
      expect.objectContaining({
        id: file.id,
        name: '推荐名单.pdf',
        sha256: file.sha256,
        url: `/api/files/${file.id}`,
      }),
    ]);
    const v1 = (await call(staff, 'GET', `/notices/${n.id}/versions/1`)).json().version;
    expect(v1.canonical).toContain(
      `"attachments":[{"name":"推荐名单.pdf","seq":1,"sha256":"${file.sha256}"}]`,
    );
    // 张伟 (心内科, under 内科) may download it; 赵敏 (外科) may not.
    expect((await call(staff, 'GET', `/files/${file.id}`)).statusCode).toBe(200);
    expect((await call(other, 'GET', `/files/${file.id}`)).statusCode).toBe(404);

    // A correction adds a file and changes the fingerprint.
    const extra = await upload(office, '补充说明.pdf');
    const corrected = (
      await call(office, 'POST', `/notices/${n.id}/corrections`, {
        reason: '补充评审说明',
        title: input().title,
        body: input().body,
        items: n.items.map((i) => ({
          id: i.id,
          name: i.name,
          detail: CANDIDATES.find((c) => c.name === i.name)!.detail,
        })),
        attachmentIds: [file.id, extra.id],
      })
    ).json().notice;
    expect(corrected.version).toBe(2);
    expect(corrected.attachments.map((a: { name: string }) => a.name)).toEqual([
      '推荐名单.pdf',
      '补充说明.pdf',
    ]);
    expect(corrected.items.every((i: { status: string }) => i.status === 'active')).toBe(true);
    expect(corrected.fingerprint).not.toBe(n.fingerprint);

    // A partly upheld objection corrects the item's detail: version 3.
    const o = (
      await call(staff, 'POST', `/notices/${n.id}/objections`, {
        itemId: n.items[0]!.id,
        reasons: '拟推荐职称写错了。',
        anonymous: false,
        attachmentIds: [],
      })
    ).json().objection;
    const bad = await call(office, 'POST', `/notices/objections/${o.id}/finding`, {
      finding: 'partly_upheld',
      explanation: '职称名称有误，予以更正。',
      itemAction: 'correct',
    });
    expect(code(bad)).toBe('NOTICE_FINDING_ACTION_INVALID');
    const found = await call(office, 'POST', `/notices/objections/${o.id}/finding`, {
      finding: 'partly_upheld',
      explanation: '职称名称有误，予以更正。',
      itemAction: 'correct',
      correction: { name: '王建国', detail: '心内科 · 拟推荐 副主任医师' },
    });
    expect(found.statusCode, found.body).toBe(200);
    const after = (await call(staff, 'GET', `/notices/${n.id}`)).json().notice;
    expect(after.version).toBe(3);
    expect(after.versions[2]).toMatchObject({ version: 3, reason: '职称名称有误，予以更正。' });
    expect(after.items[0]).toMatchObject({
      detail: '心内科 · 拟推荐 副主任医师',
      status: 'corrected',
      note: '职称名称有误，予以更正。',
    });
    const verify = (await call(staff, 'GET', `/notices/${n.id}/verify`)).json();
    expect(verify.versions.map((v: { ok: boolean }) => v.ok)).toEqual([true, true, true]);
  });

  it('sends a review back with a comment, and keeps each unit to its own notices', async () => {
    const created = (await call(office, 'POST', '/notices', input())).json().notice;
    await call(office, 'POST', `/notices/${created.id}/submit-review`);
    const back = await call(reviewer, 'POST', `/notices/${created.id}/review`, {
      approve: false,
      comment: '请补充评审依据',
    });
    expect(back.json().notice).toMatchObject({
      status: 'draft',
      review: { comment: '请补充评审依据', reviewedBy: '周审核' },
    });
    const edited = await call(
      office,
      'PUT',
      `/notices/${created.id}`,
      input({ body: '依据：评审办法第三条。' }),
    );
    expect(edited.statusCode).toBe(200);
    expect(edited.json().notice.body).toBe('依据：评审办法第三条。');

    const published = await publish();
    for (const [method, url] of [
      ['GET', `/notices/${published.id}`],
      ['GET', `/notices/${published.id}/verify`],
      ['GET', `/notices/${published.id}/versions/1`],
      ['GET', `/notices/${published.id}/reads`],
      ['GET', `/notices/${published.id}/objections`],
      ['GET', `/notices/${published.id}/export.xlsx`],
      ['POST', `/notices/${published.id}/close`],
      ['PUT', `/notices/${created.id}`],
    ] as const) {
      const res = await call(
        foreignOffice,
        method,
        url,
        method === 'PUT' ? input() : method === 'POST' ? {} : undefined,
      );
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const list = (await call(foreignOffice, 'GET', '/notices')).json();
    expect(list.total).toBe(0);
  });
});
