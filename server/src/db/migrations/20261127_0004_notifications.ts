import { sql } from 'kysely';
import { types, withId, type LianxinMigration } from './helpers.js';

/** Domain events (the outbox), the in-app inbox, channels, preferences and deliveries. */
export const notifications: LianxinMigration = {
  name: '20261127_0004_notifications',
  async up({ db, kind }) {
    const t = types(kind);

    // The outbox: one row per emitted domain event, written in the emitting command's
    // transaction. `pending` until the deliverer has expanded it into inbox rows and deliveries.
    await withId(db.schema.createTable('notification_events'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('type', 'varchar(80)', (c) => c.notNull())
      .addColumn('subject_type', 'varchar(40)')
      .addColumn('subject_id', 'varchar(64)')
      .addColumn('recipients', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('state', 'varchar(16)', (c) =>
        c
          .notNull()
          .defaultTo('pending')
          .check(sql`state in ('pending', 'expanded', 'failed')`),
      )
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_error', 'varchar(500)')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('expanded_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('notification_events_pending')
      .on('notification_events')
      .columns(['state', 'next_attempt_at'])
      .execute();
    await db.schema
      .createIndex('notification_events_unit')
      .on('notification_events')
      .columns(['unit_id', 'created_at'])
      .execute();

    // The in-app inbox: one row per (event, recipient account). Title and body are rendered
    // at read time from the event in the reader's language.
    await withId(db.schema.createTable('notifications'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('event_id', 'integer', (c) => c.notNull().references('notification_events.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('read_at', t.timestamp)
      .addUniqueConstraint('notifications_event_account_unique', ['event_id', 'account_id'])
      .execute();
    await db.schema
      .createIndex('notifications_account')
      .on('notifications')
      .columns(['account_id', 'id'])
      .execute();
    await db.schema
      .createIndex('notifications_unread')
      .on('notifications')
      .columns(['account_id', 'read_at'])
      .execute();

    // Outgoing deliveries: email now, email in the daily digest, or a group robot post.
    // One row per (event, channel, target); unique, so a re-expansion never sends twice.
    await withId(db.schema.createTable('notification_deliveries'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('event_id', 'integer', (c) => c.notNull().references('notification_events.id'))
      .addColumn('channel', 'varchar(16)', (c) =>
        c.notNull().check(sql`channel in ('email', 'digest', 'webhook')`),
      )
      // 0 when not applicable (webhook: no account; email: no webhook), so the unique key works.
      .addColumn('account_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('webhook_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('state', 'varchar(16)', (c) =>
        c
          .notNull()
          .defaultTo('pending')
          .check(sql`state in ('pending', 'sent', 'failed')`),
      )
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_error', 'varchar(500)')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('sent_at', t.timestamp)
      .addUniqueConstraint('notification_deliveries_unique', [
        'event_id',
        'channel',
        'account_id',
        'webhook_id',
      ])
      .execute();
    await db.schema
      .createIndex('notification_deliveries_due')
      .on('notification_deliveries')
      .columns(['state', 'channel', 'next_attempt_at'])
      .execute();
    await db.schema
      .createIndex('notification_deliveries_unit')
      .on('notification_deliveries')
      .columns(['unit_id', 'state'])
      .execute();

    // Per-person preferences. No row: the defaults (inbox only, no email address known).
    await db.schema
      .createTable('notification_preferences')
      .addColumn('account_id', 'integer', (c) => c.primaryKey().references('accounts.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('email', 'varchar(254)')
      .addColumn('email_mode', 'varchar(16)', (c) =>
        c
          .notNull()
          .defaultTo('off')
          .check(sql`email_mode in ('off', 'instant', 'digest')`),
      )
      // JSON object { kind: boolean }: e-mail for this kind on/off, overriding the kind's default.
      // The inbox is always on.
      .addColumn('email_kinds', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();

    // Per-unit SMTP settings. The password may be stored here (the page says so); an
    // environment LIANXIN_SMTP_URL is preferred and used when the unit has none.
    await db.schema
      .createTable('notification_smtp')
      .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id'))
      .addColumn('host', 'varchar(255)', (c) => c.notNull())
      .addColumn('port', 'integer', (c) => c.notNull().check(sql`port between 1 and 65535`))
      .addColumn('secure', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('username', 'varchar(255)')
      .addColumn('password', 'varchar(255)')
      .addColumn('from_address', 'varchar(254)', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();

    // Group robots (WeCom, DingTalk) per unit, each with the event types it posts.
    await withId(db.schema.createTable('notification_webhooks'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('name', 'varchar(80)', (c) => c.notNull())
      .addColumn('provider', 'varchar(16)', (c) =>
        c.notNull().check(sql`provider in ('wecom', 'dingtalk')`),
      )
      .addColumn('url', 'varchar(1000)', (c) => c.notNull())
      .addColumn('secret', 'varchar(255)')
      .addColumn('event_types', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('notification_webhooks_unit')
      .on('notification_webhooks')
      .column('unit_id')
      .execute();
  },
};
