import { beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { registerPoolEntry } from '../../core/pool/commands.js';
import { registerCleanup, sessionCookie, testApp, type Database } from '../../../../test/app.js';
import { describeEachDb } from '../../../../test/db.js';
import { seedTestUnit, TEST_PASSWORD, type TestUnit } from '../../../../test/fixtures.js';
import { closeNotRated } from './commands-staff.js';
import * as repo from './repository.js';
import { multipart } from '../../../../test/multipart.js';

registerCleanup();

type App = Awaited<ReturnType<typeof testApp>>['app'];

const count = async (
  database: Database,
  table:
    'audit_log' | 'notification_events' | 'opinion_events' | 'opinions' | 'opinion_idempotency',
) => {
  const r = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
};

async function login(app: App, username: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD, unit: 'T1' },
  });
  return sessionCookie(res);
}

const submission = (over: Record<string, unknown> = {}) => ({
  kind: 'suggestion',
  title: '食堂排队',
  content: '午餐排队时间太长，建议增加窗口。',
  anonymous: true,
  ...over,
});

describeEachDb('opinions: the submitter', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  let staff: string;
  let other: string;

  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database, 'T1');
    staff = await login(app, unit.users.staff.username);
    other = await login(app, unit.other.username);
  });

  const submit = (payload: unknown, headers: Record<string, string> = {}, cookie = staff) =>
    app.inject({
      method: 'POST',
      url: '/api/opinions',
      headers: { cookie, ...headers },
      payload: payload as object,
    });
  const track = (path: string, payload: object) =>
    app.inject({ method: 'POST', url: `/api/opinions/track${path}`, payload });

  /** Move an item along as the handlers would (their commands are another part's). */
  async function setReplied(id: string, body = '已增加两个窗口。') {
    await repo.updateOpinion(database.db, unit.unitId, id, {
      status: 'replied',
      lead_department_id: unit.departments.cardiology,
      accepted_on: '2026-11-02',
      replied_on: '2026-11-02',
    });
    await repo.appendEvent(database.db, {
      opinion_id: id,
      unit_id: unit.unitId,
      type: 'reply',
      author: 'department',
      author_account_id: unit.users.department_head.accountId,
      department_id: unit.departments.cardiology,
      body,
      on: '2026-11-02',
      at: new Date().toISOString(),
    });
  }

  it('stores an anonymous submission with no account, no time, no audit, no event', async () => {
    const before = {
      audit: await count(database, 'audit_log'),
      outbox: await count(database, 'notification_events'),
      events: await count(database, 'opinion_events'),
    };
    const res = await submit(submission());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.receiptCode).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(body.opinion.anonymous).toBe(true);
    expect(body.opinion.id).toMatch(/^[0-9A-Za-z]{22}$/);
    const row = await database.db
      .selectFrom('opinions')
      .selectAll()
      .where('id', '=', body.opinion.id)
      .executeTakeFirstOrThrow();
    expect(row.submitter_account_id).toBeNull();
    expect(row.created_at).toBeNull();
    expect(row.updated_at).toBeNull();
    expect(row.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row.receipt_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.receipt_hash).not.toContain(body.receiptCode.replace(/ /g, ''));
    expect(await count(database, 'audit_log')).toBe(before.audit);
    expect(await count(database, 'notification_events')).toBe(before.outbox);
    expect(await count(database, 'opinion_events')).toBe(before.events);
    // The answer names nobody.
    for (const s of [String(unit.users.staff.accountId), unit.users.staff.username, '张伟'])
      expect(res.body.includes(`"${s}"`) || res.body.includes('张伟')).toBe(false);
    // Never listed under "my opinions".
    const mine = await app.inject({
      method: 'GET',
      url: '/api/opinions/mine',
      headers: { cookie: staff },
    });
    expect(mine.json().items.map((i: { id: string }) => i.id)).not.toContain(body.opinion.id);
  });

  it('stores a named submission with its submitter, time and audit entry, listed as mine', async () => {
    const before = await count(database, 'audit_log');
    const res = await submit(
      submission({ anonymous: false, targetDepartmentId: unit.departments.surgery }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.receiptCode).toBeUndefined();
    expect(body.opinion.targetDepartmentName).toBe('外科');
    const row = await repo.getOpinion(database.db, unit.unitId, body.opinion.id);
    expect(row!.submitter_account_id).toBe(unit.users.staff.accountId);
    expect(row!.created_at).not.toBeNull();
    expect(await count(database, 'audit_log')).toBe(before + 1);
    const mine = await app.inject({
      method: 'GET',
      url: '/api/opinions/mine',
      headers: { cookie: staff },
    });
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(body.opinion.id);
    const others = await app.inject({
      method: 'GET',
      url: '/api/opinions/mine',
      headers: { cookie: other },
    });
    expect(others.json().items).toEqual([]);
  });

  it('finds the item by receipt; malformed, wrong and unknown codes get the same bytes', async () => {
    const res = await submit(submission({ title: '查询测试' }));
    const code: string = res.json().receiptCode;
    const ok = await track('', { receiptCode: code.replace(/ /g, '-') });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().opinion.title).toBe('查询测试');
    expect(ok.json().opinion.status).toBe('submitted');
    const digits = code.replace(/ /g, '');
    const wrong = digits.slice(0, 15) + String((Number(digits[15]) + 1) % 10);
    const answers = await Promise.all(
      ['abc', wrong, '0000 0000 0000 0000', ''].map((receiptCode) => track('', { receiptCode })),
    );
    for (const a of answers) {
      expect(a.statusCode).toBe(404);
      expect(a.body).toBe(answers[0]!.body);
      expect(a.json().error.code).toBe('RECEIPT_NOT_FOUND');
    }
  });

  it('answers a retry with the same key with the first answer, once, even when 10 race', async () => {
    const key = `retry-${kind}-0001`;
    const before = await count(database, 'opinions');
    const first = await submit(submission({ title: '重试' }), { 'idempotency-key': key });
    const again = await submit(submission({ title: '重试' }), { 'idempotency-key': key });
    expect(first.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(await count(database, 'opinions')).toBe(before + 1);

    const raceKey = `race-${kind}-0001`;
    const racing = await Promise.all(
      Array.from({ length: 10 }, () =>
        submit(submission({ title: '并发' }), { 'idempotency-key': raceKey }),
      ),
    );
    for (const r of racing) {
      expect(r.statusCode, r.body).toBe(200);
      expect(r.body).toBe(racing[0]!.body);
    }
    expect(racing[0]!.json().receiptCode).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(await count(database, 'opinions')).toBe(before + 2);
    const named = await Promise.all(
      Array.from({ length: 10 }, () =>
        submit(submission({ title: '并发实名', anonymous: false }), {
          'idempotency-key': `named-${kind}-1`,
        }),
      ),
    );
    for (const r of named) expect(r.body).toBe(named[0]!.body);
    expect(await count(database, 'opinions')).toBe(before + 3);
    // Someone else's key: refused, nothing shown.
    const stolen = await submit(
      submission({ anonymous: false }),
      { 'idempotency-key': `named-${kind}-1` },
      other,
    );
    expect(stolen.statusCode).toBe(409);
    expect(stolen.json().error.code).toBe('OPINION_IDEMPOTENCY_KEY_REUSED');
    const bad = await submit(submission(), { 'idempotency-key': 'short' });
    expect(bad.json().error.code).toBe('OPINION_IDEMPOTENCY_KEY_INVALID');
  });

  it('refuses bad input with clear codes and writes nothing', async () => {
    const before = await count(database, 'opinions');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ content: '' }, 'OPINION_CONTENT_EMPTY'],
      [{ content: '   ' }, 'OPINION_CONTENT_EMPTY'],
      [{ content: '字'.repeat(50_000) }, 'OPINION_CONTENT_TOO_LONG'],
      [{ content: '字'.repeat(5001) }, 'OPINION_CONTENT_TOO_LONG'],
      [{ title: '' }, 'OPINION_TITLE_EMPTY'],
      [{ title: 't'.repeat(101) }, 'OPINION_TITLE_TOO_LONG'],
      [{ kind: 'rant' }, 'OPINION_KIND_UNKNOWN'],
      [{ targetDepartmentId: 999999 }, 'OPINION_DEPARTMENT_UNKNOWN'],
      [{ anonymous: false, targetDepartmentId: 999999 }, 'OPINION_DEPARTMENT_UNKNOWN'],
      [{ anonymous: 'yes' }, 'VALIDATION_FAILED'],
      [{ attachmentIds: ['nope'] }, 'ATTACHMENT_NOT_FOUND'],
    ];
    for (const [over, code] of cases) {
      const res = await submit(submission(over));
      expect(res.statusCode, `${code} ${res.body.slice(0, 100)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.code).toBe(code);
    }
    expect(await count(database, 'opinions')).toBe(before);
    const ok = await submit(submission({ content: '字'.repeat(5000) }));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().opinion.content).toHaveLength(5000);
  });

  it('attaches anonymous uploads to anonymous items; the office and the named submitter may read', async () => {
    const upload = async (anonymous: boolean) => {
      const body = multipart(
        { anonymous: String(anonymous) },
        {
          field: 'file',
          filename: 'a.txt',
          contentType: 'text/plain',
          content: `照片说明 ${Math.random()}`,
        },
      );
      const res = await app.inject({
        method: 'POST',
        url: '/api/files',
        payload: body.payload,
        headers: { ...body.headers, cookie: staff },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().attachment.id as string;
    };
    const before = await count(database, 'opinions');
    const named = await upload(false);
    const refused = await submit(submission({ attachmentIds: [named] }));
    expect(refused.json().error.code).toBe('ATTACHMENT_NOT_ANONYMOUS');
    expect(await count(database, 'opinions')).toBe(before);
    const anon = await upload(true);
    const ok = await submit(submission({ attachmentIds: [anon] }));
    expect(ok.statusCode, ok.body).toBe(200);
    const linked = await database.db
      .selectFrom('attachments')
      .select(['record_kind', 'record_id'])
      .where('id', '=', anon)
      .executeTakeFirstOrThrow();
    expect(linked).toEqual({ record_kind: 'opinion', record_id: ok.json().opinion.id });

    const mine = await submit(submission({ anonymous: false, attachmentIds: [named] }));
    expect(mine.statusCode, mine.body).toBe(200);
    const office = await login(app, unit.users.office.username);
    const list = (cookie: string) =>
      app.inject({
        method: 'GET',
        url: `/api/files/records/opinion/${mine.json().opinion.id}`,
        headers: { cookie },
      });
    expect((await list(staff)).statusCode).toBe(200);
    expect((await list(office)).statusCode).toBe(200);
    expect((await list(office)).json().items).toHaveLength(1);
    expect([403, 404]).toContain((await list(other)).statusCode);
    // The head of a department it was dispatched to may read too; before that, not.
    const head = await login(app, unit.users.department_head.username);
    expect([403, 404]).toContain((await list(head)).statusCode);
    await repo.insertOpinionDepartment(database.db, {
      opinion_id: mine.json().opinion.id,
      unit_id: unit.unitId,
      department_id: unit.departments.cardiology,
      role: 'lead',
      status: 'dispatched',
      dispatched_on: '2026-11-02',
    });
    expect((await list(head)).statusCode).toBe(200);
  });

  it('returns stored markup as the same plain text', async () => {
    const text = '<script>alert(1)</script><b>粗</b> & "引号"';
    const res = await submit(submission({ title: '<img src=x onerror=alert(1)>', content: text }));
    expect(res.json().opinion.content).toBe(text);
    const tracked = await track('', { receiptCode: res.json().receiptCode });
    expect(tracked.json().opinion.content).toBe(text);
    expect(tracked.json().opinion.title).toBe('<img src=x onerror=alert(1)>');
  });

  it('named: rate before reply → 409; dissatisfied → redo with a new reply limit; second round closes', async () => {
    const res = await submit(
      submission({ anonymous: false, kind: 'complaint', title: '评价实名' }),
    );
    const id: string = res.json().opinion.id;
    const rate = (payload: object, cookie = staff) =>
      app.inject({ method: 'POST', url: `/api/opinions/${id}/rate`, headers: { cookie }, payload });
    const early = await rate({ satisfaction: 'satisfied', solved: 'solved' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('OPINION_NOT_REPLIED');
    await setReplied(id);
    // Someone else's item does not exist for them.
    expect((await rate({ satisfaction: 'satisfied', solved: 'solved' }, other)).statusCode).toBe(
      404,
    );
    const outbox = await count(database, 'notification_events');
    const first = await rate({
      satisfaction: 'dissatisfied',
      solved: 'not_solved',
      comment: '没解决',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().opinion.status).toBe('signed');
    expect(first.json().opinion.redoUsed).toBe(true);
    expect(await count(database, 'notification_events')).toBe(outbox + 1);
    let row = await repo.getOpinion(database.db, unit.unitId, id);
    expect(row).toMatchObject({ status: 'signed', redo_used: 1, satisfaction: 'dissatisfied' });
    const deadline = await database.db
      .selectFrom('deadlines')
      .selectAll()
      .where('subject_type', '=', 'opinion')
      .where('subject_id', '=', id)
      .where('step', '=', 'reply')
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    expect(deadline.working_days).toBe(10);
    expect(deadline.department_id).toBe(unit.departments.cardiology);
    const again = await rate({ satisfaction: 'dissatisfied', solved: 'not_solved' });
    expect(again.json().error.code).toBe('OPINION_NOT_REPLIED');
    await setReplied(id, '第二次答复');
    const second = await rate({ satisfaction: 'dissatisfied', solved: 'partly' });
    expect(second.json().opinion.status).toBe('closed');
    row = await repo.getOpinion(database.db, unit.unitId, id);
    expect(row).toMatchObject({ status: 'closed', close_reason: 'rated', solved: 'partly' });
    const twice = await rate({ satisfaction: 'satisfied', solved: 'solved' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('OPINION_ALREADY_RATED');
    const types = second.json().opinion.timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(['reply', 'rated', 'redo', 'reply', 'rated', 'closed']);
  });

  it('anonymous: answers a question and rates through the receipt, leaving dates only', async () => {
    const res = await submit(submission({ title: '匿名评价' }));
    const id: string = res.json().opinion.id;
    const receiptCode: string = res.json().receiptCode;
    const noQuestion = await track('/answer', { receiptCode, body: '补充' });
    expect(noQuestion.json().error.code).toBe('OPINION_NO_OPEN_QUESTION');
    await repo.updateOpinion(database.db, unit.unitId, id, { status: 'accepted' });
    await repo.appendEvent(database.db, {
      opinion_id: id,
      unit_id: unit.unitId,
      type: 'question',
      author: 'office',
      author_account_id: unit.users.office.accountId,
      body: '具体是哪个食堂？',
      on: '2026-11-02',
      at: new Date().toISOString(),
    });
    const before = {
      audit: await count(database, 'audit_log'),
      outbox: await count(database, 'notification_events'),
    };
    const answered = await track('/answer', { receiptCode, body: '二号食堂' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().opinion.abilities.answer).toBe(false);
    const twice = await track('/answer', { receiptCode, body: '再说一次' });
    expect(twice.json().error.code).toBe('OPINION_NO_OPEN_QUESTION');
    const events = await repo.listEvents(database.db, unit.unitId, id);
    const answer = events.find((e) => e.type === 'answer')!;
    expect(answer).toMatchObject({ author_account_id: null, at: null, body: '二号食堂' });
    await setReplied(id);
    const rated = await track('/rate', {
      receiptCode,
      satisfaction: 'satisfied',
      solved: 'solved',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().opinion.status).toBe('closed');
    const rows = await repo.listEvents(database.db, unit.unitId, id);
    for (const e of rows.filter((x) => x.author === 'submitter' || x.author === 'system'))
      expect(e.at).toBeNull();
    expect(await count(database, 'audit_log')).toBe(before.audit);
    expect(await count(database, 'notification_events')).toBe(before.outbox);
    expect(answered.body).not.toContain(String(unit.users.office.accountId) + ',');
    const again = await track('/rate', {
      receiptCode,
      satisfaction: 'satisfied',
      solved: 'solved',
    });
    expect(again.json().error.code).toBe('OPINION_ALREADY_RATED');
  });

  it('closes replied items as not rated after 7 working days, once', async () => {
    const res = await submit(submission({ title: '未评价' }));
    const id: string = res.json().opinion.id;
    await setReplied(id); // replied on Monday 2026-11-02
    // 7 working days after Mon 2 Nov 2026 is Wed 11 Nov: still open that day.
    await closeNotRated(database, '2026-11-11');
    expect((await repo.getOpinion(database.db, unit.unitId, id))!.status).toBe('replied');
    expect(await closeNotRated(database, '2026-11-12')).toBeGreaterThanOrEqual(1);
    const row = await repo.getOpinion(database.db, unit.unitId, id);
    expect(row).toMatchObject({
      status: 'closed',
      close_reason: 'not_rated',
      closed_on: '2026-11-12',
      satisfaction: null,
    });
    const eventsBefore = await count(database, 'opinion_events');
    expect(await closeNotRated(database, '2026-11-13')).toBe(0);
    expect(await count(database, 'opinion_events')).toBe(eventsBefore);
    const tracked = await track('', { receiptCode: res.json().receiptCode });
    expect(tracked.json().opinion.closeReason).toBe('not_rated');
  });

  it('shows published items on the wall without names, searchable; me-too once each', async () => {
    const res = await submit(
      submission({ anonymous: false, title: '停车难', consentPublish: true }),
    );
    const id: string = res.json().opinion.id;
    await repo.updateOpinion(database.db, unit.unitId, id, {
      published: 1,
      public_title: '停车位不足',
      public_content: '职工停车困难',
      public_reply: '新增车位 50 个',
      replied_on: '2026-11-02',
    });
    await database.db.transaction().execute((tx) =>
      registerPoolEntry(tx, {
        unitId: unit.unitId,
        sourceKind: 'opinion',
        sourceId: id,
        title: '停车位不足',
      }),
    );
    const wall = await app.inject({
      method: 'GET',
      url: '/api/opinions/wall?q=车位',
      headers: { cookie: other },
    });
    expect(wall.statusCode, wall.body).toBe(200);
    expect(wall.json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(wall.body).not.toContain('张伟');
    expect(wall.body).not.toContain('停车难'); // the private title stays private
    const none = await app.inject({
      method: 'GET',
      url: '/api/opinions/wall?q=食堂',
      headers: { cookie: other },
    });
    expect(none.json().items).toEqual([]);
    const meToo = () =>
      app.inject({ method: 'POST', url: `/api/opinions/${id}/me-too`, headers: { cookie: other } });
    const first = await meToo();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().item).toMatchObject({ meTooCount: 1, meTooByMe: true });
    const second = await meToo();
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('OPINION_ME_TOO_ALREADY');
    expect((await repo.getOpinion(database.db, unit.unitId, id))!.me_too_count).toBe(1);
    const pool = await database.db
      .selectFrom('pool_entries')
      .select('me_too_count')
      .where('source_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(pool.me_too_count).toBe(1);
    // An unpublished item cannot be "me too"-ed.
    const hidden = await submit(submission({ anonymous: false }));
    const r = await app.inject({
      method: 'POST',
      url: `/api/opinions/${hidden.json().opinion.id}/me-too`,
      headers: { cookie: other },
    });
    expect(r.statusCode).toBe(404);
  });
});

describeEachDb('opinions: tracking is rate-limited per address', (kind) => {
  it('answers the 11th guess in a minute with 429', async () => {
    const { app } = await testApp(kind);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res: LightMyRequestResponse = await app.inject({
        method: 'POST',
        url: '/api/opinions/track',
        remoteAddress: '10.0.0.7',
        payload: { receiptCode: `1234 5678 9012 ${String(i).padStart(4, '0')}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another address is not affected.
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/opinions/track',
      remoteAddress: '10.0.0.8',
      payload: { receiptCode: 'x' },
    });
    expect(elsewhere.statusCode).toBe(404);
  });
});

