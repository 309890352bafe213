import type { Database } from '../../db/database.js';

/** The module's figures for the monthly report (built with the figures page). */
export async function opinionStatistics(
  _database: Database,
  _unitId: number,
  _month: string,
): Promise<unknown> {
  return null;
}
