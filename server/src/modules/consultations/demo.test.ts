import { expect, it } from 'vitest';
import { describeEachDb, freshDatabase } from '../../../../test/db.js';
import { registerCleanup } from '../../../../test/app.js';
import { seedDemo } from '../../core/demo/seed.js';
import { DEMO_TITLE, seedConsultationsDemo } from './demo.js';

registerCleanup();

describeEachDb('consultations demo', (kind) => {
  it('adds one open 绩效考核办法 with six articles, comments in the pool and stances', async () => {
    const database = await freshDatabase(kind);
    const unitId = await seedDemo(database, 'Demo-Pass-2026!');
    await seedConsultationsDemo(database, unitId);
    const rows = await database.db.selectFrom('consultations').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ title: DEMO_TITLE, status: 'open', audience: 'unit' });
    const sections = await database.db
      .selectFrom('consultation_sections')
      .select(['kind', 'label'])
      .orderBy('seq')
      .execute();
    expect(sections.map((s) => s.label)).toEqual([
      '',
      '第一条',
      '第二条',
      '第三条',
      '第四条',
      '第五条',
      '第六条',
    ]);
    const comments = await database.db.selectFrom('consultation_comments').selectAll().execute();
    expect(comments).toHaveLength(3);
    const pool = await database.db
      .selectFrom('pool_entries')
      .select('status')
      .where('source_kind', '=', 'consultation_comment')
      .execute();
    expect(pool.map((p) => p.status)).toEqual(['open', 'open', 'open']);
    const stances = await database.db.selectFrom('consultation_stances').selectAll().execute();
    expect(stances.length).toBeGreaterThanOrEqual(10);
  });
});
