import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import crypto from 'node:crypto';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import type { Database } from '../server/src/db/database.js';
import { newOpinionId, receiptHash } from '../server/src/modules/opinions/receipt.js';
import { seedTestUnit, TEST_PASSWORD } from '../test/fixtures.js';
import { load } from './load.js';
import type { BenchResult } from './types.js';
import { pgTarget, sqliteTarget, staffSessions, type Target } from './targets.js';

/**
 * The opinion box (issue 4 "Benchmarks"):
 * - durable named and anonymous submissions per second, CLIENTS concurrent clients (each its own
 *   signed-in account: the rate limit is per account), through the real HTTP route
 *   `POST /api/opinions`, on SQLite (WAL, synchronous=FULL) and PostgreSQL (default durability);
 *   the ceiling of each is a bare Kysely insert of the same row, one transaction per row, with
 *   the same durability and the same concurrency, in the same run;
 * - the receipt hash alone (argon2id, the design's cheap parameters) at the same concurrency:
 *   the extra work of an anonymous submission;
 * - the office inbox (GET /api/opinions/inbox, a page of 50 of INBOX items) p50/p99, one request at
 *   a time (the latency of a page, not a queue).
 * Targets (SQLite, 2 cores): ≥ 1,000 submissions/s, inbox p99 < 50 ms.
 */

const CLIENTS = 50;
const INBOX = Number(process.env.BENCH_OPINION_INBOX ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
/** Per client and phase, under the 600-a-minute per-account limit across warm-up and two phases. */
const PER_CLIENT = 180;
const PG_URL = process.env.LIANXIN_TEST_PG_URL || process.env.DATABASE_URL_TEST;

const TITLE = '食堂午餐排队时间过长';
const CONTENT = '中午十二点左右食堂排队常常超过二十分钟，建议增加窗口或错峰就餐。'.repeat(4);

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return cookie.split(';')[0]!;
}

/** Closed loop: each client POSTs with its own cookie until time or its budget runs out. */
async function postLoad(
  url: string,
  cookies: string[],
  body: string,
  seconds: number,
  perClient: number,
): Promise<{
  perSecond: number;
  requests: number;
  errors: number;
  p99: number;
  firstError?: string;
}> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: cookies.length });
  const u = new URL(url);
  const deadline = Date.now() + seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const one = (cookie: string) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'POST',
          agent,
          headers: {
            cookie,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode !== 200) {
              errors++;
              firstError ??= `${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 200)}`;
            } else latencies.push(performance.now() - t0);
            resolve();
          });
        },
      );
      req.on('error', (e) => {
        errors++;
        firstError ??= String(e);
        resolve();
      });
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    cookies.map(async (cookie) => {
      for (let n = 0; n < perClient && Date.now() < deadline; n++) await one(cookie);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    requests: latencies.length,
    errors,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    firstError,
  };
}

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The row the route writes, for the bare-insert ceiling. */
function row(unitId: number, accountId: number | null) {
  return {
    id: newOpinionId(),
    unit_id: unitId,
    kind: 'suggestion',
    category: null,
    title: TITLE,
    content: CONTENT,
    target_department_id: null,
    anonymous: accountId === null ? 1 : 0,
    submitter_account_id: accountId,
    receipt_hash: accountId === null ? crypto.randomBytes(32).toString('hex') : null,
    consent_publish: 0,
    status: 'submitted',
    redo_used: 0,
    bounce_count: 0,
    published: 0,
    me_too_count: 0,
    submitted_on: today(),
    created_at: accountId === null ? null : new Date().toISOString(),
    updated_at: null,
  };
}

/** Bare inserts, one transaction per row, CLIENTS concurrent callers, for `seconds`. */
async function bareInserts(
  database: Database,
  unitId: number,
  accountId: number | null,
  seconds: number,
): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < deadline) {
        await database.db
          .transaction()
          .execute((tx) => tx.insertInto('opinions').values(row(unitId, accountId)).execute());
        n++;
      }
    }),
  );
  return n / ((performance.now() - started) / 1000);
}

/** argon2id receipt hashes per second at CLIENTS concurrency (the anonymous path's extra work). */
async function receiptHashes(seconds: number): Promise<number> {
  const salt = crypto.randomBytes(16).toString('hex');
  const deadline = Date.now() + seconds * 1000;
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < deadline) {
        await receiptHash(String(1e15 + n), salt);
        n++;
      }
    }),
  );
  return n / ((performance.now() - started) / 1000);
}

/** INBOX submitted items, bulk-inserted (half anonymous), dates spread over a year. */
async function fillInbox(database: Database, unitId: number, accountId: number) {
  const batch = database.kind === 'sqlite' ? 500 : 2000;
  const day0 = Date.now() - 365 * 86_400_000;
  for (let i = 0; i < INBOX; i += batch) {
    const rows = [];
    for (let j = i; j < Math.min(INBOX, i + batch); j++) {
      const r = row(unitId, j % 2 ? null : accountId);
      const on = new Date(day0 + (j / INBOX) * 365 * 86_400_000 + 8 * 3_600_000);
      rows.push({
        ...r,
        kind: ['opinion', 'suggestion', 'request', 'complaint', 'enquiry'][j % 5]!,
        submitted_on: on.toISOString().slice(0, 10),
        created_at: r.created_at === null ? null : on.toISOString(),
      });
    }
    await database.db.insertInto('opinions').values(rows).execute();
  }
}

