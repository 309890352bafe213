import { sql } from 'kysely';
import { types, withId, type LianxinMigration } from './helpers.js';

const DATE = 'varchar(10)';

/** The opinion box (docs/opinions-design.md). */
export const opinions: LianxinMigration = {
  name: '20261127_0008_opinions',
  async up({ db, kind }) {
    const t = types(kind);
    await db.schema
      .createTable('opinion_unit_keys')
      .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id'))
      .addColumn('salt', 'varchar(64)', (c) => c.notNull())
      .addColumn('secret', 'varchar(128)', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('opinions')
      // Random 22-character base62 id for every opinion (no creation order).
      .addColumn('id', 'varchar(22)', (c) => c.primaryKey())
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('kind', 'varchar(16)', (c) =>
        c
          .notNull()
          .check(sql`kind in ('opinion', 'suggestion', 'request', 'complaint', 'enquiry')`),
      )
      .addColumn('category', 'varchar(50)')
      .addColumn('title', 'varchar(100)', (c) =>
        c.notNull().check(sql`length(title) between 1 and 100`),
      )
      .addColumn('content', 'varchar(5000)', (c) =>
        c.notNull().check(sql`length(content) between 1 and 5000`),
      )
      .addColumn('target_department_id', 'integer', (c) => c.references('departments.id'))
      .addColumn('anonymous', 'integer', (c) => c.notNull().check(sql`anonymous in (0, 1)`))
      .addColumn('submitter_account_id', 'integer', (c) => c.references('accounts.id'))
      .addColumn('receipt_hash', 'varchar(128)')
      .addColumn('consent_publish', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`consent_publish in (0, 1)`),
      )
      .addColumn('status', 'varchar(12)', (c) =>
        c
          .notNull()
          .defaultTo('submitted')
          .check(
            sql`status in ('submitted', 'accepted', 'dispatched', 'signed', 'replied', 'closed', 'merged')`,
          ),
      )
      .addColumn('lead_department_id', 'integer', (c) => c.references('departments.id'))
      .addColumn('not_accepted_reason', 'varchar(2000)')
      .addColumn('suggested_channel', 'varchar(200)')
      .addColumn('redo_used', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`redo_used in (0, 1)`),
      )
      .addColumn('bounce_count', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`bounce_count >= 0`),
      )
      .addColumn('satisfaction', 'varchar(12)', (c) =>
        c.check(sql`satisfaction in ('satisfied', 'basically', 'dissatisfied')`),
      )
      .addColumn('solved', 'varchar(12)', (c) =>
        c.check(sql`solved in ('solved', 'partly', 'not_solved')`),
      )
      .addColumn('rating_comment', 'varchar(2000)')
      .addColumn('close_reason', 'varchar(12)', (c) =>
        c.check(sql`close_reason in ('rated', 'not_rated', 'not_accepted', 'merged')`),
      )
      .addColumn('merged_into_id', 'varchar(22)', (c) => c.references('opinions.id'))
      .addColumn('published', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`published in (0, 1)`),
      )
      .addColumn('public_title', 'varchar(100)')
      .addColumn('public_content', 'varchar(5000)')
      .addColumn('public_reply', 'varchar(5000)')
      .addColumn('me_too_count', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`me_too_count >= 0`),
      )
      .addColumn('submitted_on', DATE, (c) => c.notNull())
      // Only for named items; NULL for anonymous (only the date is kept).
      .addColumn('created_at', t.timestamp)
      .addColumn('updated_at', t.timestamp)
      .addColumn('accepted_on', DATE)
      .addColumn('replied_on', DATE)
      .addColumn('closed_on', DATE)
      .addCheckConstraint(
        'opinions_anonymous_no_submitter',
        sql`anonymous = 0 or (submitter_account_id is null and created_at is null)`,
      )
      .addCheckConstraint(
        'opinions_named_submitter',
        sql`anonymous = 1 or submitter_account_id is not null`,
      )
      .addCheckConstraint('opinions_publish_consent', sql`published = 0 or consent_publish = 1`)
      .addUniqueConstraint('opinions_receipt_unique', ['unit_id', 'receipt_hash'])
      .execute();
    await db.schema
      .createIndex('opinions_inbox')
      .on('opinions')
      .columns(['unit_id', 'status', 'submitted_on'])
      .execute();
    await db.schema
      .createIndex('opinions_submitter')
      .on('opinions')
      .columns(['submitter_account_id'])
      .execute();
    await db.schema
      .createIndex('opinions_wall')
      .on('opinions')
      .columns(['unit_id', 'published'])
      .execute();

    await withId(db.schema.createTable('opinion_departments'), kind)
      .addColumn('opinion_id', 'varchar(22)', (c) => c.notNull().references('opinions.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
      .addColumn('role', 'varchar(4)', (c) => c.notNull().check(sql`role in ('lead', 'co')`))
      .addColumn('status', 'varchar(10)', (c) =>
        c.notNull().check(sql`status in ('dispatched', 'signed', 'bounced')`),
      )
      .addColumn('dispatched_on', DATE, (c) => c.notNull())
      .addColumn('signed_on', DATE)
      .addColumn('bounce_reason', 'varchar(2000)')
      .addUniqueConstraint('opinion_departments_unique', ['opinion_id', 'department_id'])
      .execute();
    await db.schema
      .createIndex('opinion_departments_department')
      .on('opinion_departments')
      .columns(['department_id', 'status'])
      .execute();

    await withId(db.schema.createTable('opinion_events'), kind)
      .addColumn('opinion_id', 'varchar(22)', (c) => c.notNull().references('opinions.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('type', 'varchar(20)', (c) =>
        c
          .notNull()
          .check(
            sql`type in ('accepted', 'not_accepted', 'dispatched', 'signed', 'bounced', 'question', 'answer', 'reply', 'extension_requested', 'extension_decided', 'rated', 'redo', 'closed', 'merged', 'published')`,
          ),
      )
      .addColumn('author', 'varchar(10)', (c) =>
        c.notNull().check(sql`author in ('office', 'department', 'submitter', 'system')`),
      )
      .addColumn('author_account_id', 'integer', (c) => c.references('accounts.id'))
      .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
      .addColumn('body', 'text')
      .addColumn('visible_to_submitter', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`visible_to_submitter in (0, 1)`),
      )
      .addColumn('on', DATE, (c) => c.notNull())
      .addColumn('at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('opinion_events_opinion')
      .on('opinion_events')
      .columns(['opinion_id', 'id'])
      .execute();

    await db.schema
      .createTable('opinion_me_too')
      .addColumn('opinion_id', 'varchar(22)', (c) => c.notNull().references('opinions.id'))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addPrimaryKeyConstraint('opinion_me_too_pk', ['opinion_id', 'account_id'])
      .execute();

    await db.schema
      .createTable('opinion_idempotency')
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('key_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('opinion_id', 'varchar(22)', (c) => c.notNull().references('opinions.id'))
      .addPrimaryKeyConstraint('opinion_idempotency_pk', ['unit_id', 'key_hash'])
      .execute();
  },
};
