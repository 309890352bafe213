import type { LianxinMigration } from './helpers.js';

/** The Chinese full-text search index (FTS5 on SQLite, tsvector on PostgreSQL). */
export const search: LianxinMigration = {
  name: '20261127_0006_search',
  async up() {},
};
