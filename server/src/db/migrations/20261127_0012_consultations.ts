import { sql } from 'kysely';
import { types, withId, type LianxinMigration } from './helpers.js';

const DATE = 'varchar(10)';

/** Draft consultation (docs/consultations-design.md). */
export const consultations: LianxinMigration = {
  name: '20261127_0012_consultations',
  async up({ db, kind }) {
    const t = types(kind);
    await withId(db.schema.createTable('consultations'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('title', 'varchar(200)', (c) =>
        c.notNull().check(sql`length(title) between 1 and 200`),
      )
      .addColumn('drafting_department_id', 'integer', (c) =>
        c.notNull().references('departments.id'),
      )
      .addColumn('audience', 'varchar(12)', (c) =>
        c.notNull().check(sql`audience in ('unit', 'departments')`),
      )
      .addColumn('source', 'varchar(8)', (c) => c.notNull().check(sql`source in ('text', 'docx')`))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'varchar(12)', (c) =>
        c
          .notNull()
          .defaultTo('open')
          .check(sql`status in ('open', 'closed', 'reported')`),
      )
      .addColumn('opens_on', DATE, (c) => c.notNull())
      .addColumn('closes_on', DATE, (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('closed_at', t.timestamp)
      .addColumn('reported_at', t.timestamp)
      .addCheckConstraint('consultations_dates', sql`opens_on <= closes_on`)
      .addCheckConstraint(
        'consultations_reported_closed',
        sql`status <> 'reported' or (closed_at is not null and reported_at is not null)`,
      )
      .execute();
    await db.schema
      .createIndex('consultations_unit_status')
      .on('consultations')
      .columns(['unit_id', 'status', 'closes_on'])
      .execute();

    await db.schema
      .createTable('consultation_audience')
      .addColumn('consultation_id', 'integer', (c) =>
        c.notNull().references('consultations.id').onDelete('cascade'),
      )
      .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
      .addPrimaryKeyConstraint('consultation_audience_pk', ['consultation_id', 'department_id'])
      .execute();

    await withId(db.schema.createTable('consultation_sections'), kind)
      .addColumn('consultation_id', 'integer', (c) =>
        c.notNull().references('consultations.id').onDelete('cascade'),
      )
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('kind', 'varchar(10)', (c) =>
        c.notNull().check(sql`kind in ('preamble', 'article', 'chapter', 'heading', 'whole')`),
      )
      .addColumn('label', 'varchar(40)', (c) => c.notNull())
      .addColumn('chapter', 'varchar(200)', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addUniqueConstraint('consultation_sections_seq', ['consultation_id', 'seq'])
      .execute();

    await db.schema
      .createTable('consultation_stances')
      .addColumn('section_id', 'integer', (c) =>
        c.notNull().references('consultation_sections.id').onDelete('cascade'),
      )
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
      .addColumn('stance', 'varchar(8)', (c) =>
        c.notNull().check(sql`stance in ('agree', 'disagree')`),
      )
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('consultation_stances_pk', ['section_id', 'account_id'])
      .execute();
    await db.schema
      .createIndex('consultation_stances_consultation')
      .on('consultation_stances')
      .columns(['consultation_id'])
      .execute();

    await withId(db.schema.createTable('consultation_comments'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
      .addColumn('section_id', 'integer', (c) => c.notNull().references('consultation_sections.id'))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('body', 'varchar(2000)', (c) =>
        c.notNull().check(sql`length(body) between 1 and 2000`),
      )
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('answer', 'varchar(12)', (c) =>
        c.check(sql`answer in ('adopted', 'partly', 'not_adopted')`),
      )
      .addColumn('answer_reason', 'varchar(2000)')
      .addColumn('answered_by', 'integer', (c) => c.references('accounts.id'))
      .addColumn('answered_at', t.timestamp)
      .addCheckConstraint(
        'consultation_comments_answered',
        sql`answer is null or (answered_by is not null and answered_at is not null)`,
      )
      .addCheckConstraint(
        'consultation_comments_reason',
        sql`answer is null or answer = 'adopted' or length(answer_reason) > 0`,
      )
      .execute();
    await db.schema
      .createIndex('consultation_comments_consultation')
      .on('consultation_comments')
      .columns(['consultation_id', 'section_id'])
      .execute();
    await db.schema
      .createIndex('consultation_comments_account')
      .on('consultation_comments')
      .columns(['account_id'])
      .execute();
  },
};
