import { sql } from 'kysely';
import { ADMIN_ROLES, ROLES } from '@lianxin/common';
import { types, withId, type LianxinMigration } from './helpers.js';

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** Units, the department tree, people, accounts and roles. */
export const organisation: LianxinMigration = {
  name: '20261127_0001_organisation',
  async up({ db, kind }) {
    const t = types(kind);

    await withId(db.schema.createTable('units'), kind)
      .addColumn('code', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('departments'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('parent_id', 'integer', (c) => c.references('departments.id'))
      .addColumn('name', 'varchar(100)', (c) => c.notNull())
      .addColumn('path', 'varchar(600)', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`active in (0, 1)`),
      )
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('departments_unit_path_unique', ['unit_id', 'path'])
      .execute();
    await db.schema
      .createIndex('departments_parent')
      .on('departments')
      .column('parent_id')
      .execute();

    await withId(db.schema.createTable('people'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('staff_no', 'varchar(32)', (c) => c.notNull())
      .addColumn('name', 'varchar(50)', (c) => c.notNull())
      .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
      .addColumn('position', 'varchar(50)')
      .addColumn('phone', 'varchar(20)')
      .addColumn('political_status', 'varchar(32)')
      .addColumn('congress_delegate', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`congress_delegate in (0, 1)`),
      )
      .addColumn('active', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`active in (0, 1)`),
      )
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('people_unit_staff_no_unique', ['unit_id', 'staff_no'])
      .execute();
    await db.schema.createIndex('people_department').on('people').column('department_id').execute();

    await withId(db.schema.createTable('accounts'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('person_id', 'integer', (c) => c.references('people.id').unique())
      .addColumn('username', 'varchar(64)', (c) => c.notNull())
      .addColumn('display_name', 'varchar(50)', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('password_changed_at', t.timestamp)
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`active in (0, 1)`),
      )
      .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failure_window_start', t.timestamp)
      .addColumn('failure_window_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('accounts_unit_username_unique', ['unit_id', 'username'])
      .execute();

    await withId(db.schema.createTable('password_history'), kind)
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('password_history_account')
      .on('password_history')
      .column('account_id')
      .execute();

    await withId(db.schema.createTable('role_assignments'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('role', 'varchar(32)', (c) =>
        c.notNull().check(sql.raw(`role in (${quoted(ROLES)})`)),
      )
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('role_assignments_account_role_unique', ['account_id', 'role'])
      .execute();
    // 三员分立 in the database: at most one administrator role per account.
    await db.schema
      .createIndex('role_assignments_one_admin_role')
      .on('role_assignments')
      .column('account_id')
      .unique()
      .where(sql.raw<boolean>(`role in (${quoted(ADMIN_ROLES)})`))
      .execute();
    await db.schema
      .createIndex('role_assignments_unit_role')
      .on('role_assignments')
      .columns(['unit_id', 'role'])
      .execute();
  },
};
