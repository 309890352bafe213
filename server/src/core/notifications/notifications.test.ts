import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, sessionCookie, testApp } from '../../../../test/app.js';
import { seedTestUnit, TEST_PASSWORD, type TestUnit } from '../../../../test/fixtures.js';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';
import { systemActor } from '../actor.js';
import { runCommand } from '../command.js';
import { deliverOutbox } from './deliver.js';
import { registerNotificationKind } from './kinds.js';
import { startRobotServer, startSmtpSink } from './testing.js';

registerCleanup();

registerNotificationKind('test.routes', {
  title: (d, locale) => (locale === 'en' ? `Meeting: ${String(d.n)}` : `会议 ${String(d.n)}`),
  body: () => '请参加',
  defaultChannels: ['inbox', 'email'],
  label: (locale) => (locale === 'en' ? 'Meetings' : '会议'),
  link: (subject) => (subject ? `/meetings/${subject.id}` : null),
});

describeEachDb('notifications routes', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  let second: TestUnit;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let robot: Awaited<ReturnType<typeof startRobotServer>>;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database, 'T1');
    second = await seedTestUnit(database, 'T2');
    smtp = await startSmtpSink();
    robot = await startRobotServer('s3cret');
    const login = async (name: string, username: string, code: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD, unit: code },
      });
      cookies[name] = sessionCookie(res);
    };
    await login('staff', unit.users.staff.username, 'T1');
    await login('other', unit.other.username, 'T1');
    await login('office', unit.users.office.username, 'T1');
    await login('sysadmin', unit.users.system_admin.username, 'T1');
    await login('office2', second.users.office.username, 'T2');
  });
  afterAll(async () => {
    await smtp.close();
    await robot.close();
  });

  const req = (
    who: string,
    method: string,
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie: cookies[who]!, ...headers },
      ...(payload ? { payload } : {}),
    });
  const emit = async (n: number, recipients: number[]) => {
    await runCommand({ database, actor: systemActor(unit.unitId) }, async (_tx, audit, e) => {
      await audit('test.emit');
      await e({
        type: 'test.routes',
        subject: { type: 'meeting', id: n },
        recipients,
        data: { n },
      });
    });
  };
  const auditActions = async (action: string) =>
    database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  it('lists my notifications, newest first, paged, in my language, with unread count', async () => {
    for (const n of [1, 2, 3]) await emit(n, [unit.users.staff.accountId]);
    await emit(4, [unit.other.accountId]);
    await deliverOutbox(database, { now: () => new Date() });

    const count = await req('staff', 'GET', '/api/notifications/unread-count');
    expect(count.json()).toEqual({ count: 3 });
    const page = await req('staff', 'GET', '/api/notifications?page=1&pageSize=2');
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.total).toBe(3);
    expect(body.unread).toBe(3);
    expect(body.items).toHaveLength(2);
    expect(body.items[0]).toMatchObject({
      type: 'test.routes',
      title: '会议 3',
      body: '请参加',
      subject: { type: 'meeting', id: '3' },
      link: '/meetings/3',
      readAt: null,
      abilities: { markRead: true },
    });
    const en = await req('staff', 'GET', '/api/notifications?page=2&pageSize=2', undefined, {
      'accept-language': 'en',
    });
    expect(en.json().items.map((i: { title: string }) => i.title)).toEqual(['Meeting: 1']);
  });

  it('shows an event of an unregistered type with the generic message', async () => {
    await runCommand({ database, actor: systemActor(unit.unitId) }, async (_tx, audit, e) => {
      await audit('test.emit');
      await e({ type: 'nobody.registered', recipients: [unit.users.leader.accountId] });
    });
    await deliverOutbox(database, { now: () => new Date(Date.now() + 1000) });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: unit.users.leader.username, password: TEST_PASSWORD, unit: 'T1' },
    });
    const list = await app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: { cookie: sessionCookie(res) },
    });
    expect(list.json().items).toEqual([
      expect.objectContaining({
        type: 'nobody.registered',
        title: '您有一条新消息',
        body: '请登录连心查看详情。',
        subject: null,
        link: null,
      }),
    ]);
  });

  it('marks one as read, refuses someone else’s with 404, then marks all read', async () => {
    const mine = (await req('staff', 'GET', '/api/notifications')).json().items as Array<{
      id: number;
    }>;
    const others = (await req('other', 'GET', '/api/notifications')).json().items as Array<{
      id: number;
    }>;
    expect(others).toHaveLength(1);
    const stolen = await req('staff', 'POST', `/api/notifications/${others[0]!.id}/read`);
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error.code).toBe('NOTIFICATION_NOT_FOUND');
    const row = await database.db
      .selectFrom('notifications')
      .select('read_at')
      .where('id', '=', others[0]!.id)
      .executeTakeFirstOrThrow();
    expect(row.read_at).toBeNull();

    const ok = await req('staff', 'POST', `/api/notifications/${mine[0]!.id}/read`);
    expect(ok.json()).toEqual({ ok: true });
    expect((await req('staff', 'GET', '/api/notifications/unread-count')).json().count).toBe(2);
    const unread = await req('staff', 'GET', '/api/notifications?unreadOnly=true');
    expect(unread.json().items).toHaveLength(2);
    const all = await req('staff', 'POST', '/api/notifications/read-all');
    expect(all.json()).toEqual({ ok: true, count: 2 });
    expect((await req('staff', 'GET', '/api/notifications/unread-count')).json().count).toBe(0);
    expect((await req('other', 'GET', '/api/notifications/unread-count')).json().count).toBe(1);
    expect(await auditActions('notification.read')).toHaveLength(1);
    expect((await auditActions('notification.read_all'))[0]!.detail).toContain('"count":2');

    const bad = await req('staff', 'GET', '/api/notifications?pageSize=1000');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('keeps preferences per person, validates them, and audits without the address', async () => {
    const initial = await req('staff', 'GET', '/api/notifications/preferences');
    expect(initial.json().preferences).toMatchObject({ email: null, emailMode: 'off' });
    expect(initial.json().preferences.kinds).toContainEqual({
      type: 'test.routes',
      label: '会议',
      email: true,
    });

    const noEmail = await req('staff', 'PUT', '/api/notifications/preferences', {
      email: null,
      emailMode: 'instant',
    });
    expect(noEmail.statusCode).toBe(400);
    expect(noEmail.json().error.code).toBe('NOTIFICATION_EMAIL_REQUIRED');
    const unknown = await req('staff', 'PUT', '/api/notifications/preferences', {
      email: 'a@example.cn',
      emailMode: 'instant',
      kinds: { 'no.such.kind': true },
    });
    expect(unknown.json().error.code).toBe('NOTIFICATION_KIND_UNKNOWN');
    const badEmail = await req('staff', 'PUT', '/api/notifications/preferences', {
      email: 'not an email',
      emailMode: 'instant',
    });
    expect(badEmail.json().error.code).toBe('VALIDATION_FAILED');
    expect(
      await database.db.selectFrom('notification_preferences').select('account_id').execute(),
    ).toHaveLength(0);

    const saved = await req('staff', 'PUT', '/api/notifications/preferences', {
      email: 'ZhangWei@Example.cn',
      emailMode: 'digest',
      kinds: { 'test.routes': false },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().preferences).toMatchObject({
      email: 'zhangwei@example.cn',
      emailMode: 'digest',
    });
    expect(saved.json().preferences.kinds).toContainEqual({
      type: 'test.routes',
      label: '会议',
      email: false,
    });
    const row = await database.db
      .selectFrom('notification_preferences')
      .selectAll()
      .where('account_id', '=', unit.users.staff.accountId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: 'zhangwei@example.cn', email_mode: 'digest' });
    expect(JSON.parse(row.email_kinds)).toEqual({ 'test.routes': false });
    // Someone else's preferences are untouched.
    expect(
      (await req('other', 'GET', '/api/notifications/preferences')).json().preferences.email,
    ).toBeNull();
    const entries = await auditActions('notification.preferences_updated');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.detail).not.toContain('zhangwei');
  });

  it('channels: only office and system admin; SMTP password never returned', async () => {
    expect((await req('staff', 'GET', '/api/notifications/channels')).statusCode).toBe(403);
    const empty = await req('office', 'GET', '/api/notifications/channels');
    expect(empty.json()).toMatchObject({ smtp: null, webhooks: [], counts: { pending: 0 } });

    const put = await req('office', 'PUT', '/api/notifications/channels/smtp', {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      username: 'mailer',
      password: 'Very-Secret-Pw',
      fromAddress: 'lianxin@example.cn',
      enabled: true,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().smtp).toMatchObject({ host: '127.0.0.1', hasPassword: true });
    expect(put.body).not.toContain('Very-Secret-Pw');
    const get = await req('sysadmin', 'GET', '/api/notifications/channels');
    expect(get.body).not.toContain('Very-Secret-Pw');
    expect(get.json().smtp.hasPassword).toBe(true);
    // Saving without a password keeps it; clearPassword removes it.
    await req('office', 'PUT', '/api/notifications/channels/smtp', {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      username: null,
      fromAddress: 'lianxin@example.cn',
      enabled: true,
    });
    let stored = await database.db
      .selectFrom('notification_smtp')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(stored.password).toBe('Very-Secret-Pw');
    await req('office', 'PUT', '/api/notifications/channels/smtp', {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      username: null,
      clearPassword: true,
      fromAddress: 'lianxin@example.cn',
      enabled: true,
    });
    stored = await database.db
      .selectFrom('notification_smtp')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(stored.password).toBeNull();
    const entries = await auditActions('notification.smtp_saved');
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => e.detail).join()).not.toContain('Very-Secret-Pw');

    const badPort = await req('office', 'PUT', '/api/notifications/channels/smtp', {
      host: 'mail.example.cn',
      port: 70000,
      secure: false,
      fromAddress: 'x@example.cn',
      enabled: true,
    });
    expect(badPort.json().error.code).toBe('VALIDATION_FAILED');

    const test = await req('office', 'POST', '/api/notifications/channels/smtp/test', {
      to: 'liuyang@example.cn',
    });
    expect(test.statusCode).toBe(200);
    const mail = smtp.mails.find((m) => m.to.includes('liuyang@example.cn'))!;
    expect(mail.subject).toBe('连心测试消息');
    expect(mail.from).toBe('lianxin@example.cn');
  });

  it('webhooks: create, hide the key, test against a robot, refuse another unit, delete', async () => {
    const created = await req('office', 'POST', '/api/notifications/channels/webhooks', {
      name: '党办钉钉群',
      provider: 'dingtalk',
      url: `${robot.base}/dingtalk/send?access_token=TOPSECRET`,
      secret: 's3cret',
      eventTypes: ['test.routes', 'deadline.overdue'],
    });
    expect(created.statusCode).toBe(200);
    const hook = created.json().webhook;
    expect(hook).toMatchObject({
      name: '党办钉钉群',
      provider: 'dingtalk',
      urlHint: `${robot.base}/dingtalk/send?…`,
      hasSecret: true,
      eventTypes: ['test.routes', 'deadline.overdue'],
      active: true,
    });
    expect(created.body).not.toContain('TOPSECRET');
    expect(created.body).not.toContain('s3cret');

    const bad = await req('office', 'POST', '/api/notifications/channels/webhooks', {
      name: 'x',
      provider: 'wecom',
      url: 'javascript:alert(1)',
      eventTypes: [],
    });
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');

    const test = await req(
      'office',
      'POST',
      `/api/notifications/channels/webhooks/${hook.id}/test`,
    );
    expect(test.statusCode).toBe(200);
    const post = robot.posts.at(-1)!;
    expect(post.signatureOk).toBe(true);
    expect(post.body).toMatchObject({ markdown: { title: '连心测试消息' } });

    robot.setMode('500');
    const failing = await req(
      'office',
      'POST',
      `/api/notifications/channels/webhooks/${hook.id}/test`,
    );
    expect(failing.statusCode).toBe(400);
    expect(failing.json().error).toMatchObject({
      code: 'WEBHOOK_TEST_FAILED',
      details: { reason: 'HTTP 500' },
    });
    robot.setMode('ok');

    // Another unit's office cannot see, change, test or delete it.
    for (const [method, url] of [
      ['PATCH', `/api/notifications/channels/webhooks/${hook.id}`],
      ['POST', `/api/notifications/channels/webhooks/${hook.id}/test`],
      ['DELETE', `/api/notifications/channels/webhooks/${hook.id}`],
    ] as const) {
      const res = await req(
        'office2',
        method,
        url,
        method === 'PATCH' ? { active: false } : undefined,
      );
      expect(res.statusCode, url).toBe(404);
    }
    expect((await req('office2', 'GET', '/api/notifications/channels')).json().webhooks).toEqual(
      [],
    );

    const patched = await req(
      'office',
      'PATCH',
      `/api/notifications/channels/webhooks/${hook.id}`,
      {
        active: false,
        secret: null,
      },
    );
    expect(patched.json().webhook).toMatchObject({ active: false, hasSecret: false });
    const row = await database.db
      .selectFrom('notification_webhooks')
      .selectAll()
      .where('id', '=', hook.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ active: 0, secret: null });
    expect(row.url).toContain('TOPSECRET');

    const del = await req('office', 'DELETE', `/api/notifications/channels/webhooks/${hook.id}`);
    expect(del.json()).toEqual({ ok: true });
    expect(
      await database.db.selectFrom('notification_webhooks').select('id').execute(),
    ).toHaveLength(0);
    expect(await auditActions('notification.webhook_created')).toHaveLength(1);
    expect(await auditActions('notification.webhook_deleted')).toHaveLength(1);
  });

  it('shows failed deliveries to the office and sends them again on request', async () => {
    const created = await req('office', 'POST', '/api/notifications/channels/webhooks', {
      name: '企业微信群',
      provider: 'wecom',
      url: `${robot.base}/wecom/k`,
      eventTypes: ['*'],
    });
    const hookId = created.json().webhook.id as number;
    robot.setMode('500');
    await emit(9, []);
    let clock = new Date(Date.now() + 1000);
    const opts = { now: () => clock, maxAttempts: 1 };
    await deliverOutbox(database, opts);
    const channels = (await req('office', 'GET', '/api/notifications/channels')).json();
    expect(channels.counts.failed).toBe(1);
    expect(channels.failures[0]).toMatchObject({
      channel: 'webhook',
      webhookName: '企业微信群',
      type: 'test.routes',
      attempts: 1,
      lastError: 'HTTP 500',
    });
    robot.setMode('ok');
    const id = channels.failures[0].id as number;
    expect(
      (await req('staff', 'POST', `/api/notifications/channels/deliveries/${id}/retry`)).statusCode,
    ).toBe(403);
    expect(
      (await req('office2', 'POST', `/api/notifications/channels/deliveries/${id}/retry`))
        .statusCode,
    ).toBe(404);
    const retry = await req('office', 'POST', `/api/notifications/channels/deliveries/${id}/retry`);
    expect(retry.json()).toEqual({ ok: true });
    clock = new Date(Date.now() + 2000);
    await deliverOutbox(database, opts);
    const d = await database.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(d).toMatchObject({ state: 'sent', webhook_id: hookId });
    // A delivery that is not failed cannot be retried.
    const again = await req('office', 'POST', `/api/notifications/channels/deliveries/${id}/retry`);
    expect(again.json().error.code).toBe('DELIVERY_NOT_FOUND');
  });
});
