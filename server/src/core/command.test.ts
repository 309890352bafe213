import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, freshDatabase } from '../../../test/db.js';
import { registerCleanup } from '../../../test/app.js';
import { seedTestUnit, type TestUnit } from '../../../test/fixtures.js';
import type { Database } from '../db/database.js';
import { systemActor } from './actor.js';
import { runCommand } from './command.js';
import * as org from './org/repository.js';
import { verifyChains } from './audit/repository.js';

registerCleanup();

describeEachDb('commands run together', (kind) => {
  let database: Database;
  let unit: TestUnit;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    unit = await seedTestUnit(database);
  });

  it('each concurrent command gets its own outcome; a failing one leaves nothing, the others stay', async () => {
    const ctx = { database, actor: systemActor(unit.unitId) };
    const now = new Date().toISOString();
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        runCommand(ctx, async (tx, audit) => {
          const id = await org.insertDepartment(tx, {
            unitId: unit.unitId,
            parentId: null,
            name: `批量${i}`,
            path: `批量${i}`,
            now,
          });
          await audit('test.batch', { type: 'department', id }, { i });
          if (i % 7 === 3) throw new Error(`command ${i} fails`);
          return i;
        }),
      ),
    );
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([3, 10, 17, 24, 31, 38]);
    for (const [i, r] of results.entries()) {
      if (r.status === 'fulfilled') expect(r.value).toBe(i);
      else expect(String(r.reason)).toContain(`command ${i} fails`);
    }
    const names = (await org.listDepartments(database.db, unit.unitId))
      .map((d) => d.name)
      .filter((n) => n.startsWith('批量'));
    expect(names).toHaveLength(34);
    expect(names).not.toContain('批量3');
    const audited = await database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'test.batch')
      .execute();
    expect(audited).toHaveLength(34);
    // The hash chain stays whole through the rolled-back savepoints.
    expect((await verifyChains(database)).breaks).toEqual([]);
  });
});

it('on SQLite refuses a command started from inside another (it would wait for itself)', async () => {
  const database = await freshDatabase('sqlite');
  const unit = await seedTestUnit(database);
  const ctx = { database, actor: systemActor(unit.unitId) };
  await expect(runCommand(ctx, () => runCommand(ctx, async () => 1))).rejects.toThrow(
    /inside another command/,
  );
});
