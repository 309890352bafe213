import { beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDb, freshDatabase } from '../../../../test/db.js';
import { registerCleanup } from '../../../../test/app.js';
import { seedTestUnit, type TestUnit } from '../../../../test/fixtures.js';
import type { Database } from '../../db/database.js';
import { runCommand } from '../command.js';
import { systemActor } from '../actor.js';
import { verifyChains } from './repository.js';
import { entryHash } from './chain.js';
import { shanghaiDayStart } from './dates.js';

registerCleanup();

describeEachDb('audit trail', (kind) => {
  let database: Database;
  let unit: TestUnit;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    unit = await seedTestUnit(database);
  });

  const write = (n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        runCommand({ database, actor: systemActor(unit.unitId) }, (_tx, audit) =>
          audit('test.event', { type: 'thing', id: i }, { i }),
        ),
      ),
    );

  it('chains concurrent writers without forking', async () => {
    await write(40);
    const rows = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('unit_id', '=', unit.unitId)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
      expect(entryHash(rows[i]!)).toBe(rows[i]!.hash);
    }
    const result = await verifyChains(database);
    expect(result.breaks).toEqual([]);
    expect(result.checked).toBe(rows.length);
  });

  it('the database refuses to change or delete an entry', async () => {
    await expect(
      database.db.updateTable('audit_log').set({ action: 'x' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      database.db.deleteFrom('audit_log').where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('a rolled-back command leaves no entry', async () => {
    const before = await database.db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      runCommand({ database, actor: systemActor(unit.unitId) }, async (_tx, audit) => {
        await audit('test.rolled_back');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const after = await database.db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('reports the first broken link after a row is changed behind its back', async () => {
    // An attacker with database access first removes the guard.
    if (kind === 'sqlite') await sql`drop trigger audit_log_no_update`.execute(database.db);
    else await sql`alter table audit_log disable trigger audit_log_no_change`.execute(database.db);
    await database.db
      .updateTable('audit_log')
      .set({ detail: '{"i":999}' })
      .where('unit_id', '=', unit.unitId)
      .where('seq', '=', 7)
      .execute();
    const result = await verifyChains(database);
    expect(result.breaks).toHaveLength(1);
    expect(result.breaks[0]).toMatchObject({
      unitId: unit.unitId,
      seq: 7,
      reason: 'hash_mismatch',
    });
  });
});

it('turns Asia/Shanghai days into UTC instants', () => {
  expect(shanghaiDayStart('2026-11-27')).toBe('2026-11-26T16:00:00.000Z');
  expect(shanghaiDayStart('2026-12-31', 1)).toBe('2026-12-31T16:00:00.000Z');
});
