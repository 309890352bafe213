import { sql } from 'kysely';
import type { LianxinMigration } from './helpers.js';

/**
 * The handling views of the opinion box: the inbox (page of 50 of 100,000, newest first by
 * accepted_on, else submitted_on) and the daily digest's once-a-day marker.
 */
export const opinionIndexes: LianxinMigration = {
  name: '20261127_0009_opinion_indexes',
  async up({ db }) {
    // Same expression as the inbox's ORDER BY, so both databases walk the index and stop at 50.
    await sql`create index opinions_inbox_order on opinions (unit_id, (coalesce(accepted_on, submitted_on)), id)`.execute(
      db,
    );
    await sql`create index opinions_inbox_status_order on opinions (unit_id, status, (coalesce(accepted_on, submitted_on)), id)`.execute(
      db,
    );
    await db.schema
      .createIndex('opinion_departments_opinion')
      .on('opinion_departments')
      .columns(['opinion_id', 'department_id', 'status'])
      .execute();
    await db.schema
      .createIndex('opinions_merged_into')
      .on('opinions')
      .columns(['merged_into_id'])
      .execute();
    await db.schema
      .createTable('opinion_digest_runs')
      .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id'))
      .addColumn('last_run_on', 'varchar(10)', (c) => c.notNull())
      .execute();
  },
};
