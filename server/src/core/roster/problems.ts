import type { ImportRowProblem } from '@lianxin/common';

/** One thing wrong with a roster file, placed by spreadsheet row (the header is row 1). */
export interface RowProblem {
  row: number;
  /** The column's template header (工号, 部门, …). */
  column?: string;
  code: ImportRowProblem;
  params?: Record<string, string | number>;
}

export function byRow(a: RowProblem, b: RowProblem): number {
  return a.row - b.row;
}
