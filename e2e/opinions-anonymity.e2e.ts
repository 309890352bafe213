import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../server/src/core/notifications/deliver.js';
import { openServerDatabase, startServer, type RunningServer } from './harness.js';

/**
 * The opinion box's promise, tested end to end (issue 4 "Anonymity, tested"): a known person,
 * signed in, from a known user agent (the server sees 127.0.0.1), submits anonymously; the item
 * goes through the whole loop (office accepts and dispatches, the head signs and replies, the
 * submitter rates through the receipt). Then the SQLite file (with its -wal), every table's rows
 * (SQLite or, with LIANXIN_E2E_DATABASE_URL, PostgreSQL), the server logs, the outbox, the .xlsx
 * export and every API response seen are searched for the person's account id, staff number,
 * name, the IP, the user agent, and any second of the submission: none of them may appear.
 *
 * The seconds are only meaningful if nothing else happens in them: the submitter signs in, the
 * test waits a second and a half, submits (the session is not touched again within 60 s of the
 * sign-in), then waits a second and a half before any handler acts.
 */

const UA = 'LianxinProbe/9.7 (anonymity-e2e; Q7XK2M4Z)';
const IP = '127.0.0.1';
const SUBMITTER = '104012'; // demo staff member of 心内科
const HEAD = '104001'; // head of 心内科
const OFFICE = '101002';
const PASSWORD = 'Lx-E2e-Demo-2026!';

/** A parsed answer, read loosely (the shapes are the other parts' schemas). */
type Json = Record<string, unknown>;

/** A nested field of a parsed answer, as text ('' when absent). */
function field(j: unknown, ...keys: string[]): string {
  let v = j;
  for (const k of keys) v = v && typeof v === 'object' ? (v as Json)[k] : undefined;
  return v === undefined || v === null ? '' : String(v);
}

let server: RunningServer;
const responses: string[] = [];

beforeAll(async () => {
  // info: the request logs are written, so the search of the logs means something.
  // No background jobs: nothing unrelated may write a timestamp in the submission's second.
  // The outbox is delivered by hand below, as the job would.
  server = await startServer({ env: { LOG_LEVEL: 'info', LIANXIN_JOBS: '0' } });
});
afterAll(async () => {
  await server?.stop();
});

async function call(
  cookie: string | null,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: Json; text: string }> {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      'user-agent': UA,
      ...(cookie ? { cookie } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const lines: string[] = [];
  res.headers.forEach((v, k) => {
    if (k !== 'date') lines.push(`${k}: ${v}`);
  });
  const headers = lines.join('\n');
  responses.push(`${method} ${url} ${res.status}\n${headers}\n${text}`);
  let json = {} as Json;
  try {
    json = JSON.parse(text) as Json;
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, text };
}

async function login(username: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': UA },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return cookie;
}

/** Resolve once the wall clock has passed `at` by `ms`. */
async function until(at: Date, ms: number): Promise<void> {
  const wait = at.getTime() + ms - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/**
 * Every way each second of the submission could be written (ISO UTC, Shanghai ISO, Shanghai
 * local): a stored time of the submission finer than its date contains one of these.
 */
function secondNeedles(from: Date, to: Date): string[] {
  const out: string[] = [];
  for (let t = Math.floor(from.getTime() / 1000) * 1000; t <= to.getTime(); t += 1000) {
    const utc = new Date(t).toISOString().slice(0, 19); // 2026-11-27T09:21:05
    const sh = new Date(t + 8 * 3_600_000).toISOString().slice(0, 19); // 2026-11-27T17:21:05
    out.push(utc, utc.replace('T', ' '), sh, sh.replace('T', ' '));
  }
  return out;
}

/** Every table's rows as JSON text, keyed by table (the rows of both databases). */
/** Expand the outbox's events into notifications and deliveries, as the (here stopped) job does. */
async function deliverNow(): Promise<void> {
  const database = openServerDatabase(server);
  try {
    await deliverOutbox(database);
  } finally {
    await database.close();
  }
}

async function dumpTables(): Promise<Map<string, string[]>> {
  const database = openServerDatabase(server);
  try {
    const tables =
      database.kind === 'sqlite'
        ? (
            await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
              database.db,
            )
          ).rows.map((r) => r.name)
        : (
            await sql<{
              name: string;
            }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
              database.db,
            )
          ).rows.map((r) => r.name);
    const out = new Map<string, string[]>();
    for (const t of tables) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(
        database.db,
      );
      out.set(
        t,
        rows.rows.map((r) =>
          JSON.stringify(r, (_k, v: unknown) =>
            typeof v === 'bigint'
              ? Number(v)
              : v instanceof Date
                ? v.toISOString()
                : Buffer.isBuffer(v)
                  ? v.toString('latin1')
                  : v,
          ),
        ),
      );
    }
    return out;
  } finally {
    await database.close();
  }
}

