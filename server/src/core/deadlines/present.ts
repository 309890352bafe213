import type { Actor } from '../actor.js';
import type { WorkingCalendar } from '../calendar/working-days.js';
import { workingDaysBetween } from '../calendar/working-days.js';
import type { DeadlineTable } from '../../db/schema.js';
import { deadlineAbilities } from './policy.js';

type Row = Omit<DeadlineTable, 'id' | 'step' | 'status'> & {
  id: number;
  step: string;
  status: 'open' | 'done' | 'cancelled';
  department_path: string;
  leader_name: string | null;
};

/** Presenter: a deadline row in, a whitelisted board item out. */
export function presentDeadline(
  actor: Actor,
  cal: WorkingCalendar,
  today: string,
  within: number,
  row: Row,
  inActorsDepartment: boolean,
) {
  const late = row.due_date < today;
  const left = late ? 0 : workingDaysBetween(cal, today, row.due_date);
  return {
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    step: row.step,
    title: row.title,
    departmentId: row.department_id,
    departmentPath: row.department_path,
    leaderName: row.leader_name,
    startDate: row.start_date,
    workingDays: row.working_days,
    dueDate: row.due_date,
    originalDueDate: row.original_due_date,
    status: row.status,
    state: late ? ('late' as const) : left <= within ? ('near' as const) : ('ok' as const),
    workingDaysLate: late ? workingDaysBetween(cal, row.due_date, today) : 0,
    workingDaysLeft: left,
    reminderSentOn: row.reminder_sent_on,
    escalatedOn: row.escalated_on,
    extension: row.extension_status
      ? {
          status: row.extension_status,
          days: row.extension_days ?? 0,
          maxDays: row.extension_max_days,
          reason: row.extension_reason ?? '',
          requestedAt: row.extension_requested_at,
          decidedAt: row.extension_decided_at,
          note: row.extension_note,
        }
      : null,
    extensionMaxDays: row.extension_max_days,
    abilities: deadlineAbilities(actor, {
      status: row.status,
      extension_status: row.extension_status,
      inActorsDepartment,
    }),
  };
}
