import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { systemActor } from '../server/src/core/actor.js';
import { runCommand } from '../server/src/core/command.js';
import { deliverOutbox } from '../server/src/core/notifications/deliver.js';
import { registerNotificationKind } from '../server/src/core/notifications/kinds.js';
import * as notifications from '../server/src/core/notifications/repository.js';
import { startSmtpSink } from '../server/src/core/notifications/testing.js';
import * as org from '../server/src/core/org/repository.js';
import { openPostgres, openSqlite, type Database } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import type { BenchResult } from './types.js';

/**
 * Outbox delivery rate: EVENTS domain events, each to RECIPIENTS people who take e-mail at once,
 * delivered end to end by `deliverOutbox` (expand into inbox rows and deliveries, send over SMTP
 * to a local smtp-server on loopback, mark each sent) — notifications per second. The ceiling,
 * measured in the same run against the same server: nodemailer sending the same number of
 * messages directly with the same pool size and concurrency, no database at all.
 */

const EVENTS = 200;
const RECIPIENTS = 10;
const CONCURRENCY = 5;
const PG_URL = process.env.LIANXIN_TEST_PG_URL || process.env.DATABASE_URL_TEST;

registerNotificationKind('bench.notice', {
  title: (d) => `会议通知：${String(d.title)}`,
  body: (d) => `请于 ${String(d.when)} 到会议室参加，议题见附件。`,
  defaultChannels: ['inbox', 'email'],
});

export async function run(): Promise<BenchResult[]> {
  const smtp = await startSmtpSink({ parse: false });
  const results: BenchResult[] = [];
  try {
    // Warm up nodemailer, the SMTP server and the code paths.
    await direct(smtp.url, 100);
    await withSqlite((db) => measure(db, smtp.url, 20));

    const ceiling = await direct(smtp.url, EVENTS * RECIPIENTS);
    const total = EVENTS * RECIPIENTS;
    const lite = await withSqlite((db) => measure(db, smtp.url, EVENTS));
    results.push({
      name: `outbox → SMTP, SQLite (${EVENTS} events × ${RECIPIENTS} people, inbox + e-mail)`,
      value: lite,
      unit: 'notifications/s',
      ceiling: { name: `nodemailer direct, ${total} mails`, value: ceiling },
    });
    if (PG_URL) {
      const pgRate = await withPostgres(PG_URL, (db) => measure(db, smtp.url, EVENTS));
      results.push({
        name: `outbox → SMTP, PostgreSQL (${EVENTS} events × ${RECIPIENTS} people, inbox + e-mail)`,
        value: pgRate,
        unit: 'notifications/s',
        ceiling: { name: `nodemailer direct, ${total} mails`, value: ceiling },
      });
    } else {
      process.stderr.write('outbox: PostgreSQL skipped (set LIANXIN_TEST_PG_URL)\n');
    }
  } finally {
    await smtp.close();
  }
  return results;
}

/** Mails per second sent by nodemailer alone: the ceiling. */
async function direct(url: string, count: number): Promise<number> {
  const transporter = nodemailer.createTransport(`${url}?pool=true&maxConnections=${CONCURRENCY}`);
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        await transporter.sendMail({
          from: 'lianxin@bench.local',
          to: `u${i % RECIPIENTS}@bench.local`,
          subject: `会议通知：第${i}号`,
          text: `请于 明天 9:00 到会议室参加，议题见附件。\n\nhttp://localhost/inbox`,
          messageId: `<direct-${i}@bench.local>`,
        });
      }
    }),
  );
  const s = (performance.now() - t) / 1000;
  transporter.close();
  return count / s;
}

/** Notifications per second delivered by the outbox (each: an inbox row and an e-mail). */
async function measure(database: Database, smtpUrl: string, events: number): Promise<number> {
  const now = new Date().toISOString();
  const unitId = await org.insertUnit(database.db, { code: 'B', name: '基准单位', now });
  const people: number[] = [];
  for (let i = 0; i < RECIPIENTS; i++) {
    const id = await org.insertAccount(database.db, {
      unitId,
      personId: null,
      username: `b${i}`,
      displayName: `员工${i}`,
      passwordHash: null,
      mustChange: false,
      now,
    });
    await notifications.upsertPreferences(database.db, {
      accountId: id,
      unitId,
      email: `u${i}@bench.local`,
      emailMode: 'instant',
      emailKinds: {},
      now,
    });
    people.push(id);
  }
  await runCommand({ database, actor: systemActor(unitId) }, async (_tx, _audit, emit) => {
    for (let i = 0; i < events; i++) {
      await emit({
        type: 'bench.notice',
        recipients: people,
        data: { title: `第${i}号`, when: '明天 9:00' },
      });
    }
  });
  const t = performance.now();
  const r = await deliverOutbox(database, {
    smtpUrl,
    smtpFrom: 'lianxin@bench.local',
    publicUrl: 'http://localhost',
    concurrency: CONCURRENCY,
  });
  const s = (performance.now() - t) / 1000;
  if (r.emailed !== events * RECIPIENTS || r.expanded !== events) {
    throw new Error(
      `outbox bench: expected ${events * RECIPIENTS} mails, got ${JSON.stringify(r)}`,
    );
  }
  return r.emailed / s;
}

async function withSqlite<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-outbox-'));
  const database = openSqlite(path.join(dir, 'bench.db'));
  try {
    await migrateToLatest(database);
    return await fn(database);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function withPostgres<T>(url: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const name = `lianxin_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = openPostgres(u.toString(), 10);
  try {
    await migrateToLatest(database);
    return await fn(database);
  } finally {
    await database.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  }
}