describe('opinions: anonymity, end to end', () => {
  let who: { accountId: number; staffNo: string; name: string };
  let receiptCode = '';
  let opinionId = '';
  let minute: string[] = [];
  let baseline = new Map<string, string[]>();
  /** The logs before the submission: the start-up lines print the demo logins (staff numbers). */
  let logsBefore = 0;

  it('goes through the whole loop for an anonymous item', async () => {
    const database = openServerDatabase(server);
    let cardiology: number;
    try {
      const a = await database.db
        .selectFrom('accounts')
        .innerJoin('people', 'people.id', 'accounts.person_id')
        .select(['accounts.id', 'people.staff_no', 'people.name', 'people.department_id'])
        .where('accounts.username', '=', SUBMITTER)
        .executeTakeFirstOrThrow();
      who = { accountId: a.id, staffNo: a.staff_no, name: a.name };
      cardiology = a.department_id!;
    } finally {
      await database.close();
    }
    const office = await login(OFFICE);
    const head = await login(HEAD);
    const submitter = await login(SUBMITTER);
    // A second apart from the sign-ins, so their own (legitimate) times cannot be mistaken, and
    // the demo's own notifications delivered, so what follows is only what the submission caused.
    await deliverNow();
    await until(new Date(), 1500);
    baseline = await dumpTables();
    logsBefore = server.logs().length;

    const before = new Date();
    const submitted = await call(submitter, 'POST', '/api/opinions', {
      kind: 'suggestion',
      title: '夜班交接流程建议',
      content: '夜班交接时口头交代容易遗漏，建议使用书面交接单。',
      anonymous: true,
    });
    const after = new Date();
    expect(submitted.status, submitted.text).toBe(200);
    minute = secondNeedles(before, after);
    receiptCode = field(submitted.json, 'receiptCode');
    opinionId = field(submitted.json, 'opinion', 'id');
    expect(receiptCode).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(opinionId).toMatch(/^[0-9A-Za-z]{22}$/);

    // Nothing a handler does may share a second with the submission.
    await until(after, 1500);
    const mine = await call(submitter, 'GET', '/api/opinions/mine');
    expect(mine.status).toBe(200);
    expect(mine.text).not.toContain(opinionId);

    const steps: Array<[string | null, string, string, unknown?]> = [
      [office, 'GET', '/api/opinions/inbox?page=1&pageSize=50'],
      [office, 'GET', `/api/opinions/${opinionId}`],
      [office, 'POST', `/api/opinions/${opinionId}/accept`, {}],
      [office, 'POST', `/api/opinions/${opinionId}/dispatch`, { leadDepartmentId: cardiology! }],
      [head, 'GET', `/api/opinions/${opinionId}`],
      [head, 'POST', `/api/opinions/${opinionId}/sign`, {}],
      [
        head,
        'POST',
        `/api/opinions/${opinionId}/reply`,
        { body: '已制定书面交接单，下月起执行。' },
      ],
    ];
    for (const [cookie, method, url, body] of steps) {
      const res = await call(cookie, method, url, body);
      expect(res.status, `${method} ${url}: ${res.text}`).toBe(200);
    }
    const tracked = await call(null, 'POST', '/api/opinions/track', { receiptCode });
    expect(tracked.status, tracked.text).toBe(200);
    expect(field(tracked.json, 'opinion', 'status')).toBe('replied');
    const rated = await call(null, 'POST', '/api/opinions/track/rate', {
      receiptCode,
      satisfaction: 'satisfied',
      solved: 'solved',
      comment: '谢谢',
    });
    expect(rated.status, rated.text).toBe(200);
    const handlerView = await call(office, 'GET', `/api/opinions/${opinionId}`);
    expect(field(handlerView.json, 'opinion', 'status')).toBe('closed');

    const now = new Date(Date.now() + 8 * 3_600_000);
    const q = `year=${now.getUTCFullYear()}&month=${now.getUTCMonth() + 1}`;
    const figures = await call(office, 'GET', `/api/opinions/figures?${q}`);
    expect(figures.status).toBe(200);
    const xlsx = await fetch(`${server.url}/api/opinions/figures.xlsx?${q}`, {
      headers: { cookie: office, 'user-agent': UA },
    });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const cells: string[] = [];
    wb.eachSheet((s) => s.eachRow((r) => r.eachCell((c) => cells.push(String(c.value)))));
    responses.push(`xlsx cells:\n${cells.join('\n')}`);
    // Expand the events into notifications and deliveries, as the outbox job does.
    await deliverNow();
  });

  function needles(): Array<[string, string]> {
    return [
      ['staff number', who.staffNo],
      ['name', who.name],
      ['IP', IP],
      ['user agent', UA],
      ['user agent product', 'LianxinProbe'],
      ...minute.map((m): [string, string] => ['submission second', m]),
    ];
  }

  it('leaves no trace of the submitter in the API responses or the export', () => {
    expect(opinionId).not.toBe('');
    const all = responses.join('\n');
    for (const [what, needle] of needles()) {
      expect(all.includes(needle), `${what} "${needle}" in an API response`).toBe(false);
    }
    expect(all).not.toMatch(
      new RegExp(`"(\\w*(account|actor|submitter|author)\\w*)"\\s*:\\s*${who.accountId}\\b`, 'i'),
    );
  });

  it('leaves no trace in the server logs, and no log line of the anonymous requests', () => {
    expect(server.logs().slice(0, logsBefore)).toContain('"msg"'); // the logs are read at all
    const logs = server.logs().slice(logsBefore);
    // Request logging is on: the handlers' requests are there, so an absence below means something.
    expect(logs).toContain(`"url":"/api/opinions/${opinionId}/accept"`);
    for (const [what, needle] of needles()) {
      expect(logs.includes(needle), `${what} "${needle}" in the logs`).toBe(false);
    }
    expect(logs).not.toMatch(
      new RegExp(`"(\\w*(account|actor)\\w*)"\\s*:\\s*${who.accountId}\\b`, 'i'),
    );
    const lines = logs.split('\n').filter((l) => /"url":"\/api\/opinions(\/track[^"]*)?"/.test(l));
    const anonymousRequests = lines.filter((l) => /"method":"POST"/.test(l));
    expect(anonymousRequests, 'log lines at the anonymous submission or tracking').toEqual([]);
  });

  it('leaves no trace in any table row written since the submission (outbox included)', async () => {
    expect(opinionId).not.toBe('');
    const now = await dumpTables();
    const hits: string[] = [];
    const idKey = new RegExp(
      `"(\\w*(account|actor|recipient|submitter|author|user|by)\\w*)"\\s*:\\s*"?${who.accountId}\\b`,
      'i',
    );
    for (const [table, rows] of now) {
      // The submitter's own session rows (sign-in device, last seen) are the sign-in, not the item.
      if (table === 'sessions') continue;
      const old = new Set(baseline.get(table) ?? []);
      for (const row of rows) {
        if (old.has(row)) continue;
        for (const [what, needle] of needles()) {
          if (row.includes(needle)) hits.push(`${table}: ${what} in ${row.slice(0, 300)}`);
        }
        if (idKey.test(row)) hits.push(`${table}: account id in ${row.slice(0, 300)}`);
      }
    }
    expect(hits).toEqual([]);
    // The outbox exists and was searched: the handlers' events are there.
    expect(now.get('notification_events')!.length).toBeGreaterThan(
      (baseline.get('notification_events') ?? []).length,
    );
    const opinionRow = now.get('opinions')!.find((r) => r.includes(opinionId))!;
    const parsed = JSON.parse(opinionRow) as Record<string, unknown>;
    expect(parsed.submitter_account_id).toBeNull();
    expect(parsed.created_at).toBeNull();
    expect(parsed.anonymous).toBe(1);
  });

  it.skipIf(!!process.env.LIANXIN_E2E_DATABASE_URL)(
    'leaves no user agent, IP or submission second in the raw SQLite file and its WAL',
    () => {
      expect(opinionId).not.toBe('');
      const file = path.join(server.dataDir, 'lianxin.db');
      const bytes = Buffer.concat(
        [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)),
      );
      expect(bytes.length).toBeGreaterThan(0);
      for (const [what, needle] of needles()) {
        if (what === 'name' || what === 'staff number') continue; // the roster holds them (rows checked above)
        expect(bytes.includes(Buffer.from(needle)), `${what} "${needle}" in the SQLite file`).toBe(
          false,
        );
      }
    },
  );

  it('answers a malformed, a wrong and an unknown receipt the same, and limits guessing', async () => {
    expect(receiptCode).not.toBe('');
    const digits = receiptCode.replace(/ /g, '');
    const wrong = `${digits.slice(0, 15)}${(Number(digits[15]) + 1) % 10}`;
    const unknown = '0000 1111 2222 3333';
    const answers: Array<{ status: number; body: string }> = [];
    for (const code of ['12ab-not a code', wrong, unknown]) {
      const res = await call(null, 'POST', '/api/opinions/track', { receiptCode: code });
      answers.push({ status: res.status, body: res.text });
    }
    expect(answers[0]!.status).toBe(404);
    expect(field(JSON.parse(answers[0]!.body), 'error', 'code')).toBe('RECEIPT_NOT_FOUND');
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    // 10 a minute per address: keep guessing and the limit answers, even for the right code.
    let limited = false;
    for (let i = 0; i < 12 && !limited; i++) {
      const res = await call(null, 'POST', '/api/opinions/track', {
        receiptCode: String(1e15 + i),
      });
      if (res.status === 429) limited = true;
      else expect(res.status).toBe(404);
    }
    expect(limited).toBe(true);
    const right = await call(null, 'POST', '/api/opinions/track', { receiptCode });
    expect(right.status).toBe(429);
  });
});
