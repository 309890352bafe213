import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDb, freshDatabase } from '../../../../test/db.js';
import { registerCleanup } from '../../../../test/app.js';
import { seedTestUnit, type TestUnit } from '../../../../test/fixtures.js';
import type { Database } from '../../db/database.js';
import { systemActor } from '../actor.js';
import { runCommand } from '../command.js';
import type { DomainEventInput } from './events.js';
import { deliverOutbox, expandOutbox, nextDigestAt, type DeliverOptions } from './deliver.js';
import { registerNotificationKind } from './kinds.js';
import * as repo from './repository.js';
import { startRobotServer, startSmtpSink } from './testing.js';

registerCleanup();

const SECRET = 'SEC-test-secret-钉钉';

registerNotificationKind('test.meeting', {
  title: (d) => `会议通知：${String(d.title)}`,
  body: (d) => `请于 ${String(d.when)} 参加。`,
  defaultChannels: ['inbox', 'email'],
});
registerNotificationKind('test.quiet', {
  title: () => '安静的消息',
  body: () => '不发邮件',
  defaultChannels: ['inbox'],
});

it('computes the next 18:00 in Asia/Shanghai', () => {
  // 09:00 UTC = 17:00 Shanghai → 10:00 UTC the same day.
  expect(nextDigestAt(new Date('2026-11-27T09:00:00Z'), 18).toISOString()).toBe(
    '2026-11-27T10:00:00.000Z',
  );
  // 10:00 UTC = 18:00 Shanghai exactly → the next day.
  expect(nextDigestAt(new Date('2026-11-27T10:00:00Z'), 18).toISOString()).toBe(
    '2026-11-28T10:00:00.000Z',
  );
  // 20:00 UTC = 04:00 Shanghai of the 28th → 10:00 UTC on the 28th.
  expect(nextDigestAt(new Date('2026-11-27T20:00:00Z'), 18).toISOString()).toBe(
    '2026-11-28T10:00:00.000Z',
  );
});

