import { sql } from 'kysely';
import { types, withId, type LianxinMigration } from './helpers.js';

/**
 * A roster import started from the command line has no account behind it (the system actor),
 * so `roster_imports.account_id` becomes nullable: null means "the system". SQLite cannot drop
 * NOT NULL in place, so the (young, unreferenced) table is rebuilt there.
 */
export const rosterImportsBySystem: LianxinMigration = {
  name: '20261128_0003_roster_imports_by_system',
  async up({ db, kind }) {
    if (kind === 'postgres') {
      await sql`alter table roster_imports alter column account_id drop not null`.execute(db);
      return;
    }
    const t = types(kind);
    await withId(db.schema.createTable('roster_imports_new'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('account_id', 'integer', (c) => c.references('accounts.id'))
      .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('dry_run', 'integer', (c) => c.notNull())
      .addColumn('deactivate_missing', 'integer', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) =>
        c.notNull().check(sql`status in ('running', 'succeeded', 'rejected', 'failed')`),
      )
      .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('deactivated_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('departments_created', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('problems', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('error_code', 'varchar(40)')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('finished_at', t.timestamp)
      .execute();
    await sql`insert into roster_imports_new select * from roster_imports`.execute(db);
    await db.schema.dropTable('roster_imports').execute();
    await db.schema.alterTable('roster_imports_new').renameTo('roster_imports').execute();
    await db.schema
      .createIndex('roster_imports_unit')
      .on('roster_imports')
      .columns(['unit_id', 'created_at'])
      .execute();
  },
};
