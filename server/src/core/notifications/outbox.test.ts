import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../../test/db.js';
import { freshDatabase } from '../../../../test/db.js';
import { registerCleanup } from '../../../../test/app.js';
import { seedTestUnit, type TestUnit } from '../../../../test/fixtures.js';
import type { Database } from '../../db/database.js';
import { systemActor } from '../actor.js';
import { runCommand } from '../command.js';

registerCleanup();

describeEachDb('notifications outbox', (kind) => {
  let database: Database;
  let unit: TestUnit;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    unit = await seedTestUnit(database);
  });

  it('records one pending outbox row per emitted event, in the command transaction', async () => {
    await runCommand({ database, actor: systemActor(unit.unitId) }, async (_tx, audit, emit) => {
      await audit('test.emit');
      await emit({
        type: 'test.happened',
        subject: { type: 'thing', id: 42 },
        recipients: [unit.users.staff.accountId, unit.users.staff.accountId, 0, -1],
        data: { title: '会议通知' },
      });
    });
    const rows = await database.db
      .selectFrom('notification_events')
      .selectAll()
      .where('type', '=', 'test.happened')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      unit_id: unit.unitId,
      subject_type: 'thing',
      subject_id: '42',
      state: 'pending',
      attempts: 0,
    });
    expect(JSON.parse(rows[0]!.recipients)).toEqual([unit.users.staff.accountId]);
    expect(JSON.parse(rows[0]!.data)).toEqual({ title: '会议通知' });
  });

  it('a rolled-back command leaves no outbox row', async () => {
    await expect(
      runCommand({ database, actor: systemActor(unit.unitId) }, async (_tx, _audit, emit) => {
        await emit({ type: 'test.rolledback', recipients: [unit.users.staff.accountId] });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await database.db
      .selectFrom('notification_events')
      .select('id')
      .where('type', '=', 'test.rolledback')
      .execute();
    expect(rows).toHaveLength(0);
  });
});
