import { hasRole } from '../../core/actor.js';
import { registerAttachmentPolicy } from '../../core/files/registry.js';

/**
 * One-time registrations for submitting, tracking with a receipt, answering, rating, the public
 * wall. Files attached to an opinion: the office, the heads of its lead/co departments (and of
 * the departments above them), and its named submitter may read them. An anonymous
 * submitter has no account on the record, so reads them through nobody's session.
 */
export function registerStaff(): void {
  registerAttachmentPolicy('opinion', async (actor, recordId, db) => {
    const row = await db
      .selectFrom('opinions')
      .select(['unit_id', 'anonymous', 'submitter_account_id'])
      .where('id', '=', recordId)
      .executeTakeFirst();
    if (!row || row.unit_id !== actor.unitId) return false;
    if (hasRole(actor, 'office')) return true;
    if (row.anonymous === 0 && row.submitter_account_id === actor.accountId) return true;
    if (!hasRole(actor, 'department_head') || actor.departmentId === null) return false;
    const deps = await db
      .selectFrom('opinion_departments')
      .innerJoin('departments', 'departments.id', 'opinion_departments.department_id')
      .select(['departments.id', 'departments.path'])
      .where('opinion_departments.opinion_id', '=', recordId)
      .where('opinion_departments.status', '!=', 'bounced')
      .execute();
    if (deps.length === 0) return false;
    const own = await db
      .selectFrom('departments')
      .select('path')
      .where('id', '=', actor.departmentId)
      .executeTakeFirst();
    if (!own) return false;
    // A head acts for their department and the ones below it.
    return deps.some((d) => d.id === actor.departmentId || d.path.startsWith(`${own.path}/`));
  });
}
