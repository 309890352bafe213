import { sql } from 'kysely';
import { types, withId, type LianxinMigration } from './helpers.js';

/** The issue pool: every open matter from every channel, ranked. */
export const issuePool: LianxinMigration = {
  name: '20261127_0007_issue_pool',
  async up({ db, kind }) {
    const t = types(kind);
    await withId(db.schema.createTable('pool_entries'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      // Where the matter came from: 'opinion', 'objection', 'motion', … or 'manual'.
      .addColumn('source_kind', 'varchar(40)', (c) => c.notNull())
      .addColumn('source_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('title', 'varchar(200)', (c) => c.notNull())
      .addColumn('category', 'varchar(50)')
      .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
      .addColumn('people_affected', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`people_affected >= 1`),
      )
      .addColumn('me_too_count', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`me_too_count >= 0`),
      )
      .addColumn('repeat_count', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`repeat_count >= 0`),
      )
      .addColumn('urgency', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(3)
          .check(sql`urgency between 1 and 5`),
      )
      .addColumn('feasibility', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(3)
          .check(sql`feasibility between 1 and 5`),
      )
      .addColumn('status', 'varchar(16)', (c) =>
        c
          .notNull()
          .defaultTo('open')
          .check(sql`status in ('open', 'scheduled', 'in_progress', 'resolved', 'closed')`),
      )
      .addColumn('score', 'real', (c) => c.notNull().defaultTo(0))
      .addColumn('opened_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('closed_at', t.timestamp)
      .addUniqueConstraint('pool_entries_source_unique', ['unit_id', 'source_kind', 'source_id'])
      .execute();
    await db.schema
      .createIndex('pool_entries_rank')
      .on('pool_entries')
      .columns(['unit_id', 'status', 'score'])
      .execute();
  },
};
