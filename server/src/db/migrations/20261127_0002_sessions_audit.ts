import { sql } from 'kysely';
import { types, withId, type LianxinMigration } from './helpers.js';

/** Server-side sessions, the one-time set-up link, the hash-chained audit trail, roster imports. */
export const sessionsAudit: LianxinMigration = {
  name: '20261127_0002_sessions_audit',
  async up({ db, kind }) {
    const t = types(kind);

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
      .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('device', 'varchar(100)', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('ended_at', t.timestamp)
      .execute();
    await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

    await withId(db.schema.createTable('setup_tokens'), kind)
      .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('used_at', t.timestamp)
      .execute();

    await withId(db.schema.createTable('audit_log'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('actor_account_id', 'integer')
      .addColumn('actor_label', 'varchar(120)', (c) => c.notNull())
      .addColumn('action', 'varchar(80)', (c) => c.notNull())
      .addColumn('target_type', 'varchar(40)')
      .addColumn('target_id', 'varchar(64)')
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('hash', 'varchar(64)', (c) => c.notNull())
      .addUniqueConstraint('audit_log_unit_seq_unique', ['unit_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('audit_log_at')
      .on('audit_log')
      .columns(['unit_id', 'at'])
      .execute();
    await db.schema
      .createIndex('audit_log_actor')
      .on('audit_log')
      .columns(['unit_id', 'actor_account_id'])
      .execute();
    await db.schema
      .createIndex('audit_log_action')
      .on('audit_log')
      .columns(['unit_id', 'action'])
      .execute();

    await db.schema
      .createTable('audit_heads')
      .addColumn('unit_id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'varchar(64)', (c) => c.notNull())
      .execute();

    // Append-only: the database itself refuses to change or delete an audit entry.
    if (kind === 'sqlite') {
      await sql`create trigger audit_log_no_update before update on audit_log
        begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
      await sql`create trigger audit_log_no_delete before delete on audit_log
        begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    } else {
      await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
        begin raise exception 'audit_log is append-only'; end $$`.execute(db);
      await sql`create trigger audit_log_no_change before update or delete on audit_log
        for each row execute function audit_log_append_only()`.execute(db);
      await sql`create trigger audit_log_no_truncate before truncate on audit_log
        for each statement execute function audit_log_append_only()`.execute(db);
    }

    await withId(db.schema.createTable('roster_imports'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      // null: started by the system (the command line), not by an account.
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
    await db.schema
      .createIndex('roster_imports_unit')
      .on('roster_imports')
      .columns(['unit_id', 'created_at'])
      .execute();
  },
};
