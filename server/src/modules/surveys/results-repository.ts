import { sql } from 'kysely';
import type { Queryable } from '../../db/database.js';

/**
 * The reads behind survey results (results.ts): GROUP BY aggregates over survey_answers, one
 * survey at a time, read-only. Answer rows (migration 20261127_0011_surveys):
 *   single/multiple: option_index;  scale/nps: value_num;  text: value_text;
 *   matrix: row_index + option_index;  ranking: option_index + row_index (its rank, 0 first).
 */

/** One group of the answer rows of a survey: a question and one (option, row, value). */
export interface AnswerCountRow {
  questionId: string;
  optionIndex: number | null;
  rowIndex: number | null;
  valueNum: number | null;
  count: number;
}

/**
 * Every answer of a survey counted by question, option, row and value: ONE query for the whole
 * survey (text rows fall into one group per question: their number of answers).
 */
export async function answerCounts(db: Queryable, surveyId: number): Promise<AnswerCountRow[]> {
  const rows = await db
    .selectFrom('survey_answers')
    .select([
      'question_id',
      'option_index',
      'row_index',
      'value_num',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('survey_id', '=', surveyId)
    .groupBy(['question_id', 'option_index', 'row_index', 'value_num'])
    .execute();
  return rows.map((r) => ({
    questionId: r.question_id,
    optionIndex: r.option_index,
    rowIndex: r.row_index,
    valueNum: r.value_num,
    count: Number(r.n),
  }));
}

/**
 * Responses that answered each of these questions (those with several rows per response:
 * multiple choice and matrix), one statement.
 */
export async function respondentsPerQuestion(
  db: Queryable,
  surveyId: number,
  questionIds: string[],
): Promise<Map<string, number>> {
  if (!questionIds.length) return new Map();
  // One statement, a UNION ALL of one branch per question: each branch walks the index
  // (survey_id, question_id, response_id) in order and groups without sorting or hashing (an
  // IN list over question_id would lose that order on PostgreSQL 15). Question ids match
  // /^[A-Za-z0-9_-]{1,20}$/ (questions.ts), so they are safe as literals.
  const branch = (questionId: string) =>
    db
      .selectFrom(
        db
          .selectFrom('survey_answers')
          .select('response_id')
          .where('survey_id', '=', surveyId)
          .where('question_id', '=', questionId)
          .groupBy('response_id')
          .as('t'),
      )
      .select([
        sql<string>`cast(${sql.lit(questionId)} as varchar(20))`.as('question_id'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ]);
  const [first, ...rest] = questionIds.filter((id) => /^[A-Za-z0-9_-]{1,20}$/.test(id));
  if (first === undefined) return new Map();
  let query = branch(first);
  for (const id of rest) query = query.unionAll(branch(id));
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.question_id, Number(r.n)]));
}

/**
 * The free-text answers of these questions, at most `limit` per question, in the order of the
 * random response ids (nothing follows the order of answering); empty answers left out.
 */
export async function textAnswers(
  db: Queryable,
  surveyId: number,
  questionIds: string[],
  limit: number,
  submittedBetween?: { from: string; to: string },
): Promise<Array<{ questionId: string; text: string }>> {
  if (!questionIds.length) return [];
  const out: Array<{ questionId: string; text: string }> = [];
  // One query per text question: its first `limit` answers in the order of the response ids.
  for (const questionId of questionIds) {
    const rows = await db
      .selectFrom('survey_answers')
      .select(['value_text'])
      .where('survey_id', '=', surveyId)
      .where('question_id', '=', questionId)
      // Every row of a text question is a text (blank answers are not stored); no filter on
      // value_text, so that the planner walks the index in order and stops at the limit.
      .$if(submittedBetween !== undefined, (q) =>
        q.where('response_id', 'in', (eb) =>
          eb
            .selectFrom('survey_responses')
            .select('id')
            .where('survey_id', '=', surveyId)
            .where('submitted_on', '>=', submittedBetween!.from)
            .where('submitted_on', '<=', submittedBetween!.to),
        ),
      )
      .orderBy('response_id')
      .orderBy('seq')
      .limit(limit)
      .execute();
    for (const r of rows) if (r.value_text) out.push({ questionId, text: r.value_text });
  }
  return out;
}

/** The audience snapshot by department: invited and answered (survey_participants). */
export async function participantsByDepartment(
  db: Queryable,
  surveyId: number,
): Promise<Array<{ departmentId: number; name: string; invited: number; answered: number }>> {
  // Counted by department first, then named: one join per department, not per person.
  const counted = db
    .selectFrom('survey_participants')
    .select([
      'department_id',
      (eb) => eb.fn.countAll<number>().as('invited'),
      (eb) => eb.fn.sum<number>('answered').as('answered'),
    ])
    .where('survey_id', '=', surveyId)
    .groupBy('department_id');
  const rows = await db
    .selectFrom(counted.as('p'))
    .innerJoin('departments as d', 'd.id', 'p.department_id')
    .select(['p.department_id', 'd.name', 'p.invited', 'p.answered'])
    .orderBy('d.name')
    .orderBy('p.department_id')
    .execute();
  return rows.map((r) => ({
    departmentId: r.department_id,
    name: r.name,
    invited: Number(r.invited),
    answered: Number(r.answered ?? 0),
  }));
}

/** The group a response is broken down by: its department (id) or its role (code). */
export type BreakdownBy = 'department' | 'role';

/**
 * One question's answers counted by group (department or role of the response) and by option
 * (choice questions) or value (scale, nps); `respondents` the responses per group that answered
 * the question (counted distinct when `distinctRespondents`: a multiple choice has a row per
 * chosen option; otherwise the sum of the group's rows).
 */
export async function crossTabCounts(
  db: Queryable,
  surveyId: number,
  questionId: string,
  by: BreakdownBy,
  distinctRespondents: boolean,
): Promise<{
  cells: Array<{
    group: string | null;
    optionIndex: number | null;
    valueNum: number | null;
    count: number;
  }>;
  respondents: Array<{ group: string | null; count: number }>;
}> {
  const groupCol =
    by === 'department' ? sql<string | null>`r.department_id` : sql<string | null>`r.role`;
  const base = db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
    .where('a.survey_id', '=', surveyId)
    .where('a.question_id', '=', questionId);
  const cells = await base
    .select([
      groupCol.as('grp'),
      'a.option_index',
      'a.value_num',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy([groupCol, 'a.option_index', 'a.value_num'])
    .execute();
  // One row per response (single choice, scale, nps): a group's respondents are its rows.
  const respondents = distinctRespondents
    ? await base
        .select([
          groupCol.as('grp'),
          (eb) => eb.fn.count<number>('a.response_id').distinct().as('n'),
        ])
        .groupBy(groupCol)
        .execute()
    : [
        ...cells
          .reduce(
            (m, c) => m.set(c.grp, (m.get(c.grp) ?? 0) + Number(c.n)),
            new Map<string | null, number>(),
          )
          .entries(),
      ].map(([grp, n]) => ({ grp, n }));
  const key = (g: unknown) => (g === null || g === undefined ? null : String(g));
  return {
    cells: cells.map((c) => ({
      group: key(c.grp),
      optionIndex: c.option_index,
      valueNum: c.value_num,
      count: Number(c.n),
    })),
    respondents: respondents.map((c) => ({ group: key(c.grp), count: Number(c.n) })),
  };
}

/** The unit's department names by id (one lookup for every module: core/org). */
export { departmentNames } from '../../core/org/repository.js';
