import type { LianxinMigration } from './helpers.js';

/** The working-day calendar (per unit) and deadlines with their reminders. */
export const calendarDeadlines: LianxinMigration = {
  name: '20261127_0003_calendar_deadlines',
  async up() {},
};
