import { expect, it } from 'vitest';
import { registerCleanup } from '../../../../test/app.js';
import { describeEachDb, freshDatabase } from '../../../../test/db.js';
import { FEATURED } from '../../core/demo/generator.js';
import { seedDemo } from '../../core/demo/seed.js';
import * as org from '../../core/org/repository.js';
import { checkAnswers } from './answers.js';
import { seedSurveysDemo } from './demo.js';
import type { Answers } from './questions.js';
import * as repo from './repository.js';

registerCleanup();

describeEachDb('surveys: the demo unit', (kind) => {
  it('has an open anonymous survey with ~60 valid answers (not the featured staff) and a closed named one', async () => {
    const database = await freshDatabase(kind);
    const unitId = await seedDemo(database, 'Demo-Password-2026!');
    await seedSurveysDemo(database, unitId);
    const surveys = await database.db
      .selectFrom('surveys')
      .select(['id', 'status', 'anonymous', 'response_count', 'locked'])
      .where('unit_id', '=', unitId)
      .orderBy('id')
      .execute();
    expect(surveys.map((s) => [s.status, s.anonymous, s.response_count, s.locked])).toEqual([
      ['open', 1, 60, 1],
      ['closed', 0, 25, 1],
    ]);
    const [open, closed] = surveys;
    const featured = await org.findAccountByUsername(database.db, unitId, FEATURED.staff.staffNo);
    const me = await repo.findParticipant(database.db, open!.id, featured!.id);
    expect(me?.answered).toBe(0);
    const byDepartment = await database.db
      .selectFrom('survey_responses')
      .select('department_id')
      .distinct()
      .where('survey_id', '=', open!.id)
      .execute();
    expect(byDepartment.length).toBeGreaterThan(4);
    const anonymous = await database.db
      .selectFrom('survey_responses')
      .select('account_id')
      .where('survey_id', '=', open!.id)
      .where('account_id', 'is not', null)
      .execute();
    expect(anonymous).toEqual([]);
    const named = await database.db
      .selectFrom('survey_responses')
      .select('account_id')
      .where('survey_id', '=', closed!.id)
      .where('account_id', 'is not', null)
      .execute();
    expect(named).toHaveLength(25);
    // Every sample response reads back as a valid submission.
    const s = (await repo.findSurvey(database.db, unitId, open!.id))!;
    expect(s.questions.some((q) => q.showIf)).toBe(true);
    const rows = await database.db
      .selectFrom('survey_answers')
      .selectAll()
      .where('survey_id', '=', open!.id)
      .execute();
    const byResponse = new Map<string, Answers>();
    for (const r of rows) {
      const a = byResponse.get(r.response_id) ?? {};
      const q = s.questions.find((x) => x.id === r.question_id)!;
      if (q.type === 'single') a[q.id] = { choice: r.option_index! };
      if (q.type === 'multiple')
        a[q.id] = { choices: [...(a[q.id]?.choices ?? []), r.option_index!] };
      if (q.type === 'scale' || q.type === 'nps') a[q.id] = { value: r.value_num! };
      if (q.type === 'text') a[q.id] = { text: r.value_text! };
      if (q.type === 'matrix') {
        const m = a[q.id]?.rows ?? q.rows.map(() => null);
        m[r.row_index!] = r.option_index!;
        a[q.id] = { rows: m };
      }
      if (q.type === 'ranking') {
        const o = a[q.id]?.order ?? [];
        o[r.row_index!] = r.option_index!;
        a[q.id] = { order: o };
      }
      byResponse.set(r.response_id, a);
    }
    expect(byResponse.size).toBe(60);
    for (const a of byResponse.values()) expect(() => checkAnswers(s.questions, a)).not.toThrow();
  }, 120_000);
});
