import type { LianxinMigration } from './helpers.js';

/** The consultations module's tables (owned by that module; filled in by its author). */
export const consultations: LianxinMigration = {
  name: '20261127_0012_consultations',
  async up() {},
};