describeEachDb('notifications delivery', (kind) => {
  let database: Database;
  let unit: TestUnit;
  let second: TestUnit;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let robot: Awaited<ReturnType<typeof startRobotServer>>;
  let opts: DeliverOptions;
  let clock: Date;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    unit = await seedTestUnit(database, 'T1');
    second = await seedTestUnit(database, 'T2');
    smtp = await startSmtpSink();
    robot = await startRobotServer(SECRET);
  });
  afterAll(async () => {
    await smtp.close();
    await robot.close();
  });
  beforeEach(async () => {
    // Each test starts with an empty outbox and no robots; the clock at 09:00 Shanghai.
    await database.db.deleteFrom('notification_deliveries').execute();
    await database.db.deleteFrom('notifications').execute();
    await database.db.deleteFrom('notification_events').execute();
    await database.db.deleteFrom('notification_webhooks').execute();
    await database.db.deleteFrom('notification_preferences').execute();
    smtp.mails.length = 0;
    robot.posts.length = 0;
    robot.setMode('ok');
    clock = new Date('2030-01-01T01:00:00Z');
    opts = {
      now: () => clock,
      smtpUrl: smtp.url,
      smtpFrom: 'lianxin@test.local',
      publicUrl: 'http://lianxin.test',
      baseBackoffMs: 1000,
      webhookTimeoutMs: 300,
    };
  });

  const emit = (event: DomainEventInput, unitId = unit.unitId) =>
    runCommand({ database, actor: systemActor(unitId) }, async (_tx, audit, e) => {
      await audit('test.emit');
      await e(event);
    });
  const prefs = (accountId: number, email: string, mode: string, kinds = {}) =>
    repo.upsertPreferences(database.db, {
      accountId,
      unitId: unit.unitId,
      email,
      emailMode: mode,
      emailKinds: kinds,
      now: clock.toISOString(),
    });
  const addHook = (provider: string, url: string, types: string[], secret: string | null = null) =>
    repo.insertWebhook(database.db, {
      unit_id: unit.unitId,
      name: provider,
      provider,
      url,
      secret,
      event_types: JSON.stringify(types),
      active: 1,
      created_at: clock.toISOString(),
      updated_at: clock.toISOString(),
    });
  const deliveries = () =>
    database.db.selectFrom('notification_deliveries').selectAll().orderBy('id').execute();

  it('writes one inbox row per active recipient of the same unit, and only those', async () => {
    await emit({
      type: 'test.quiet',
      recipients: [
        unit.users.staff.accountId,
        unit.users.leader.accountId,
        second.users.staff.accountId, // another unit: never
        999_999, // no such account
      ],
    });
    const r = await deliverOutbox(database, opts);
    expect(r.expanded).toBe(1);
    const rows = await database.db
      .selectFrom('notifications')
      .select(['account_id', 'unit_id', 'read_at'])
      .orderBy('account_id')
      .execute();
    expect(rows).toEqual([
      { account_id: unit.users.staff.accountId, unit_id: unit.unitId, read_at: null },
      { account_id: unit.users.leader.accountId, unit_id: unit.unitId, read_at: null },
    ]);
    const ev = await database.db.selectFrom('notification_events').selectAll().execute();
    expect(ev[0]).toMatchObject({ state: 'expanded' });
    // A second run finds nothing more to do and writes nothing twice.
    expect((await deliverOutbox(database, opts)).expanded).toBe(0);
    expect(await database.db.selectFrom('notifications').select('id').execute()).toHaveLength(2);
  });

  it('sends e-mail with a Chinese subject to people who asked for it, per kind', async () => {
    await prefs(unit.users.staff.accountId, 'zhangwei@example.cn', 'instant');
    await prefs(unit.users.leader.accountId, 'liqiang@example.cn', 'instant', {
      'test.meeting': false,
    });
    await prefs(unit.users.office.accountId, 'liuyang@example.cn', 'off');
    await emit({
      type: 'test.meeting',
      subject: { type: 'meeting', id: 7 },
      recipients: [
        unit.users.staff.accountId,
        unit.users.leader.accountId,
        unit.users.office.accountId,
      ],
      data: { title: '职代会筹备', when: '12月1日 9:00' },
    });
    await emit({ type: 'test.quiet', recipients: [unit.users.staff.accountId] });
    const r = await deliverOutbox(database, opts);
    expect(r).toMatchObject({ expanded: 2, emailed: 1, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['zhangwei@example.cn']);
    expect(mail.from).toBe('lianxin@test.local');
    expect(mail.subject).toBe('会议通知：职代会筹备');
    expect(mail.text).toContain('请于 12月1日 9:00 参加。');
    expect(mail.text).toContain('http://lianxin.test/inbox');
    const d = await deliveries();
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ channel: 'email', state: 'sent', attempts: 1 });
    expect(mail.messageId).toBe(`<lianxin-${d[0]!.id}@lianxin.test>`);
  });

  it('collects digest e-mails and sends one per person at 18:00 Shanghai', async () => {
    await prefs(unit.users.staff.accountId, 'zhangwei@example.cn', 'digest');
    for (const title of ['第一次', '第二次']) {
      await emit({
        type: 'test.meeting',
        recipients: [unit.users.staff.accountId],
        data: { title, when: '明天' },
      });
    }
    await deliverOutbox(database, opts);
    expect(smtp.mails).toHaveLength(0);
    expect((await deliveries()).map((x) => x.channel)).toEqual(['digest', 'digest']);
    clock = new Date('2030-01-01T09:59:00Z'); // 17:59 Shanghai
    await deliverOutbox(database, opts);
    expect(smtp.mails).toHaveLength(0);
    clock = new Date('2030-01-01T10:00:00Z'); // 18:00 Shanghai
    const r = await deliverOutbox(database, opts);
    expect(r.digests).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.subject).toBe('连心每日消息汇总（2 条）');
    expect(smtp.mails[0]!.text).toContain('会议通知：第一次');
    expect(smtp.mails[0]!.text).toContain('会议通知：第二次');
    expect((await deliveries()).every((x) => x.state === 'sent')).toBe(true);
    await deliverOutbox(database, opts);
    expect(smtp.mails).toHaveLength(1);
  });

  it('posts to WeCom and signed DingTalk robots for the event types they take', async () => {
    await addHook('wecom', `${robot.base}/wecom/key1`, ['test.meeting']);
    await addHook('dingtalk', `${robot.base}/dingtalk/robot?access_token=abc`, ['*'], SECRET);
    await addHook('wecom', `${robot.base}/wecom/other`, ['something.else']);
    await emit({
      type: 'test.meeting',
      recipients: [],
      data: { title: '党委会', when: '周五' },
    });
    const r = await deliverOutbox(database, opts);
    expect(r.posted).toBe(2);
    const wecom = robot.posts.find((p) => p.path === '/wecom/key1')!;
    expect(wecom.body).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**会议通知：党委会**\n请于 周五 参加。' },
    });
    const ding = robot.posts.find((p) => p.path === '/dingtalk/robot')!;
    expect(ding.signatureOk).toBe(true);
    expect(ding.query.get('access_token')).toBe('abc');
    expect(ding.body).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: '会议通知：党委会' },
    });
    expect(robot.posts.some((p) => p.path === '/wecom/other')).toBe(false);
    expect((await deliveries()).map((x) => x.state)).toEqual(['sent', 'sent']);
  });

  it('a wrong DingTalk secret is refused by the robot and retried, not marked sent', async () => {
    await addHook('dingtalk', `${robot.base}/dingtalk/robot`, ['*'], 'wrong-secret');
    await emit({ type: 'test.quiet' });
    await deliverOutbox(database, opts);
    expect(robot.posts[0]!.signatureOk).toBe(false);
    const [d] = await deliveries();
    expect(d).toMatchObject({ state: 'pending', attempts: 1 });
    expect(d!.last_error).toContain('robot error 300001');
  });

  it('retries a robot answering 500 with exponential backoff, then delivers', async () => {
    await addHook('wecom', `${robot.base}/wecom/k`, ['*']);
    robot.setMode('500');
    await emit({ type: 'test.quiet' });
    await deliverOutbox(database, opts);
    let [d] = await deliveries();
    expect(d).toMatchObject({ state: 'pending', attempts: 1, last_error: 'HTTP 500' });
    expect(d!.next_attempt_at).toBe(new Date(clock.getTime() + 1000).toISOString());
    clock = new Date(clock.getTime() + 1000);
    await deliverOutbox(database, opts);
    [d] = await deliveries();
    expect(d).toMatchObject({ state: 'pending', attempts: 2 });
    expect(d!.next_attempt_at).toBe(new Date(clock.getTime() + 2000).toISOString());
    // Not due yet: nothing is tried.
    clock = new Date(clock.getTime() + 1500);
    await deliverOutbox(database, opts);
    expect((await deliveries())[0]!.attempts).toBe(2);
    robot.setMode('ok');
    clock = new Date(clock.getTime() + 500);
    await deliverOutbox(database, opts);
    [d] = await deliveries();
    expect(d).toMatchObject({ state: 'sent', attempts: 3 });
    expect(robot.posts).toHaveLength(1);
  });

  it('a robot that times out is retried, and ends as failed after maxAttempts', async () => {
    await addHook('wecom', `${robot.base}/wecom/slow`, ['*']);
    robot.setMode('hang');
    await emit({ type: 'test.quiet' });
    const started = Date.now();
    await deliverOutbox(database, { ...opts, maxAttempts: 2 });
    expect(Date.now() - started).toBeLessThan(3000);
    let [d] = await deliveries();
    expect(d).toMatchObject({ state: 'pending', attempts: 1, last_error: 'timeout after 300 ms' });
    clock = new Date(clock.getTime() + 60_000);
    const r = await deliverOutbox(database, { ...opts, maxAttempts: 2 });
    expect(r.failed).toBe(1);
    [d] = await deliveries();
    expect(d).toMatchObject({ state: 'failed', attempts: 2 });
    // A failed delivery is not tried again.
    clock = new Date(clock.getTime() + 86_400_000);
    robot.setMode('ok');
    await deliverOutbox(database, opts);
    expect(robot.posts).toHaveLength(0);
  });

  it('an SMTP server that is down is retried; nothing is marked sent', async () => {
    await prefs(unit.users.staff.accountId, 'zhangwei@example.cn', 'instant');
    await emit({ type: 'test.meeting', recipients: [unit.users.staff.accountId], data: {} });
    await deliverOutbox(database, { ...opts, smtpUrl: 'smtp://127.0.0.1:1' });
    const [d] = await deliveries();
    expect(d).toMatchObject({ state: 'pending', attempts: 1, sent_at: null });
    expect(d!.last_error).toBeTruthy();
    clock = new Date(clock.getTime() + 1000);
    await deliverOutbox(database, opts);
    expect(smtp.mails).toHaveLength(1);
    expect((await deliveries())[0]).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('a deliverer that crashed mid-send leaves the delivery to be sent after its lease', async () => {
    await prefs(unit.users.staff.accountId, 'zhangwei@example.cn', 'instant');
    await emit({ type: 'test.meeting', recipients: [unit.users.staff.accountId], data: {} });
    // Expand only (no sending), then claim as a deliverer that dies before sending.
    await expandOutbox(database, opts);
    const lease = new Date(clock.getTime() + 60_000).toISOString();
    const claimed = await repo.claimDeliveries(database, ['email'], clock.toISOString(), lease, 10);
    expect(claimed).toHaveLength(1);
    // While the lease runs, another deliverer leaves it alone.
    await deliverOutbox(database, opts);
    expect(smtp.mails).toHaveLength(0);
    clock = new Date(clock.getTime() + 60_000);
    await deliverOutbox(database, opts);
    expect(smtp.mails).toHaveLength(1);
    expect((await deliveries())[0]).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('two deliverers in parallel never send the same notification twice', async () => {
    await addHook('wecom', `${robot.base}/wecom/par`, ['*']);
    const people = [
      unit.users.staff,
      unit.users.leader,
      unit.users.office,
      unit.users.supervisor,
      unit.users.motion_committee,
      unit.other,
    ];
    for (const p of people) await prefs(p.accountId, `u${p.accountId}@example.cn`, 'instant');
    const N = 30;
    for (let i = 0; i < N; i++) {
      await emit({
        type: 'test.meeting',
        recipients: people.map((p) => p.accountId),
        data: { title: `第${i}号`, when: '今天' },
      });
    }
    const small = { ...opts, batchSize: 7 };
    const [a, b] = await Promise.all([
      deliverOutbox(database, small),
      deliverOutbox(database, small),
    ]);
    expect(a.expanded + b.expanded).toBe(N);
    // Both did part of the work: the test really ran them against each other.
    expect(a.expanded).toBeGreaterThan(0);
    expect(b.expanded).toBeGreaterThan(0);
    expect(a.emailed + b.emailed).toBe(N * people.length);
    expect(a.posted + b.posted).toBe(N);
    expect(smtp.mails).toHaveLength(N * people.length);
    expect(new Set(smtp.mails.map((m) => m.messageId)).size).toBe(N * people.length);
    expect(robot.posts).toHaveLength(N);
    const inbox = await database.db.selectFrom('notifications').select('id').execute();
    expect(inbox).toHaveLength(N * people.length);
    expect((await deliveries()).every((d) => d.state === 'sent' && d.attempts === 1)).toBe(true);
  });

  it('no recipient, no e-mail and no robot post for an event nobody is named in', async () => {
    await prefs(unit.users.staff.accountId, 'zhangwei@example.cn', 'instant');
    // An anonymous submission's event: no recipients, and robots do not take it.
    await addHook('wecom', `${robot.base}/wecom/x`, ['deadline.overdue']);
    await emit({ type: 'opinion.submitted', subject: { type: 'opinion', id: 1 }, data: {} });
    await deliverOutbox(database, opts);
    expect(await database.db.selectFrom('notifications').select('id').execute()).toHaveLength(0);
    expect(await deliveries()).toHaveLength(0);
    expect(smtp.mails).toHaveLength(0);
  });
});
