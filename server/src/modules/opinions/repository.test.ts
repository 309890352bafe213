import { afterAll, expect, it } from 'vitest';
import { closeAll, describeEachDb, freshDatabase } from '../../../../test/db.js';
import { seedTestUnit } from '../../../../test/fixtures.js';
import * as repo from './repository.js';

afterAll(closeAll);

const base = (unitId: number, id: string) => ({
  id,
  unit_id: unitId,
  kind: 'opinion',
  title: '标题',
  content: '内容',
  anonymous: 1,
  submitted_on: '2026-11-27',
});

describeEachDb('opinions repository', (kind) => {
  it('inserts, reads within the unit, updates with a state guard, keeps a timeline', async () => {
    const database = await freshDatabase(kind);
    const t = await seedTestUnit(database);
    const t2 = await seedTestUnit(database, 'T2');
    const db = database.db;
    await repo.insertOpinion(db, base(t.unitId, 'a'.repeat(22)));
    const row = await repo.getOpinion(db, t.unitId, 'a'.repeat(22));
    expect(row).toMatchObject({
      status: 'submitted',
      created_at: null,
      submitter_account_id: null,
    });
    expect(await repo.getOpinion(db, t2.unitId, 'a'.repeat(22))).toBeUndefined();
    expect(
      await repo.updateOpinion(db, t.unitId, 'a'.repeat(22), { status: 'accepted' }, 'replied'),
    ).toBe(false);
    expect(
      await repo.updateOpinion(db, t.unitId, 'a'.repeat(22), { status: 'accepted' }, 'submitted'),
    ).toBe(true);
    expect((await repo.getOpinion(db, t.unitId, 'a'.repeat(22)))!.status).toBe('accepted');
    await repo.appendEvent(db, {
      opinion_id: 'a'.repeat(22),
      unit_id: t.unitId,
      type: 'accepted',
      author: 'office',
      author_account_id: t.users.office.accountId,
      body: null,
      on: '2026-11-27',
      at: new Date().toISOString(),
    });
    await repo.appendEvent(db, {
      opinion_id: 'a'.repeat(22),
      unit_id: t.unitId,
      type: 'question',
      author: 'office',
      author_account_id: t.users.office.accountId,
      body: 'internal',
      visible_to_submitter: 0,
      on: '2026-11-27',
      at: null,
    });
    expect((await repo.listEvents(db, t.unitId, 'a'.repeat(22))).map((e) => e.type)).toEqual([
      'accepted',
      'question',
    ]);
    expect(
      (await repo.listEvents(db, t.unitId, 'a'.repeat(22), { submitterOnly: true })).length,
    ).toBe(1);
  });

  it('enforces anonymity, kinds, lengths and unique receipts in the database', async () => {
    const database = await freshDatabase(kind);
    const t = await seedTestUnit(database);
    const db = database.db;
    await expect(
      repo.insertOpinion(db, {
        ...base(t.unitId, 'b'.repeat(22)),
        submitter_account_id: t.users.staff.accountId,
      }),
    ).rejects.toThrow();
    await expect(
      repo.insertOpinion(db, { ...base(t.unitId, 'c'.repeat(22)), kind: 'rant' }),
    ).rejects.toThrow();
    await expect(
      repo.insertOpinion(db, { ...base(t.unitId, 'd'.repeat(22)), content: 'x'.repeat(5001) }),
    ).rejects.toThrow();
    await expect(
      repo.insertOpinion(db, { ...base(t.unitId, 'e'.repeat(22)), anonymous: 0 }),
    ).rejects.toThrow();
    await repo.insertOpinion(db, { ...base(t.unitId, 'f'.repeat(22)), receipt_hash: 'h' });
    await expect(
      repo.insertOpinion(db, { ...base(t.unitId, 'g'.repeat(22)), receipt_hash: 'h' }),
    ).rejects.toThrow();
    const n = await db
      .selectFrom('opinions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    expect(
      await repo.insertMeToo(db, {
        unit_id: t.unitId,
        opinion_id: 'f'.repeat(22),
        account_id: t.users.staff.accountId,
      }),
    ).toBe(true);
    expect(
      await repo.insertMeToo(db, {
        unit_id: t.unitId,
        opinion_id: 'f'.repeat(22),
        account_id: t.users.staff.accountId,
      }),
    ).toBe(false);
  });
});
