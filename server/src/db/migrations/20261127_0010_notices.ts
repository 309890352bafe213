import { sql } from 'kysely';
import { types, withId, type LianxinMigration } from './helpers.js';

const DATE = 'varchar(10)';

/** The version snapshots (notice_versions and their items and attachments) are append-only. */
const SNAPSHOTS = ['notice_versions', 'notice_version_items', 'notice_version_attachments'];

/** Public notices and objections (docs/notices-design.md). */
export const notices: LianxinMigration = {
  name: '20261127_0010_notices',
  async up({ db, kind }) {
    const t = types(kind);

    await withId(db.schema.createTable('notices'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('type', 'varchar(16)', (c) =>
        c
          .notNull()
          .check(
            sql`type in ('pay', 'title', 'appointment', 'award', 'bidding', 'hardship', 'decision', 'other')`,
          ),
      )
      .addColumn('title', 'varchar(200)', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'varchar(12)', (c) =>
        c
          .notNull()
          .defaultTo('draft')
          .check(sql`status in ('draft', 'in_review', 'scheduled', 'published', 'closed')`),
      )
      .addColumn('sensitive', 'integer', (c) => c.notNull().check(sql`sensitive in (0, 1)`))
      .addColumn('anonymous_objections', 'integer', (c) =>
        c.notNull().check(sql`anonymous_objections in (0, 1)`),
      )
      .addColumn('period_days', 'integer', (c) =>
        c.notNull().check(sql`period_days between 1 and 60`),
      )
      .addColumn('whole_unit', 'integer', (c) => c.notNull().check(sql`whole_unit in (0, 1)`))
      .addColumn('starts_on', DATE)
      .addColumn('ends_on', DATE)
      .addColumn('publish_at', t.timestamp)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'integer', (c) => c.references('accounts.id'))
      .addColumn('submitted_by', 'integer', (c) => c.references('accounts.id'))
      .addColumn('reviewed_by', 'integer', (c) => c.references('accounts.id'))
      .addColumn('review_comment', 'varchar(2000)')
      .addColumn('result', 'varchar(20)', (c) =>
        c.check(sql`result in ('no_objection', 'objections_handled')`),
      )
      .addColumn('result_note', 'varchar(2000)')
      .addColumn('published_at', t.timestamp)
      .addColumn('closed_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addCheckConstraint(
        'notices_period_order',
        sql`starts_on is null or ends_on is null or starts_on <= ends_on`,
      )
      .execute();
    await db.schema
      .createIndex('notices_unit_status')
      .on('notices')
      .columns(['unit_id', 'status', 'starts_on'])
      .execute();

    await db.schema
      .createTable('notice_departments')
      .addColumn('notice_id', 'integer', (c) => c.notNull().references('notices.id'))
      .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
      .addPrimaryKeyConstraint('notice_departments_pk', ['notice_id', 'department_id'])
      .execute();

    // The notice's current items (ids stable across versions): replaced freely in a draft; once
    // published they change only by a correction or a finding, each a new version snapshot.
    await withId(db.schema.createTable('notice_items'), kind)
      .addColumn('notice_id', 'integer', (c) => c.notNull().references('notices.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('detail', 'varchar(2000)', (c) => c.notNull())
      .addColumn('status', 'varchar(10)', (c) =>
        c
          .notNull()
          .defaultTo('active')
          .check(sql`status in ('active', 'withdrawn', 'corrected')`),
      )
      .addColumn('note', 'varchar(2000)')
      .execute();
    await db.schema
      .createIndex('notice_items_notice')
      .on('notice_items')
      .columns(['notice_id', 'seq'])
      .execute();

    // The notice's current attachment list (the files themselves are in `attachments`).
    await db.schema
      .createTable('notice_attachments')
      .addColumn('notice_id', 'integer', (c) => c.notNull().references('notices.id'))
      .addColumn('attachment_id', 'varchar(22)', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('notice_attachments_pk', ['notice_id', 'attachment_id'])
      .execute();

    // ---- tamper-evident snapshots of each published version ----
    await withId(db.schema.createTable('notice_versions'), kind)
      .addColumn('notice_id', 'integer', (c) => c.notNull().references('notices.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('type', 'varchar(16)', (c) => c.notNull())
      .addColumn('title', 'varchar(200)', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('period_starts_on', DATE, (c) => c.notNull())
      .addColumn('period_ends_on', DATE, (c) => c.notNull())
      .addColumn('reason', 'varchar(2000)')
      .addColumn('published_at', t.timestamp, (c) => c.notNull())
      .addColumn('published_by', 'integer', (c) => c.references('accounts.id'))
      .addColumn('canonical', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'varchar(64)', (c) => c.notNull())
      .addUniqueConstraint('notice_versions_unique', ['notice_id', 'version'])
      .execute();

    await db.schema
      .createTable('notice_version_items')
      .addColumn('version_id', 'integer', (c) => c.notNull().references('notice_versions.id'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('notice_items.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('detail', 'varchar(2000)', (c) => c.notNull())
      .addColumn('status', 'varchar(10)', (c) => c.notNull())
      .addColumn('note', 'varchar(2000)')
      .addPrimaryKeyConstraint('notice_version_items_pk', ['version_id', 'item_id'])
      .execute();

    await db.schema
      .createTable('notice_version_attachments')
      .addColumn('version_id', 'integer', (c) => c.notNull().references('notice_versions.id'))
      .addColumn('attachment_id', 'varchar(22)', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('notice_version_attachments_pk', ['version_id', 'attachment_id'])
      .execute();

    // Append-only, like the audit log: the database refuses to change or delete a snapshot.
    if (kind === 'sqlite') {
      for (const table of SNAPSHOTS) {
        await sql`${sql.raw(`create trigger ${table}_no_update before update on ${table}
          begin select raise(abort, '${table} is append-only'); end`)}`.execute(db);
        await sql`${sql.raw(`create trigger ${table}_no_delete before delete on ${table}
          begin select raise(abort, '${table} is append-only'); end`)}`.execute(db);
      }
    } else {
      await sql`create function notice_snapshot_append_only() returns trigger language plpgsql as $$
        begin raise exception '% is append-only', TG_TABLE_NAME; end $$`.execute(db);
      for (const table of SNAPSHOTS) {
        await sql`${sql.raw(`create trigger ${table}_no_change before update or delete on ${table}
          for each row execute function notice_snapshot_append_only()`)}`.execute(db);
        await sql`${sql.raw(`create trigger ${table}_no_truncate before truncate on ${table}
          for each statement execute function notice_snapshot_append_only()`)}`.execute(db);
      }
    }

    await db.schema
      .createTable('notice_reads')
      .addColumn('notice_id', 'integer', (c) => c.notNull().references('notices.id'))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
      .addColumn('read_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('notice_reads_pk', ['notice_id', 'account_id'])
      .execute();
    await db.schema
      .createIndex('notice_reads_account')
      .on('notice_reads')
      .column('account_id')
      .execute();

    await db.schema
      .createTable('notice_objections')
      .addColumn('id', 'varchar(22)', (c) => c.primaryKey())
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('notice_id', 'integer', (c) => c.notNull().references('notices.id'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('notice_items.id'))
      .addColumn('reasons', 'varchar(5000)', (c) => c.notNull())
      .addColumn('anonymous', 'integer', (c) => c.notNull().check(sql`anonymous in (0, 1)`))
      .addColumn('objector_account_id', 'integer', (c) => c.references('accounts.id'))
      .addColumn('receipt_hash', 'varchar(128)')
      .addColumn('submitted_on', DATE, (c) => c.notNull())
      // Named objections only; NULL for anonymous ones (only the date is kept).
      .addColumn('created_at', t.timestamp)
      // Whether the issue-pool entry and the finding deadline exist yet (anonymous ones are
      // registered in the next day's batch, so that nothing records their hour).
      .addColumn('registered', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'varchar(8)', (c) =>
        c
          .notNull()
          .defaultTo('open')
          .check(sql`status in ('open', 'found')`),
      )
      .addColumn('finding', 'varchar(16)', (c) =>
        c.check(sql`finding in ('upheld', 'partly_upheld', 'not_upheld')`),
      )
      .addColumn('explanation', 'varchar(5000)')
      .addColumn('item_action', 'varchar(10)')
      .addColumn('due_on', DATE)
      .addColumn('found_on', DATE)
      .addColumn('found_by', 'integer', (c) => c.references('accounts.id'))
      .addCheckConstraint(
        'notice_objections_anonymous',
        sql`anonymous = 0 or (objector_account_id is null and created_at is null)`,
      )
      .addCheckConstraint(
        'notice_objections_named',
        sql`anonymous = 1 or objector_account_id is not null`,
      )
      .addUniqueConstraint('notice_objections_receipt_unique', ['unit_id', 'receipt_hash'])
      .execute();
    await db.schema
      .createIndex('notice_objections_notice')
      .on('notice_objections')
      .columns(['notice_id', 'status'])
      .execute();
    await db.schema
      .createIndex('notice_objections_objector')
      .on('notice_objections')
      .column('objector_account_id')
      .execute();

    await db.schema
      .createTable('notice_objection_idempotency')
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('key_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('objection_id', 'varchar(22)', (c) =>
        c.notNull().references('notice_objections.id'),
      )
      .addPrimaryKeyConstraint('notice_objection_idempotency_pk', ['unit_id', 'key_hash'])
      .execute();
  },
};
