import type { LianxinMigration } from './helpers.js';

/** The issue pool: every open matter from every channel, ranked. */
export const issuePool: LianxinMigration = {
  name: '20261127_0007_issue_pool',
  async up() {},
};