async function measure(target: Target, results: BenchResult[], inbox: boolean) {
  const { database, label } = target;
  const unit = await seedTestUnit(database);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-opinions-data-'));
  const config = { ...loadConfig({ LIANXIN_DATA_DIR: dir }), port: 0 };
  const app = await buildApp({ config, database, logger: false, serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  try {
    const cookies = await staffSessions(database, unit, {
      count: CLIENTS,
      prefix: 'B',
      name: '压测',
    });
    const named = JSON.stringify({
      kind: 'suggestion',
      title: TITLE,
      content: CONTENT,
      anonymous: false,
    });
    const anon = JSON.stringify({
      kind: 'suggestion',
      title: TITLE,
      content: CONTENT,
      anonymous: true,
    });
    // Warm-up: code paths, statements, the calendar cache, the unit keys.
    const warm = await postLoad(`${base}/api/opinions`, cookies, anon, 1, 4);
    if (warm.errors) throw new Error(`POST /api/opinions fails: ${warm.firstError}`);
    const bareNamed = await bareInserts(database, unit.unitId, unit.users.staff.accountId, SECONDS);
    const n = await postLoad(`${base}/api/opinions`, cookies, named, SECONDS, PER_CLIENT);
    const bareAnon = await bareInserts(database, unit.unitId, null, SECONDS);
    const a = await postLoad(`${base}/api/opinions`, cookies, anon, SECONDS, PER_CLIENT);
    if (n.errors || a.errors) throw new Error(`submission errors: ${n.firstError ?? a.firstError}`);
    results.push(
      {
        name: `POST /api/opinions named, ${label}, ${CLIENTS} clients (p99 ${n.p99.toFixed(0)} ms)`,
        value: n.perSecond,
        unit: 'submissions/s',
        ceiling: { name: 'bare insert, 1 tx/row, same durability', value: bareNamed },
        ...(label === 'SQLite' ? { limit: { min: 1000 } } : {}),
      },
      {
        name: `POST /api/opinions anonymous, ${label}, ${CLIENTS} clients (p99 ${a.p99.toFixed(0)} ms)`,
        value: a.perSecond,
        unit: 'submissions/s',
        ceiling: { name: 'bare insert, 1 tx/row, same durability', value: bareAnon },
        ...(label === 'SQLite' ? { limit: { min: 1000 } } : {}),
      },
    );
    if (inbox) {
      await fillInbox(database, unit.unitId, unit.users.staff.accountId);
      const office = await login(base, unit.users.office.username);
      const url = `${base}/api/opinions/inbox?page=1&pageSize=50`;
      const check = await fetch(url, { headers: { cookie: office } });
      if (check.status !== 200) throw new Error(`inbox: ${check.status} ${await check.text()}`);
      const deep = `${base}/api/opinions/inbox?page=1000&pageSize=50`;
      const first = await load({
        url,
        concurrency: 1,
        seconds: SECONDS,
        headers: { cookie: office },
        maxRequests: 280,
      });
      const last = await load({
        url: deep,
        concurrency: 1,
        seconds: SECONDS,
        headers: { cookie: office },
        maxRequests: 280,
      });
      const total = Number(((await check.json()) as { total?: number }).total);
      results.push(
        {
          name: `office inbox p50, first page of 50 of ${total} items, ${label}`,
          value: first.p50,
          unit: 'ms',
        },
        {
          name: `office inbox p99, first page, ${label}`,
          value: first.p99,
          unit: 'ms',
          ...(label === 'SQLite' ? { limit: { max: 50 } } : {}),
        },
        { name: `office inbox p50, page 1000 of 50, ${label}`, value: last.p50, unit: 'ms' },
        { name: `office inbox p99, page 1000 of 50, ${label}`, value: last.p99, unit: 'ms' },
      );
    }
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  results.push({
    name: `receipt hash alone (argon2id m=4096 t=1), ${CLIENTS} concurrent`,
    value: await receiptHashes(2),
    unit: 'hashes/s',
  });
  const lite = await sqliteTarget('opinions');
  try {
    await measure(lite, results, true);
  } finally {
    await lite.cleanup();
  }
  if (PG_URL) {
    const pgT = await pgTarget(PG_URL);
    try {
      await measure(pgT, results, process.env.BENCH_OPINION_PG_INBOX !== '0');
    } finally {
      await pgT.cleanup();
    }
  }
  return results;
}

// `npx tsx bench/opinions.ts`: this benchmark alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) {
    process.stdout.write(
      `${r.name}: ${r.value.toFixed(1)} ${r.unit}${r.ceiling ? ` (ceiling ${r.ceiling.name}: ${r.ceiling.value.toFixed(1)})` : ''}\n`,
    );
  }
}
