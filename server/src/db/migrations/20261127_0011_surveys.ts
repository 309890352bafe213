import { sql } from 'kysely';
import { types, withId, type LianxinMigration } from './helpers.js';

const DATE = 'varchar(10)';

/**
 * Surveys (mechanisms.md §3; design in docs/surveys-design.md). Anonymity: for an anonymous
 * survey, `survey_participants` (who has answered, for one answer each and for reminders) and
 * `survey_responses` / `survey_answers` (what was answered) share no id and no time finer than
 * nothing at all: a participant row carries no time, a response carries only its date, and the
 * answer tables are keyed by a random response id (WITHOUT ROWID on SQLite, so not even the
 * physical order follows the order of answering).
 */
export const surveys: LianxinMigration = {
  name: '20261127_0011_surveys',
  async up({ db, kind }) {
    const t = types(kind);
    await withId(db.schema.createTable('surveys'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('title', 'varchar(200)', (c) =>
        c.notNull().check(sql`length(title) between 1 and 200`),
      )
      .addColumn('description', 'varchar(5000)', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'varchar(10)', (c) =>
        c
          .notNull()
          .defaultTo('draft')
          .check(sql`status in ('draft', 'open', 'closed')`),
      )
      .addColumn('anonymous', 'integer', (c) => c.notNull().check(sql`anonymous in (0, 1)`))
      // {"departmentIds": number[], "roles": string[]}; empty lists mean everyone in the unit.
      .addColumn('audience', 'text', (c) => c.notNull())
      // The questions, as a JSON array (server/src/modules/surveys/questions.ts).
      .addColumn('questions', 'text', (c) => c.notNull())
      .addColumn('locked', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`locked in (0, 1)`),
      )
      .addColumn('opens_at', t.timestamp)
      .addColumn('closes_at', t.timestamp)
      // The department that owns it (a department head's survey), null for the office's.
      .addColumn('owner_department_id', 'integer', (c) => c.references('departments.id'))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('response_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('closed_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('surveys_unit_status')
      .on('surveys')
      .columns(['unit_id', 'status'])
      .execute();

    // The audience, fixed when the survey opens: the denominators of the response rate and the
    // people reminded. `answered` is the only trace of answering: no time, no response id.
    await db.schema
      .createTable('survey_participants')
      .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
      .addColumn('role', 'varchar(20)', (c) => c.notNull())
      .addColumn('answered', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`answered in (0, 1)`),
      )
      .addColumn('reminded_on', DATE)
      // sha256 of the submission's Idempotency-Key (a retry after a lost answer is answered ok).
      // On this row, not on the response: it names the person, never what they answered.
      .addColumn('idempotency_hash', 'varchar(64)')
      .addPrimaryKeyConstraint('survey_participants_pk', ['survey_id', 'account_id'])
      .execute();

    // Saved-but-not-submitted answers ("save and continue later"), the person's own; deleted
    // in the transaction that submits.
    await db.schema
      .createTable('survey_drafts')
      .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('answers', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('survey_drafts_pk', ['survey_id', 'account_id'])
      .execute();

    const withoutRowid = <T extends { modifyEnd(s: ReturnType<typeof sql>): T }>(b: T) =>
      kind === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b;

    // One submitted response. account_id only for named surveys; the group (department at the
    // time of answering, primary role) is what the cross tabs break down by, under the k rule.
    await withoutRowid(
      db.schema
        .createTable('survey_responses')
        .addColumn('id', 'varchar(22)', (c) => c.primaryKey())
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
        .addColumn('account_id', 'integer', (c) => c.references('accounts.id'))
        .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
        .addColumn('role', 'varchar(20)')
        .addColumn('submitted_on', DATE, (c) => c.notNull()),
    ).execute();
    await db.schema
      .createIndex('survey_responses_survey')
      .on('survey_responses')
      .columns(['survey_id', 'department_id'])
      .execute();
    await db.schema
      .createIndex('survey_responses_named')
      .on('survey_responses')
      .columns(['survey_id', 'account_id'])
      .unique()
      .where(sql.ref('account_id'), 'is not', null)
      .execute();

    // One row per chosen option, matrix row, ranked option, value or text:
    //   single/multiple: option_index;  scale/nps: value_num;  text: value_text;
    //   matrix: row_index + option_index (the column);  ranking: option_index + row_index (its rank, 0 first).
    await withoutRowid(
      db.schema
        .createTable('survey_answers')
        .addColumn('response_id', 'varchar(22)', (c) =>
          c.notNull().references('survey_responses.id'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('unit_id', 'integer', (c) => c.notNull())
        .addColumn('survey_id', 'integer', (c) => c.notNull())
        .addColumn('question_id', 'varchar(20)', (c) => c.notNull())
        .addColumn('option_index', 'integer')
        .addColumn('row_index', 'integer')
        .addColumn('value_num', 'integer')
        .addColumn('value_text', 'varchar(5000)')
        .addPrimaryKeyConstraint('survey_answers_pk', ['response_id', 'seq']),
    ).execute();
  },
};
