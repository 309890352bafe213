import type { ErrorCode, ImportRowProblem } from '@lianxin/common';

export type ImportStatus = 'running' | 'succeeded' | 'rejected' | 'failed';

export interface ImportProblem {
  /** The spreadsheet row number (the header is row 1). */
  row: number;
  column?: string;
  code: ImportRowProblem;
  params?: Record<string, string | number>;
}

export interface RosterImport {
  id: number;
  fileName: string;
  dryRun: boolean;
  deactivateMissing: boolean;
  status: ImportStatus;
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  deactivated: number;
  departmentsCreated: number;
  problems: ImportProblem[];
  errorCode: ErrorCode | null;
  createdAt: string;
  finishedAt: string | null;
}
