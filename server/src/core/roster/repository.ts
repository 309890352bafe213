import type { DbKind, Queryable } from '../../db/database.js';
import type { RowProblem } from './problems.js';

/** The only code that touches `roster_imports` (the people and departments go through org). */

export type ImportStatus = 'running' | 'succeeded' | 'rejected' | 'failed';

export async function insertImport(
  db: Queryable,
  row: {
    unitId: number;
    accountId: number | null;
    fileName: string;
    dryRun: boolean;
    deactivateMissing: boolean;
    now: string;
  },
) {
  const inserted = await db
    .insertInto('roster_imports')
    .values({
      unit_id: row.unitId,
      account_id: row.accountId,
      file_name: row.fileName,
      dry_run: row.dryRun ? 1 : 0,
      deactivate_missing: row.deactivateMissing ? 1 : 0,
      status: 'running',
      total_rows: 0,
      processed_rows: 0,
      created_count: 0,
      updated_count: 0,
      deactivated_count: 0,
      departments_created: 0,
      problems: '[]',
      error_code: null,
      created_at: row.now,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function getImport(db: Queryable, unitId: number, id: number) {
  return db
    .selectFrom('roster_imports')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export type ImportRow = NonNullable<Awaited<ReturnType<typeof getImport>>>;

export async function listImports(db: Queryable, unitId: number, limit: number) {
  return db
    .selectFrom('roster_imports')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function setImportProgress(
  db: Queryable,
  id: number,
  p: { totalRows: number; processedRows: number },
) {
  await db
    .updateTable('roster_imports')
    .set({ total_rows: p.totalRows, processed_rows: p.processedRows })
    .where('id', '=', id)
    .execute();
}

export interface ImportOutcome {
  status: Exclude<ImportStatus, 'running'>;
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  deactivated: number;
  departmentsCreated: number;
  problems: RowProblem[];
  errorCode: string | null;
}

export async function finishImport(db: Queryable, id: number, o: ImportOutcome, now: string) {
  await db
    .updateTable('roster_imports')
    .set({
      status: o.status,
      total_rows: o.totalRows,
      processed_rows: o.processedRows,
      created_count: o.created,
      updated_count: o.updated,
      deactivated_count: o.deactivated,
      departments_created: o.departmentsCreated,
      problems: JSON.stringify(o.problems),
      error_code: o.errorCode,
      finished_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Imports left `running` by a process that died: an import takes seconds, so one still running
 * after `before` never finishes. They are marked failed.
 */
export async function failStaleImports(db: Queryable, unitId: number, before: string, now: string) {
  await db
    .updateTable('roster_imports')
    .set({ status: 'failed', error_code: 'INTERNAL', finished_at: now })
    .where('unit_id', '=', unitId)
    .where('status', '=', 'running')
    .where('created_at', '<', before)
    .execute();
}

/**
 * Serialise real imports of one unit across processes (PostgreSQL): the second waits for the
 * first to commit, then plans against what the first wrote. `for no key update` does not block
 * other writers' foreign-key checks on the unit. SQLite has one writer already.
 */
export async function lockUnitForImport(db: Queryable, kind: DbKind, unitId: number) {
  if (kind !== 'postgres') return;
  await db.selectFrom('units').select('id').where('id', '=', unitId).forNoKeyUpdate().execute();
}
