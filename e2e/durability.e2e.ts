import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import {
  E2E_DEMO_PASSWORD,
  openServerDatabase,
  startServer,
  type RunningServer,
} from './harness.js';

/**
 * quality.md: kill -9 during a burst of submissions, many times — every acknowledged submission is
 * present exactly once, and SQLite's integrity check passes. The server is killed mid-burst, started
 * again on the same data, and the acknowledged ids are looked up.
 */
describe('durability: kill -9 during a burst of submissions', () => {
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers.reverse()) await s.stop();
  });

  it('keeps every acknowledged submission exactly once, over three crashes', async () => {
    let server = await startServer({ env: { LIANXIN_JOBS: '0' } });
    servers.push(server);
    const dataDir = server.dataDir;
    const acknowledged = new Map<string, string>(); // idempotency key → opinion id
    for (let round = 0; round < 3; round++) {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: '104012', password: E2E_DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const submitOne = async (i: number) => {
        const key = randomUUID();
        try {
          const res = await fetch(`${server.url}/api/opinions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'idempotency-key': key },
            body: JSON.stringify({
              kind: 'suggestion',
              title: `第${round}轮第${i}条`,
              content: '断电测试：确认过的提交一条不少、一条不重。',
              anonymous: i % 2 === 0,
            }),
          });
          if (res.status === 200) {
            const body = (await res.json()) as { opinion: { id: string } };
            acknowledged.set(key, body.opinion.id);
          }
        } catch {
          /* the connection died with the server: not acknowledged */
        }
      };
      // 30 clients in a closed loop; the server is killed while they are writing.
      let next = 0;
      const clients = Array.from({ length: 30 }, async () => {
        while (next < 400) await submitOne(next++);
      });
      await new Promise((r) => setTimeout(r, 300 + round * 150));
      await server.kill();
      await Promise.all(clients);
      // Up again on the same data.
      server = await startServer({
        env: { LIANXIN_JOBS: '0', LIANXIN_DATA_DIR: dataDir },
      });
      servers.push(server);
    }
    expect(acknowledged.size).toBeGreaterThan(20);
    // The crashes did cut the bursts short (otherwise this proves nothing).
    expect(acknowledged.size).toBeLessThan(1200);

    const database = openServerDatabase({ ...server, dataDir });
    try {
      const ids = [...acknowledged.values()];
      const rows = await database.db
        .selectFrom('opinions')
        .select('id')
        .where('id', 'in', ids)
        .execute();
      expect(rows.length).toBe(ids.length);
      // Exactly once: one row per acknowledged key, each pointing at the acknowledged id.
      const keyRows = await database.db
        .selectFrom('opinion_idempotency')
        .select(['opinion_id'])
        .where('opinion_id', 'in', ids)
        .execute();
      expect(keyRows.length).toBe(ids.length);
      const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
        database.db,
      );
      expect(integrity.rows[0]?.integrity_check).toBe('ok');
    } finally {
      await database.close();
    }
  }, 180_000);
});
