import type { ErrorCode } from '@lianxin/common';
import type { RowProblem } from './problems.js';
import type { ImportProgress } from './progress.js';
import type { ImportRow, ImportStatus } from './repository.js';
import type { RosterImport } from './schemas.js';

/** A roster_imports row as the contract's RosterImport; live progress wins while it runs. */
export function presentImport(row: ImportRow, live?: ImportProgress): RosterImport {
  const running = row.status === 'running' && live !== undefined;
  return {
    id: row.id,
    fileName: row.file_name,
    dryRun: row.dry_run === 1,
    deactivateMissing: row.deactivate_missing === 1,
    status: row.status as ImportStatus,
    totalRows: running ? live.totalRows : row.total_rows,
    processedRows: running ? live.processedRows : row.processed_rows,
    created: row.created_count,
    updated: row.updated_count,
    deactivated: row.deactivated_count,
    departmentsCreated: row.departments_created,
    problems: JSON.parse(row.problems) as RowProblem[],
    errorCode: row.error_code as ErrorCode | null,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
