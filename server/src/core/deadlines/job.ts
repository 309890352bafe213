import type { Database } from '../../db/database.js';
import { systemActor } from '../actor.js';
import { runCommand } from '../command.js';
import type { Job } from '../jobs.js';
import { loadCalendar } from '../calendar/service.js';
import {
  addWorkingDays,
  isWorkingDay,
  todayInShanghai,
  workingDaysBetween,
} from '../calendar/working-days.js';
import * as repo from './repository.js';
import './kinds.js';

/** Working days between the reminder and the escalation to the responsible leader. */
export const ESCALATE_AFTER_WORKING_DAYS = 5;
const BATCH = 100;
/** The daily run starts at 08:00 Asia/Shanghai (the first tick after it). */
export const RUN_FROM_HOUR = 8;
export const shanghaiHour = (now: Date) => (now.getUTCHours() + 8) % 24;

export interface UnitRun {
  unitId: number;
  skipped?: 'not_working_day' | 'already_ran';
  reminders: number;
  escalations: number;
}

/**
 * Reminders: open deadlines past due and not yet reminded get one `deadline.reminder` to the
 * heads of the owner department (the office when the department has no head): the working day
 * after the deadline, or the first run after it when the server was down.
 * Escalations: reminded ESCALATE_AFTER_WORKING_DAYS working days ago and still open, one
 * `deadline.escalated` to the responsible leader (every leader of the unit when none is named).
 * Each batch is one transaction that claims its rows (FOR UPDATE SKIP LOCKED on PostgreSQL),
 * marks them and records the events, so two servers never send the same reminder twice.
 */
export async function processUnit(
  database: Database,
  unitId: number,
  today: string,
): Promise<{ reminders: number; escalations: number }> {
  const cal = await loadCalendar(database, unitId);
  const ctx = { database, actor: systemActor(unitId) };
  let reminders = 0;
  let escalations = 0;
  for (;;) {
    const n = await runCommand(ctx, async (tx, audit, emit) => {
      const rows = await repo.claimForReminder(tx, database.kind, unitId, today, BATCH);
      const now = new Date().toISOString();
      let sent = 0;
      for (const d of rows) {
        if (!(await repo.markReminded(tx, d.id, today, now))) continue;
        sent++;
        let recipients = await repo.accountsWithRole(
          tx,
          unitId,
          'department_head',
          d.department_id,
        );
        if (recipients.length === 0) recipients = await repo.accountsWithRole(tx, unitId, 'office');
        const department = await repo.departmentPath(tx, unitId, d.department_id);
        await emit({
          type: 'deadline.reminder',
          subject: { type: 'deadline', id: d.id },
          recipients,
          data: {
            deadlineId: d.id,
            subjectType: d.subject_type,
            subjectId: d.subject_id,
            title: d.title,
            dueDate: d.due_date,
            department,
          },
        });
        await audit(
          'deadline.reminded',
          { type: 'deadline', id: d.id },
          {
            dueDate: d.due_date,
            on: today,
            recipients,
          },
        );
      }
      return { claimed: rows.length, sent };
    });
    reminders += n.sent;
    if (n.claimed < BATCH) break;
  }
  const remindedBy = addWorkingDays(cal, today, -ESCALATE_AFTER_WORKING_DAYS);
  for (;;) {
    const n = await runCommand(ctx, async (tx, audit, emit) => {
      const rows = await repo.claimForEscalation(tx, database.kind, unitId, remindedBy, BATCH);
      const now = new Date().toISOString();
      let done = 0;
      for (const d of rows) {
        // A reminder sent on a day off (office edits after the fact): count from it exactly.
        if (workingDaysBetween(cal, d.reminder_sent_on!, today) < ESCALATE_AFTER_WORKING_DAYS)
          continue;
        if (!(await repo.markEscalated(tx, d.id, today, now))) continue;
        const recipients = d.leader_account_id
          ? [d.leader_account_id]
          : await repo.accountsWithRole(tx, unitId, 'leader');
        const department = await repo.departmentPath(tx, unitId, d.department_id);
        await emit({
          type: 'deadline.escalated',
          subject: { type: 'deadline', id: d.id },
          recipients,
          data: {
            deadlineId: d.id,
            subjectType: d.subject_type,
            subjectId: d.subject_id,
            title: d.title,
            dueDate: d.due_date,
            reminderSentOn: d.reminder_sent_on,
            department,
          },
        });
        await audit(
          'deadline.escalated',
          { type: 'deadline', id: d.id },
          {
            dueDate: d.due_date,
            remindedOn: d.reminder_sent_on,
            on: today,
            recipients,
          },
        );
        done++;
      }
      return { claimed: rows.length, done };
    });
    escalations += n.done;
    if (n.claimed < BATCH) break;
  }
  return { reminders, escalations };
}

/** One unit's daily run: only on working days, once a day (a restart does not repeat it). */
export async function runUnit(database: Database, unitId: number, today: string): Promise<UnitRun> {
  const cal = await loadCalendar(database, unitId);
  if (!isWorkingDay(cal, today))
    return { unitId, skipped: 'not_working_day', reminders: 0, escalations: 0 };
  const last = await repo.lastRunOn(database.db, unitId);
  if (last !== null && last >= today)
    return { unitId, skipped: 'already_ran', reminders: 0, escalations: 0 };
  const result = await processUnit(database, unitId, today);
  // Marked after the work: a crash mid-run repeats the run, and the rows already marked are
  // not claimed again, so nothing is sent twice and nothing is skipped.
  await repo.setLastRunOn(database.db, unitId, today, new Date().toISOString());
  return { unitId, ...result };
}

/** The scheduler's work for every unit; `today` is injectable for tests. */
export async function runDeadlineJob(
  database: Database,
  today: string = todayInShanghai(),
): Promise<UnitRun[]> {
  const out: UnitRun[] = [];
  for (const unitId of await repo.unitIds(database.db))
    out.push(await runUnit(database, unitId, today));
  return out;
}

/** Each working day: the reminder the day after a deadline, escalation 5 working days later. */
export const deadlineJob: Job = {
  name: 'deadlines',
  everyMs: 10 * 60 * 1000,
  async run({ database, log }) {
    // Reminders go out in office hours, not at midnight when the server happens to start.
    if (shanghaiHour(new Date()) < RUN_FROM_HOUR) return;
    const runs = await runDeadlineJob(database);
    const sent = runs.filter((r) => r.reminders || r.escalations);
    if (sent.length) log.info({ runs: sent }, 'deadline reminders sent');
  },
};
