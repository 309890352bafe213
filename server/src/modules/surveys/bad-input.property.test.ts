import { beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { registerCleanup, signInRoles, testApp, type Database } from '../../../../test/app.js';
import { describeEachDb } from '../../../../test/db.js';
import { seedTestUnit, type TestUnit } from '../../../../test/fixtures.js';
import { GOOD_ANSWERS, QUESTIONS } from './testing.js';

registerCleanup();

type App = Awaited<ReturnType<typeof testApp>>['app'];

/** Mutated survey inputs and answers: always a 4xx with a code, never a 5xx, nothing half-saved. */
describeEachDb('surveys: bad input', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  let c: Record<'office' | 'staff', string>;
  let surveyId: number;

  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database, 'T1');
    c = await signInRoles(app, unit, ['office', 'staff']);
    const res = await app.inject({
      method: 'POST',
      url: '/api/surveys',
      headers: { cookie: c.office },
      payload: {
        title: '问卷',
        description: '',
        anonymous: true,
        audience: { departmentIds: [], roles: [] },
        opensAt: null,
        closesAt: null,
        questions: QUESTIONS,
      },
    });
    surveyId = res.json().survey.id;
    await app.inject({
      method: 'POST',
      url: `/api/surveys/${surveyId}/open`,
      headers: { cookie: c.office },
    });
  });

  const counts = async () => {
    const n = async (t: 'survey_responses' | 'survey_answers') =>
      Number(
        (
          await database.db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return [await n('survey_responses'), await n('survey_answers')];
  };

  it('refuses mutated answers with a clear code and writes nothing', async () => {
    const questionIds = [...Object.keys(GOOD_ANSWERS), 'q99'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...questionIds),
        fc.oneof(
          fc.jsonValue(),
          fc.record({ choice: fc.integer({ min: -2, max: 12 }) }),
          fc.record({ choices: fc.array(fc.integer({ min: -1, max: 6 }), { maxLength: 6 }) }),
          fc.record({ value: fc.integer({ min: -1, max: 12 }) }),
          fc.record({
            rows: fc.array(fc.option(fc.integer({ min: -1, max: 4 })), { maxLength: 4 }),
          }),
          fc.record({ order: fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 5 }) }),
        ),
        async (qid, answer) => {
          const before = await counts();
          const answers = { ...GOOD_ANSWERS, [qid]: answer };
          const res = await app.inject({
            method: 'POST',
            url: `/api/surveys/${surveyId}/responses`,
            headers: { cookie: c.staff },
            payload: { answers },
          });
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode === 200) {
            // Accepted: a valid variant. Let the next runs try again as someone who has not answered.
            await database.db.deleteFrom('survey_answers').execute();
            await database.db.deleteFrom('survey_responses').execute();
            await database.db
              .updateTable('survey_participants')
              .set({ answered: 0 })
              .where('survey_id', '=', surveyId)
              .execute();
            return;
          }
          expect(res.json().error.code).toMatch(/^(SURVEY_ANSWER_INVALID|VALIDATION_FAILED)$/);
          expect(await counts()).toEqual(before);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('refuses mutated survey inputs with a clear code', async () => {
    const valid = {
      title: '问卷',
      description: '',
      anonymous: false,
      audience: { departmentIds: [], roles: [] },
      opensAt: null,
      closesAt: null,
      questions: QUESTIONS,
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(valid)),
        fc.jsonValue(),
        fc.integer({ min: 0, max: QUESTIONS.length - 1 }),
        fc.constantFrom('type', 'options', 'rows', 'showIf', 'scale', 'maxChoices', 'id'),
        fc.boolean(),
        async (field, value, qi, qField, inQuestion) => {
          const body = inQuestion
            ? {
                ...valid,
                questions: QUESTIONS.map((q, i) => (i === qi ? { ...q, [qField]: value } : q)),
              }
            : { ...valid, [field]: value };
          const res = await app.inject({
            method: 'POST',
            url: '/api/surveys',
            headers: { cookie: c.office },
            payload: body,
          });
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode !== 200) expect(res.json().error.code).toMatch(/^[A-Z_]+$/);
        },
      ),
      { numRuns: 80 },
    );
  });
});
