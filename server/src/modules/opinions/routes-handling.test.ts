import { beforeAll, expect, it } from 'vitest';
import type { Role } from '@lianxin/common';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, testApp, signInRoles } from '../../../../test/app.js';
import { seedTestUnit, type TestUnit } from '../../../../test/fixtures.js';

registerCleanup();

describeEachDb('opinion handling routes', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  const cookie: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database);
    Object.assign(
      cookie,
      await signInRoles(app, unit, ['staff', 'office', 'department_head', 'leader'] as const),
    );
  });

  const call = (role: Role, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { cookie: cookie[role]! },
      ...(payload ? { payload } : {}),
    });

  async function submit(anonymous: boolean) {
    const res = await call('staff', 'POST', '/api/opinions', {
      kind: 'suggestion',
      title: '<script>alert(1)</script>停车位',
      content: '职工停车位不够。',
      anonymous,
      consentPublish: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { opinion: { id: string }; receiptCode?: string };
  }

  it('runs an anonymous item from the inbox to the reply over HTTP, naming nobody', async () => {
    const { opinion, receiptCode } = await submit(true);
    const id = opinion.id;
    const list = await call('office', 'GET', '/api/opinions/inbox?status=submitted');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(id);

    const steps: Array<[Role, string, object | undefined, string]> = [
      ['office', 'accept', undefined, 'accepted'],
      ['office', 'dispatch', { leadDepartmentId: unit.departments.cardiology }, 'dispatched'],
      ['department_head', 'sign', undefined, 'signed'],
      ['department_head', 'ask', { body: '是哪个停车场？' }, 'signed'],
      ['department_head', 'reply', { body: '已协调增加 30 个车位。' }, 'replied'],
    ];
    for (const [role, path, body, status] of steps) {
      const res = await call(role, 'POST', `/api/opinions/${id}/${path}`, body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      const view = res.json().opinion;
      expect(view.status).toBe(status);
      expect(view.anonymous).toBe(true);
      expect(view.submitterName).toBeNull();
      expect(res.body).not.toContain(unit.users.staff.username);
      expect(res.body).not.toContain('张伟');
    }
    const view = (await call('office', 'GET', `/api/opinions/${id}`)).json().opinion;
    expect(view.title).toBe('<script>alert(1)</script>停车位');
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual([
      'accepted',
      'dispatched',
      'signed',
      'question',
      'reply',
    ]);
    expect(view.abilities.publish).toBe(true);
    expect(view.abilities.reply).toBe(false);
    // The submitter's own account cannot open an anonymous item by id: nothing links them.
    expect((await call('staff', 'GET', `/api/opinions/${id}`)).statusCode).toBe(404);
    // The tracking page shows the reply to the holder of the receipt.
    const tracked = await app.inject({
      method: 'POST',
      url: '/api/opinions/track',
      payload: { receiptCode },
    });
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.body).toContain('已协调增加 30 个车位。');
    // No outbox row carries the submitter's account.
    const outbox = await database.db.selectFrom('notification_events').selectAll().execute();
    for (const e of outbox)
      expect(JSON.parse(e.recipients) as number[]).not.toContain(unit.users.staff.accountId);
  });

  it('answers bad input with 400 and wrong states with 409, changing nothing', async () => {
    const { opinion } = await submit(false);
    const id = opinion.id;
    const bad = await call('office', 'POST', `/api/opinions/${id}/not-accept`, { reason: '' });
    expect(bad.statusCode).toBe(400);
    const early = await call('office', 'POST', `/api/opinions/${id}/reply`, { body: '答复' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('OPINION_WRONG_STATE');
    expect(early.json().error.message).toBeTruthy();
    const huge = await call('office', 'POST', `/api/opinions/${id}/ask`, {
      body: 'x'.repeat(50_000),
    });
    expect(huge.statusCode).toBe(400);
    const badId = await call('office', 'GET', '/api/opinions/not-an-id');
    expect(badId.statusCode).toBe(400);
    const badFilter = await call('office', 'GET', '/api/opinions/inbox?kind=rumour');
    expect(badFilter.statusCode).toBe(400);
    const view = (await call('office', 'GET', `/api/opinions/${id}`)).json().opinion;
    expect(view.status).toBe('submitted');
    expect(view.timeline).toEqual([]);
    // Named: the handler sees the name, the submitter reads their own item.
    expect(view.submitterName).toBe('张伟');
    const own = await call('staff', 'GET', `/api/opinions/${id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().opinion.viewer).toBe('submitter');
    // A department head sees nothing not dispatched to them; a leader is no handler.
    expect((await call('department_head', 'GET', `/api/opinions/${id}`)).statusCode).toBe(404);
    expect((await call('leader', 'POST', `/api/opinions/${id}/accept`)).statusCode).toBe(403);
    const headInbox = await call('department_head', 'GET', '/api/opinions/inbox');
    expect(headInbox.json().items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('a dissatisfied first rating sends it back to the lead department for one redo', async () => {
    const { opinion } = await submit(false);
    const id = opinion.id;
    const go = async (role: Role, path: string, body?: object) => {
      const res = await call(role, 'POST', `/api/opinions/${id}/${path}`, body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      return res.json().opinion as { status: string; abilities: Record<string, boolean> };
    };
    await go('office', 'accept');
    await go('office', 'dispatch', { leadDepartmentId: unit.departments.cardiology });
    await go('department_head', 'sign');
    await go('department_head', 'reply', { body: '第一次答复' });
    const rated = await call('staff', 'POST', `/api/opinions/${id}/rate`, {
      satisfaction: 'dissatisfied',
      solved: 'not_solved',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    const redo = (await call('department_head', 'GET', `/api/opinions/${id}`)).json().opinion;
    expect(redo.status).toBe('signed');
    expect(redo.redoUsed).toBe(true);
    expect(redo.abilities.reply).toBe(true);
    expect(redo.deadlines.map((d: { step: string }) => d.step)).toEqual(['reply']);
    const second = await go('department_head', 'reply', { body: '第二次答复' });
    expect(second.status).toBe('replied');
    const again = await call('staff', 'POST', `/api/opinions/${id}/rate`, {
      satisfaction: 'dissatisfied',
      solved: 'not_solved',
    });
    expect(again.statusCode, again.body).toBe(200);
    const closed = (await call('office', 'GET', `/api/opinions/${id}`)).json().opinion;
    expect([closed.status, closed.closeReason]).toEqual(['closed', 'rated']);
    expect(closed.abilities.publish).toBe(true);
  });
});
