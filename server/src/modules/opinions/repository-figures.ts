import type { Queryable } from '../../db/database.js';
import { getUnitSettings } from '../../core/org/repository.js';
import { todayInShanghai } from '../../core/calendar/working-days.js';
import type { FigureInput } from './figures.js';

/** The figures' queries (the only Kysely in the figures part). Reads only; never a submitter. */

/** The month's cohort: opinions submitted in [from, to], their dispatch rows and reply deadlines. */
export async function figureRows(
  db: Queryable,
  unitId: number,
  from: string,
  to: string,
): Promise<FigureInput> {
  const opinions = await db
    .selectFrom('opinions')
    .select([
      'id',
      'kind',
      'lead_department_id',
      'target_department_id',
      'submitted_on',
      'accepted_on',
      'replied_on',
      'close_reason',
      'satisfaction',
      'solved',
      'redo_used',
    ])
    .where('unit_id', '=', unitId)
    .where('submitted_on', '>=', from)
    .where('submitted_on', '<=', to)
    .execute();
  const dispatches = await db
    .selectFrom('opinion_departments as d')
    .innerJoin('opinions as o', 'o.id', 'd.opinion_id')
    .select([
      'd.opinion_id',
      'd.department_id',
      'd.status',
      'd.dispatched_on',
      'd.signed_on',
      'd.bounce_reason',
    ])
    .where('o.unit_id', '=', unitId)
    .where('d.unit_id', '=', unitId)
    .where('o.submitted_on', '>=', from)
    .where('o.submitted_on', '<=', to)
    .execute();
  const deadlines = await db
    .selectFrom('deadlines as l')
    .innerJoin('opinions as o', 'o.id', 'l.subject_id')
    .select(['l.subject_id', 'l.status', 'l.due_date', 'l.closed_at'])
    .where('l.unit_id', '=', unitId)
    .where('l.subject_type', '=', 'opinion')
    .where('l.step', '=', 'reply')
    .where('o.unit_id', '=', unitId)
    .where('o.submitted_on', '>=', from)
    .where('o.submitted_on', '<=', to)
    .execute();
  return {
    opinions: opinions.map((o) => ({
      id: o.id,
      kind: o.kind,
      departmentId: o.lead_department_id ?? o.target_department_id,
      submittedOn: o.submitted_on,
      acceptedOn: o.accepted_on,
      repliedOn: o.replied_on,
      closeReason: o.close_reason,
      satisfaction: o.satisfaction,
      solved: o.solved,
      redoUsed: Number(o.redo_used),
    })),
    dispatches: dispatches.map((d) => ({
      opinionId: d.opinion_id,
      departmentId: d.department_id,
      status: d.status,
      dispatchedOn: d.dispatched_on,
      signedOn: d.signed_on,
      bounceReason: d.bounce_reason,
    })),
    deadlines: deadlines.map((l) => ({
      opinionId: l.subject_id,
      status: l.status,
      dueDate: l.due_date,
      closedOn: l.closed_at === null ? null : todayInShanghai(new Date(l.closed_at)),
    })),
  };
}

/** The unit's department names by id (one lookup for every module: core/org). */
export { departmentNames } from '../../core/org/repository.js';

/** The sign limit in working days (unit settings `opinions.signDays`, default 1). */
export async function signDays(db: Queryable, unitId: number): Promise<number> {
  const settings = await getUnitSettings(db, unitId);
  const own = settings.opinions as Record<string, unknown> | undefined;
  const n = own?.signDays;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 30 ? n : 1;
}
