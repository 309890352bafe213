import type { LianxinMigration } from './helpers.js';

/** Attachments stored by SHA-256, and their links to records. */
export const files: LianxinMigration = {
  name: '20261127_0005_files',
  async up() {},
};
