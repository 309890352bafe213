import type { LianxinMigration } from './helpers.js';

/** Domain events (the outbox), the in-app inbox, channels, preferences and deliveries. */
export const notifications: LianxinMigration = {
  name: '20261127_0004_notifications',
  async up() {},
};
