import type { LianxinMigration } from './helpers.js';

/** The notices module's tables (owned by that module; filled in by its author). */
export const notices: LianxinMigration = {
  name: '20261127_0010_notices',
  async up() {},
};
