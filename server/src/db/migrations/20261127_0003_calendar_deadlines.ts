import { sql } from 'kysely';
import { types, withId, type LianxinMigration } from './helpers.js';

const DATE = 'varchar(10)';
const isoDate = (col: string) => sql.raw<boolean>(`${col} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`);
const isoDateLite = (col: string) =>
  sql.raw<boolean>(`${col} glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`);

/** The working-day calendar (per unit) and deadlines with their reminders. */
export const calendarDeadlines: LianxinMigration = {
  name: '20261127_0003_calendar_deadlines',
  async up({ db, kind }) {
    const t = types(kind);
    const dateCheck = (col: string) => (kind === 'postgres' ? isoDate(col) : isoDateLite(col));

    // One row per unit and seeded year: the years the calendar covers.
    await withId(db.schema.createTable('calendar_years'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 2100`))
      // 1 when the package had the State Council's arrangement for that year when seeded.
      .addColumn('statutory', 'integer', (c) => c.notNull().check(sql`statutory in (0, 1)`))
      .addColumn('seeded_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('calendar_years_unit_year_unique', ['unit_id', 'year'])
      .execute();

    // Only days that differ from "Monday–Friday work": statutory holidays and make-up working
    // days as seeded, and the office's own changes on top (override_kind wins).
    await withId(db.schema.createTable('calendar_days'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('date', DATE, (c) => c.notNull().check(dateCheck('date')))
      .addColumn('statutory_kind', 'varchar(8)', (c) =>
        c.check(sql`statutory_kind in ('holiday', 'workday')`),
      )
      .addColumn('statutory_name', 'varchar(50)')
      .addColumn('override_kind', 'varchar(8)', (c) =>
        c.check(sql`override_kind in ('holiday', 'workday')`),
      )
      .addColumn('override_reason', 'varchar(200)')
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('calendar_days_unit_date_unique', ['unit_id', 'date'])
      .addCheckConstraint(
        'calendar_days_not_empty',
        sql`statutory_kind is not null or override_kind is not null`,
      )
      .addCheckConstraint(
        'calendar_days_override_reason',
        sql`(override_kind is null) = (override_reason is null)`,
      )
      .execute();

    await withId(db.schema.createTable('deadlines'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('subject_type', 'varchar(64)', (c) => c.notNull())
      .addColumn('subject_id', 'varchar(64)', (c) => c.notNull())
      // Which limit of the subject this is (e.g. 'sign', 'reply'); '' when it has one.
      .addColumn('step', 'varchar(32)', (c) => c.notNull().defaultTo(''))
      .addColumn('title', 'varchar(200)', (c) => c.notNull())
      .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
      .addColumn('leader_account_id', 'integer', (c) => c.references('accounts.id'))
      .addColumn('start_date', DATE, (c) => c.notNull().check(dateCheck('start_date')))
      .addColumn('working_days', 'integer', (c) =>
        c.notNull().check(sql`working_days between 0 and 366`),
      )
      .addColumn('original_due_date', DATE, (c) =>
        c.notNull().check(dateCheck('original_due_date')),
      )
      .addColumn('due_date', DATE, (c) => c.notNull().check(dateCheck('due_date')))
      .addColumn('status', 'varchar(10)', (c) =>
        c
          .notNull()
          .defaultTo('open')
          .check(sql`status in ('open', 'done', 'cancelled')`),
      )
      .addColumn('closed_at', t.timestamp)
      .addColumn('extension_max_days', 'integer', (c) =>
        c.notNull().check(sql`extension_max_days between 0 and 60`),
      )
      .addColumn('extension_status', 'varchar(10)', (c) =>
        c.check(sql`extension_status in ('requested', 'approved', 'refused')`),
      )
      .addColumn('extension_days', 'integer')
      .addColumn('extension_reason', 'varchar(500)')
      .addColumn('extension_requested_by', 'integer', (c) => c.references('accounts.id'))
      .addColumn('extension_requested_at', t.timestamp)
      .addColumn('extension_decided_by', 'integer', (c) => c.references('accounts.id'))
      .addColumn('extension_decided_at', t.timestamp)
      .addColumn('extension_note', 'varchar(500)')
      .addColumn('reminder_sent_on', DATE)
      .addColumn('escalated_on', DATE)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addCheckConstraint('deadlines_due_after_start', sql`due_date >= start_date`)
      .addCheckConstraint(
        'deadlines_extension_complete',
        sql`(extension_status is null) = (extension_days is null and extension_reason is null)`,
      )
      .addCheckConstraint(
        'deadlines_extension_days',
        sql`extension_days is null or (extension_days >= 1 and extension_days <= extension_max_days)`,
      )
      .addCheckConstraint(
        'deadlines_escalated_after_reminder',
        sql`escalated_on is null or reminder_sent_on is not null`,
      )
      .execute();
    await db.schema
      .createIndex('deadlines_unit_status_due')
      .on('deadlines')
      .columns(['unit_id', 'status', 'due_date'])
      .execute();
    // One open deadline per subject and step.
    await db.schema
      .createIndex('deadlines_one_open_per_subject_step')
      .on('deadlines')
      .columns(['unit_id', 'subject_type', 'subject_id', 'step'])
      .unique()
      .where(sql.ref('status'), '=', 'open')
      .execute();

    // The scheduler's "last run date" per unit, so a restart does not repeat a day.
    await db.schema
      .createTable('deadline_job_runs')
      .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id'))
      .addColumn('last_run_on', DATE, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
  },
};
