import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import type { LianxinMigration } from './migrations/helpers.js';
import { organisation } from './migrations/20261127_0001_organisation.js';
import { sessionsAudit } from './migrations/20261127_0002_sessions_audit.js';
import { calendarDeadlines } from './migrations/20261127_0003_calendar_deadlines.js';
import { notifications } from './migrations/20261127_0004_notifications.js';
import { files } from './migrations/20261127_0005_files.js';
import { search } from './migrations/20261127_0006_search.js';
import { issuePool } from './migrations/20261127_0007_issue_pool.js';
import { opinions } from './migrations/20261127_0008_opinions.js';
import { opinionIndexes } from './migrations/20261127_0009_opinion_indexes.js';
import { notices } from './migrations/20261127_0010_notices.js';
import { surveys } from './migrations/20261127_0011_surveys.js';
import { consultations } from './migrations/20261127_0012_consultations.js';
import { surveyResultIndexes } from './migrations/20261127_0013_survey_result_indexes.js';

/** Every migration, in order. One set serves SQLite and PostgreSQL. */
export const MIGRATIONS: LianxinMigration[] = [
  organisation,
  sessionsAudit,
  calendarDeadlines,
  notifications,
  files,
  search,
  issuePool,
  opinions,
  opinionIndexes,
  notices,
  surveys,
  consultations,
  surveyResultIndexes,
];

class StaticProvider implements MigrationProvider {
  constructor(private readonly database: Database) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const m of MIGRATIONS) {
      out[m.name] = { up: (db) => m.up({ db, kind: this.database.kind }) };
    }
    return out;
  }
}

export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: new StaticProvider(database) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