describe('receipt codes', () => {
  it('formats, normalizes and derives stably', async () => {
    const r = await import('./receipt.js');
    expect(r.formatReceipt('1234567890123456')).toBe('1234 5678 9012 3456');
    expect(r.normalizeReceipt(' 1234-5678 9012 3456 ')).toBe('1234567890123456');
    expect(r.normalizeReceipt('1234 5678 9012 345')).toBeNull();
    expect(r.normalizeReceipt(12)).toBeNull();
    const secret = 'ab'.repeat(32);
    expect(r.derivedReceipt(secret, 'key-00001')).toBe(r.derivedReceipt(secret, 'key-00001'));
    expect(r.derivedReceipt(secret, 'key-00001')).not.toBe(r.derivedReceipt(secret, 'key-00002'));
    expect(r.derivedReceipt(secret, 'key-00001')).toMatch(/^\d{16}$/);
    const ids = new Set(Array.from({ length: 1000 }, () => r.newOpinionId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]{22}$/);
  });
});

describeEachDb('opinions: no log line at an anonymous submission', (kind) => {
  it('logs nothing for the submission and the tracking routes', async () => {
    const { Writable } = await import('node:stream');
    const { buildApp } = await import('../../app.js');
    const { testConfig } = await import('../../../../test/app.js');
    const { freshDatabase } = await import('../../../../test/db.js');
    const { loggerOptions } = await import('../../plugins/logger.js');
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const database = await freshDatabase(kind);
    const unit = await seedTestUnit(database, 'T1');
    const app = await buildApp({
      config: testConfig(),
      database,
      logger: { ...loggerOptions('info'), stream },
      serveWeb: false,
    });
    await app.ready();
    try {
      const cookie = await login(app as unknown as App, unit.users.staff.username);
      lines.length = 0;
      const res = await app.inject({
        method: 'POST',
        url: '/api/opinions',
        headers: { cookie, 'user-agent': 'UA-Anonymity-Probe/1.0' },
        remoteAddress: '10.9.8.7',
        payload: submission(),
      });
      expect(res.statusCode, res.body).toBe(200);
      await app.inject({
        method: 'POST',
        url: '/api/opinions/track',
        payload: { receiptCode: res.json().receiptCode },
      });
      expect(lines.filter((l) => l.includes('/api/opinions'))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
