import { sql } from 'kysely';
import { types, withId, type LianxinMigration } from './helpers.js';

/** Attachments stored by SHA-256, and their links to records. */
export const files: LianxinMigration = {
  name: '20261127_0005_files',
  async up({ db, kind }) {
    const t = types(kind);

    // One row per distinct content per unit; the bytes live on disk under their hash.
    // created_at is the day only (midnight, Asia/Shanghai): a file may be an anonymous upload.
    await withId(db.schema.createTable('files'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('sha256', 'varchar(64)', (c) =>
        c.notNull().check(sql`length(sha256) = 64 and sha256 = lower(sha256)`),
      )
      .addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0`))
      .addColumn('mime', 'varchar(100)', (c) =>
        c.notNull().check(
          sql`mime in ('image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf',
              'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/plain')`,
        ),
      )
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('files_unit_sha256_unique', ['unit_id', 'sha256'])
      .execute();

    // An upload, and the record it belongs to once attached. The id is random (not a counter):
    // for an anonymous upload it is the only thing that lets its submitter attach it.
    await db.schema
      .createTable('attachments')
      .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
      .addColumn('record_kind', 'varchar(40)')
      .addColumn('record_id', 'varchar(64)')
      .addColumn('name', 'varchar(255)', (c) => c.notNull().check(sql`length(name) > 0`))
      // null: an anonymous upload (store less: no account, and created_at is the day only).
      .addColumn('uploaded_by', 'integer', (c) => c.references('accounts.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addCheckConstraint(
        'attachments_record_both_or_neither',
        sql`(record_kind is null and record_id is null) or (record_kind is not null and record_id is not null)`,
      )
      .execute();
    await db.schema
      .createIndex('attachments_record')
      .on('attachments')
      .columns(['unit_id', 'record_kind', 'record_id'])
      .execute();
    await db.schema.createIndex('attachments_file').on('attachments').column('file_id').execute();
  },
};
