import { beforeEach, expect, it } from 'vitest';
import type { Role } from '@lianxin/common';
import type { Actor } from '../../core/actor.js';
import { todayInShanghai } from '../../core/calendar/working-days.js';
import * as org from '../../core/org/repository.js';
import type { Database } from '../../db/database.js';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup } from '../../../../test/app.js';
import { freshDatabase } from '../../../../test/db.js';
import { seedTestUnit, type TestUnit } from '../../../../test/fixtures.js';
import * as c from './commands-handling.js';
import { handlerView, inbox } from './present-handling.js';
import * as repo from './repository.js';
import { runDigestForUnit } from './jobs-handling.js';
import { submitterView } from './commands-staff.js';
import { addDays } from '../../core/calendar/working-days.js';

registerCleanup();

let seq = 0;
const newId = () => `T${String(++seq).padStart(6, '0')}${'x'.repeat(15)}`.slice(0, 22);

describeEachDb('opinion handling commands', (kind) => {
  let database: Database;
  let unit: TestUnit;
  let surgeryHead: { accountId: number; personId: number };
  const actor = (accountId: number, roles: Role[], departmentId: number | null): Actor => ({
    accountId,
    unitId: unit.unitId,
    personId: 1,
    username: `u${accountId}`,
    name: `u${accountId}`,
    roles,
    departmentId,
    sessionId: null,
  });
  const office = () =>
    actor(unit.users.office.accountId, ['staff', 'office'], unit.departments.office);
  const cardioHead = () =>
    actor(
      unit.users.department_head.accountId,
      ['staff', 'department_head'],
      unit.departments.cardiology,
    );
  const surgeon = () =>
    actor(surgeryHead.accountId, ['staff', 'department_head'], unit.departments.surgery);
  const ctx = (a: Actor) => ({ database, actor: a });

  async function submit(
    o: { anonymous?: boolean; kind?: string; consent?: boolean; submitter?: number } = {},
  ) {
    const id = newId();
    const anonymous = o.anonymous ?? false;
    await repo.insertOpinion(database.db, {
      id,
      unit_id: unit.unitId,
      kind: o.kind ?? 'complaint',
      category: null,
      title: '食堂排队太久',
      content: '中午食堂排队要二十分钟。',
      target_department_id: null,
      anonymous: anonymous ? 1 : 0,
      submitter_account_id: anonymous ? null : (o.submitter ?? unit.users.staff.accountId),
      receipt_hash: null,
      consent_publish: o.consent ? 1 : 0,
      status: 'submitted',
      lead_department_id: null,
      not_accepted_reason: null,
      suggested_channel: null,
      redo_used: 0,
      bounce_count: 0,
      satisfaction: null,
      solved: null,
      rating_comment: null,
      close_reason: null,
      merged_into_id: null,
      published: 0,
      public_title: null,
      public_content: null,
      public_reply: null,
      me_too_count: 0,
      submitted_on: todayInShanghai(),
      created_at: anonymous ? null : new Date().toISOString(),
      updated_at: null,
      accepted_on: null,
      replied_on: null,
      closed_on: null,
    });
    return id;
  }

  const events = (type: string) =>
    database.db
      .selectFrom('notification_events')
      .select(['recipients', 'subject_id', 'data'])
      .where('type', '=', type)
      .execute()
      .then((rows) =>
        rows.map((r) => ({
          recipients: JSON.parse(r.recipients) as number[],
          subjectId: r.subject_id,
          data: JSON.parse(r.data) as Record<string, unknown>,
        })),
      );
  const deadline = (id: string, step: string) =>
    database.db
      .selectFrom('deadlines')
      .selectAll()
      .where('subject_type', '=', 'opinion')
      .where('subject_id', '=', id)
      .where('step', '=', step)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  const audits = (id: string) =>
    database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_account_id'])
      .where('target_type', '=', 'opinion')
      .where('target_id', '=', id)
      .orderBy('seq')
      .execute();
  const row = async (id: string) => (await repo.getOpinion(database.db, unit.unitId, id))!;
  const expectCode = async (p: Promise<unknown>, code: string, status: number) => {
    await expect(p).rejects.toMatchObject({ code, status });
  };

  beforeEach(async () => {
    database = await freshDatabase(kind);
    unit = await seedTestUnit(database);
    const now = new Date().toISOString();
    surgeryHead = await database.db.transaction().execute(async (tx) => {
      const personId = await org.insertPerson(
        tx,
        unit.unitId,
        {
          staff_no: 'S900',
          name: '外科主任',
          department_id: unit.departments.surgery,
          position: null,
          phone: '13800000900',
          political_status: 'masses',
          congress_delegate: 0,
        },
        now,
      );
      const accountId = await org.insertAccount(tx, {
        unitId: unit.unitId,
        personId,
        username: 'S900',
        displayName: '外科主任',
        passwordHash: 'x',
        mustChange: false,
        now,
      });
      await org.replaceRoles(tx, unit.unitId, accountId, ['staff', 'department_head'], now);
      return { accountId, personId };
    });
  });

  for (const anonymous of [false, true]) {
    it(`runs the whole loop for a ${anonymous ? 'anonymous' : 'named'} item`, async () => {
      const id = await submit({ anonymous, kind: 'complaint', consent: true });
      const { replyDue } = await c.accept(ctx(office()), id);
      expect((await row(id)).status).toBe('accepted');
      const reply0 = (await deadline(id, 'reply'))!;
      expect(reply0.status).toBe('open');
      expect(reply0.working_days).toBe(10);
      expect(reply0.due_date).toBe(replyDue);
      const pool = await database.db
        .selectFrom('pool_entries')
        .selectAll()
        .where('source_kind', '=', 'opinion')
        .where('source_id', '=', id)
        .executeTakeFirst();
      expect(pool?.status).toBe('open');

      await c.dispatch(ctx(office()), id, {
        leadDepartmentId: unit.departments.cardiology,
        coDepartmentIds: [unit.departments.surgery],
      });
      expect((await row(id)).status).toBe('dispatched');
      const sign = (await deadline(id, 'sign'))!;
      expect(sign.working_days).toBe(1);
      expect(sign.department_id).toBe(unit.departments.cardiology);
      expect((await deadline(id, 'reply'))!.department_id).toBe(unit.departments.cardiology);
      const dispatched = await events('opinion.dispatched');
      expect(dispatched).toHaveLength(1);
      expect(dispatched[0]!.recipients.sort()).toEqual(
        [unit.users.department_head.accountId, surgeryHead.accountId].sort(),
      );

      // Searchable by the office and the two heads, nobody else.
      const doc = await database.db
        .selectFrom('search_documents')
        .selectAll()
        .where('record_kind', '=', 'opinion')
        .where('record_id', '=', id)
        .executeTakeFirst();
      const vis = JSON.parse(doc!.visibility) as { roles: string[]; accounts: number[] };
      expect(vis.roles).toEqual(['office']);
      expect([...vis.accounts].sort()).toEqual(
        [unit.users.department_head.accountId, surgeryHead.accountId].sort(),
      );

      // The co-department cannot reply or bounce; the lead signs.
      await expectCode(c.bounce(ctx(surgeon()), id, { reason: 'x' }), 'FORBIDDEN', 403);
      await c.sign(ctx(surgeon()), id);
      expect((await row(id)).status).toBe('dispatched');
      await c.sign(ctx(cardioHead()), id);
      expect((await row(id)).status).toBe('signed');
      expect((await deadline(id, 'sign'))!.status).toBe('done');

      await c.ask(ctx(cardioHead()), id, { body: '具体是哪个窗口？' });
      const questions = await events('opinion.question');
      expect(questions.map((q) => q.recipients)).toEqual(
        anonymous ? [] : [[unit.users.staff.accountId]],
      );

      await c.reply(ctx(cardioHead()), id, { body: '已增开两个窗口。' });
      const r = await row(id);
      expect(r.status).toBe('replied');
      expect(r.replied_on).toBe(todayInShanghai());
      expect((await deadline(id, 'reply'))!.status).toBe('done');
      expect((await deadline(id, 'rate'))!.status).toBe('open');
      const replied = await events('opinion.replied');
      expect(replied.map((q) => q.recipients)).toEqual(
        anonymous ? [] : [[unit.users.staff.accountId]],
      );

      await c.publish(ctx(office()), id, {
        publicTitle: '食堂排队',
        publicContent: '有职工反映食堂排队久。',
        publicReply: '已增开窗口。',
      });
      const p = await row(id);
      expect([p.published, p.public_title]).toEqual([1, '食堂排队']);

      // Handlers are named in the audit trail.
      const byWhom = (await audits(id)).map((a) => a.actor_account_id);
      expect(byWhom).toEqual([
        unit.users.office.accountId,
        unit.users.office.accountId,
        surgeryHead.accountId,
        unit.users.department_head.accountId,
        unit.users.department_head.accountId,
        unit.users.department_head.accountId,
        unit.users.office.accountId,
      ]);
      const actions = (await audits(id)).map((a) => a.action);
      expect(actions).toEqual([
        'opinion.accepted',
        'opinion.dispatched',
        'opinion.signed',
        'opinion.signed',
        'opinion.question_asked',
        'opinion.replied',
        'opinion.published',
      ]);
      const view = await handlerView(database.db, office(), id);
      expect(view.timeline.map((e) => e.type)).toEqual([
        'accepted',
        'dispatched',
        'signed',
        'signed',
        'question',
        'reply',
        'published',
      ]);
      expect(view.submitterName).toBe(anonymous ? null : '张伟');
      // No event, no outbox row ever names an anonymous submitter.
      if (anonymous) {
        const all = await database.db.selectFrom('notification_events').selectAll().execute();
        expect(JSON.stringify(all)).not.toContain(`${unit.users.staff.accountId}]`);
      }
    });
  }

  it('refuses wrong-state actions with 409 and changes nothing', async () => {
    const id = await submit();
    await expectCode(c.reply(ctx(office()), id, { body: 'x' }), 'OPINION_WRONG_STATE', 409);
    await expectCode(
      c.dispatch(ctx(office()), id, { leadDepartmentId: unit.departments.cardiology }),
      'OPINION_WRONG_STATE',
      409,
    );
    expect((await row(id)).status).toBe('submitted');
    expect(await audits(id)).toEqual([]);
    await c.accept(ctx(office()), id);
    await expectCode(c.accept(ctx(office()), id), 'OPINION_WRONG_STATE', 409);
    await expectCode(c.sign(ctx(office()), id), 'FORBIDDEN', 403);
    await expectCode(
      c.publish(ctx(office()), id, { publicTitle: 'a', publicContent: 'b', publicReply: 'c' }),
      'OPINION_NOT_PUBLISHABLE',
      409,
    );
    await expectCode(
      c.dispatch(ctx(office()), id, {
        leadDepartmentId: unit.departments.cardiology,
        coDepartmentIds: [unit.departments.cardiology],
      }),
      'OPINION_DEPARTMENT_INVALID',
      400,
    );
    await expectCode(
      c.dispatch(ctx(office()), id, { leadDepartmentId: 999999 }),
      'OPINION_DEPARTMENT_INVALID',
      400,
    );
    expect((await row(id)).status).toBe('accepted');
    expect((await audits(id)).map((a) => a.action)).toEqual(['opinion.accepted']);
  });

  it('not-accept closes with a reason the named submitter is told about', async () => {
    const id = await submit();
    await c.notAccept(ctx(office()), id, { reason: '属于信访事项', suggestedChannel: '信访办' });
    const r = await row(id);
    expect([r.status, r.close_reason, r.not_accepted_reason, r.suggested_channel]).toEqual([
      'closed',
      'not_accepted',
      '属于信访事项',
      '信访办',
    ]);
    expect((await events('opinion.replied'))[0]!.recipients).toEqual([unit.users.staff.accountId]);
  });

  it('bounce returns the item to the office, counts, completes the sign deadline', async () => {
    const id = await submit();
    await c.accept(ctx(office()), id);
    await c.dispatch(ctx(office()), id, { leadDepartmentId: unit.departments.surgery });
    await c.bounce(ctx(surgeon()), id, { reason: '不属于本科室职责' });
    const r = await row(id);
    expect([r.status, r.bounce_count, r.lead_department_id]).toEqual(['accepted', 1, null]);
    expect((await deadline(id, 'sign'))!.status).toBe('done');
    expect((await deadline(id, 'reply'))!.department_id).toBe(unit.departments.office);
    const bounced = await events('opinion.bounced');
    expect(bounced[0]!.recipients).toEqual([unit.users.office.accountId]);
    expect(bounced[0]!.data.reason).toBe('不属于本科室职责');
    const rows = await repo.listOpinionDepartments(database.db, unit.unitId, id);
    expect(rows.map((x) => [x.status, x.bounce_reason])).toEqual([['bounced', '不属于本科室职责']]);
    // The surgery head no longer acts on it, and sees it no more in the inbox.
    await expectCode(c.sign(ctx(surgeon()), id), 'FORBIDDEN', 403);
    const list = await inbox(database.db, surgeon(), [unit.departments.surgery], {
      page: 1,
      pageSize: 50,
    });
    expect(list.total).toBe(0);
    // Re-dispatch to cardiology; a second bounce counts 2.
    await c.dispatch(ctx(office()), id, { leadDepartmentId: unit.departments.cardiology });
    await c.bounce(ctx(cardioHead()), id, { reason: '也不是我们' });
    expect((await row(id)).bounce_count).toBe(2);
  });

  it('a head of another department gets 404, a head of a parent department acts', async () => {
    const id = await submit();
    await c.accept(ctx(office()), id);
    await c.dispatch(ctx(office()), id, { leadDepartmentId: unit.departments.cardiology });
    await expectCode(c.sign(ctx(surgeon()), id), 'OPINION_NOT_FOUND', 404);
    await expect(handlerView(database.db, surgeon(), id)).rejects.toMatchObject({ status: 404 });
    const internalHead = actor(999, ['staff', 'department_head'], unit.departments.internal);
    const v = await handlerView(database.db, internalHead, id);
    expect(v.abilities.sign).toBe(true);
    // A plain member of staff who is not the submitter: 404.
    const stranger = actor(unit.other.accountId, ['staff'], unit.departments.surgery);
    await expect(handlerView(database.db, stranger, id)).rejects.toMatchObject({ status: 404 });
    // The named submitter reads their own item, without handler fields.
    const mine = await handlerView(
      database.db,
      actor(unit.users.staff.accountId, ['staff'], unit.departments.cardiology),
      id,
    );
    expect(mine.viewer).toBe('submitter');
    expect(mine.departments).toEqual([]);
    expect(Object.values(mine.abilities).some(Boolean)).toBe(false);
  });

  it('allows one extension on the reply deadline, decided by the office', async () => {
    const id = await submit({ kind: 'enquiry' });
    await c.accept(ctx(office()), id);
    expect((await deadline(id, 'reply'))!.working_days).toBe(3);
    await c.dispatch(ctx(office()), id, { leadDepartmentId: unit.departments.cardiology });
    await expectCode(
      c.requestExtension(ctx(office()), id, { days: 2, reason: 'x' }),
      'FORBIDDEN',
      403,
    );
    const before = (await deadline(id, 'reply'))!.due_date;
    await c.requestExtension(ctx(cardioHead()), id, { days: 2, reason: '需要调查' });
    await expectCode(
      c.requestExtension(ctx(cardioHead()), id, { days: 2, reason: '再要一次' }),
      'DEADLINE_EXTENSION_USED',
      409,
    );
    const { dueDate } = await c.decideExtension(ctx(office()), id, { approve: true });
    expect(dueDate > before).toBe(true);
    expect((await deadline(id, 'reply'))!.due_date).toBe(dueDate);
    await expectCode(
      c.requestExtension(ctx(cardioHead()), id, { days: 1, reason: '第三次' }),
      'DEADLINE_EXTENSION_USED',
      409,
    );
    await expectCode(
      c.requestExtension(ctx(cardioHead()), id, { days: 9, reason: '太长' }),
      'DEADLINE_EXTENSION_USED',
      409,
    );
  });

  it('merge: the merged item follows the target and its submitter gets the reply', async () => {
    const target = await submit({ submitter: unit.other.accountId });
    const dup = await submit();
    await c.accept(ctx(office()), target);
    await c.accept(ctx(office()), dup);
    await expectCode(
      c.merge(ctx(office()), dup, { intoId: dup }),
      'OPINION_MERGE_TARGET_INVALID',
      409,
    );
    await c.merge(ctx(office()), dup, { intoId: target });
    const d = await row(dup);
    expect([d.status, d.close_reason, d.merged_into_id]).toEqual(['merged', 'merged', target]);
    expect((await deadline(dup, 'reply'))!.status).toBe('cancelled');
    // A merged item is no target, and is not merged twice.
    await expectCode(
      c.merge(ctx(office()), target, { intoId: dup }),
      'OPINION_MERGE_TARGET_INVALID',
      409,
    );
    await expectCode(c.merge(ctx(office()), dup, { intoId: target }), 'OPINION_WRONG_STATE', 409);
    await c.reply(ctx(office()), target, { body: '统一答复：已处理。' });
    const replied = await events('opinion.replied');
    expect(replied[0]!.recipients.sort()).toEqual(
      [unit.other.accountId, unit.users.staff.accountId].sort(),
    );
    const mine = await handlerView(
      database.db,
      actor(unit.users.staff.accountId, ['staff'], unit.departments.cardiology),
      dup,
    );
    expect(mine.followed?.opinionId).toBe(target);
    expect(mine.followed?.events.find((e) => e.type === 'reply')?.body).toBe('统一答复：已处理。');
    // The submitter's own view (my opinions, and the tracking page, which shares it) too.
    const own = await submitterView(database.db, await row(dup));
    expect(own.followed?.opinionId).toBe(target);
    expect(own.followed?.events.find((e) => e.type === 'reply')?.body).toBe('统一答复：已处理。');
    // An item that was not merged follows nothing.
    expect((await submitterView(database.db, await row(target))).followed).toBeNull();
  });

  it('filters the inbox and scopes it for department heads', async () => {
    const a = await submit({ kind: 'enquiry' });
    const b = await submit({ kind: 'complaint' });
    const cc = await submit({ kind: 'complaint' });
    await c.accept(ctx(office()), b);
    await c.accept(ctx(office()), cc);
    await c.dispatch(ctx(office()), cc, { leadDepartmentId: unit.departments.cardiology });
    const all = await inbox(database.db, office(), undefined, { page: 1, pageSize: 50 });
    expect(all.total).toBe(3);
    const ids = (q: Parameters<typeof inbox>[3], scope?: number[], who = office()) =>
      inbox(database.db, who, scope, q).then((r) => r.items.map((i) => i.id).sort());
    expect(await ids({ page: 1, pageSize: 50, status: 'submitted' })).toEqual([a]);
    expect(await ids({ page: 1, pageSize: 50, kind: 'complaint' })).toEqual([b, cc].sort());
    expect(await ids({ page: 1, pageSize: 50, departmentId: unit.departments.cardiology })).toEqual(
      [cc],
    );
    // Each row carries what the actor may do on it now, as the item page does.
    const rowOf = (r: Awaited<ReturnType<typeof inbox>>, id: string) =>
      r.items.find((i) => i.id === id)!;
    expect(rowOf(all, a).abilities).toMatchObject({ accept: true, sign: false });
    expect(rowOf(all, cc).abilities).toMatchObject({ accept: false, sign: false });
    const headPage = await inbox(database.db, cardioHead(), [unit.departments.cardiology], {
      page: 1,
      pageSize: 50,
    });
    expect(rowOf(headPage, cc).abilities).toMatchObject({ sign: true, accept: false });
    expect(await ids({ page: 1, pageSize: 50, late: true })).toEqual([]);
    expect(await ids({ page: 1, pageSize: 50, late: false })).toEqual([a, b, cc].sort());
    // Make cc's sign deadline late.
    await database.db
      .updateTable('deadlines')
      .set({ start_date: addDays(todayInShanghai(), -9), due_date: addDays(todayInShanghai(), -3) })
      .where('subject_id', '=', cc)
      .where('step', '=', 'sign')
      .execute();
    expect(await ids({ page: 1, pageSize: 50, late: true })).toEqual([cc]);
    // Heads: only what is dispatched to their department (or below it).
    expect(
      await ids({ page: 1, pageSize: 50 }, [unit.departments.cardiology], cardioHead()),
    ).toEqual([cc]);
    expect(await ids({ page: 1, pageSize: 50 }, [unit.departments.surgery], surgeon())).toEqual([]);
    const page2 = await inbox(database.db, office(), undefined, { page: 2, pageSize: 2 });
    expect([page2.items.length, page2.total]).toEqual([1, 3]);
  });

  it('sends the daily digest once a working day to each office member', async () => {
    const today = '2026-11-30'; // a Monday
    await submit();
    await database.db
      .updateTable('opinions')
      .set({ submitted_on: '2026-11-28' })
      .where('unit_id', '=', unit.unitId)
      .execute();
    await submit({ anonymous: true });
    await database.db
      .updateTable('opinions')
      .set({ submitted_on: '2026-11-29' })
      .where('anonymous', '=', 1)
      .execute();
    // First run ever counts yesterday only.
    const first = await runDigestForUnit(database, unit.unitId, today);
    expect(first.count).toBe(1);
    const again = await runDigestForUnit(database, unit.unitId, today);
    expect(again.skipped).toBe('already_ran');
    const sunday = await runDigestForUnit(database, unit.unitId, '2026-12-06');
    expect(sunday.skipped).toBe('not_working_day');
    const digests = await events('opinion.inbox_digest');
    expect(digests).toHaveLength(1);
    expect(digests[0]!.recipients).toEqual([unit.users.office.accountId]);
    expect(digests[0]!.data).toEqual({ count: 1, date: '2026-11-29' });
  });
});
