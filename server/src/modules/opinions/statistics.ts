import type { Database } from '../../db/database.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { todayInShanghai } from '../../core/calendar/working-days.js';
import { computeFigures, monthRange, type DepartmentFigures } from './figures.js';
import * as repo from './repository-figures.js';

export interface DepartmentFiguresView extends DepartmentFigures {
  /** null for the items the office handled without a department. */
  departmentName: string | null;
}

export interface OpinionFiguresView {
  month: string;
  departments: DepartmentFiguresView[];
  total: DepartmentFigures;
}

/** 'YYYY-MM' of a Shanghai date. */
export const monthOf = (date: string) => date.slice(0, 7);

/** The figures of one unit and month ('YYYY-MM'), per department and in total (figures.ts). */
export async function opinionFigures(
  database: Database,
  unitId: number,
  month: string,
): Promise<OpinionFiguresView> {
  const { from, to } = monthRange(month);
  const [rows, names, signDays, calendar] = await Promise.all([
    repo.figureRows(database.db, unitId, from, to),
    repo.departmentNames(database.db, unitId),
    repo.signDays(database.db, unitId),
    loadCalendar(database, unitId),
  ]);
  const { departments, total } = computeFigures(rows, {
    calendar,
    today: todayInShanghai(),
    signDays,
  });
  return {
    month,
    departments: departments.map((d) => ({
      ...d,
      departmentName: d.departmentId === null ? null : (names.get(d.departmentId) ?? null),
    })),
    total,
  };
}

/** The module's figures for the monthly report: the same figures as the figures page. */
export async function opinionStatistics(
  database: Database,
  unitId: number,
  month: string,
): Promise<OpinionFiguresView> {
  return opinionFigures(database, unitId, month);
}
