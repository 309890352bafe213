import type { LianxinMigration } from './helpers.js';

/** The opinion box (docs/opinions-design.md). */
export const opinions: LianxinMigration = {
  name: '20261127_0008_opinions',
  async up() {},
};
