import type { Database } from '../../db/database.js';

/** Figures for the monthly report: surveys of the month (filled in by the results work). */
export async function surveyStatistics(
  _database: Database,
  _unitId: number,
  month: string,
): Promise<unknown> {
  return { month };
}
