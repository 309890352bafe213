import { systemActor } from '../../core/actor.js';
import { runCommand } from '../../core/command.js';
import type { Job } from '../../core/jobs.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { addDays, isWorkingDay, todayInShanghai } from '../../core/calendar/working-days.js';
import type { Database } from '../../db/database.js';
import * as hrepo from './repository-handling.js';

/** The digest goes out on the first tick after 08:30 Asia/Shanghai on a working day. */
export const DIGEST_FROM_MINUTE = 8 * 60 + 30;
const shanghaiMinute = (now: Date) => ((now.getUTCHours() + 8) % 24) * 60 + now.getUTCMinutes();
/** Whether a tick at `now` may send today's digest (from 08:30 Asia/Shanghai on). */
export const digestDue = (now: Date) => shanghaiMinute(now) >= DIGEST_FROM_MINUTE;

/**
 * One unit's digest for `today`: one `opinion.inbox_digest` per office member with the count of
 * new items since the last digest (yesterday's on consecutive working days; a Monday counts the
 * weekend too) — named and anonymous alike, so no item is singled out. Claimed once per unit and
 * day in the same transaction as the events: a second server or a restart sends nothing twice.
 */
export async function runDigestForUnit(database: Database, unitId: number, today: string) {
  const cal = await loadCalendar(database, unitId);
  if (!isWorkingDay(cal, today)) return { unitId, skipped: 'not_working_day' as const, count: 0 };
  // Cheap check first: the tick every few minutes opens no write transaction once it ran today.
  const ran = await hrepo.lastDigestOn(database.db, unitId);
  if (ran !== null && ran >= today) return { unitId, skipped: 'already_ran' as const, count: 0 };
  const ctx = { database, actor: systemActor(unitId) };
  return runCommand(ctx, async (tx, audit, emit) => {
    const last = await hrepo.lastDigestOn(tx, unitId);
    if (!(await hrepo.claimDigestDay(tx, unitId, today)))
      return { unitId, skipped: 'already_ran' as const, count: 0 };
    const from = last ?? addDays(today, -1);
    const count = await hrepo.countSubmitted(tx, unitId, from, today);
    const yesterday = addDays(today, -1);
    const date = from === yesterday ? yesterday : `${from} – ${yesterday}`;
    const office = count > 0 ? await hrepo.accountsInRole(tx, unitId, 'office') : [];
    for (const accountId of office)
      await emit({
        type: 'opinion.inbox_digest',
        subject: null,
        recipients: [accountId],
        data: { count, date },
      });
    await audit('opinion.inbox_digest', null, { day: today, count, recipients: office.length });
    return { unitId, skipped: null, count };
  });
}

export async function runDigest(database: Database, today: string = todayInShanghai()) {
  const out = [];
  for (const unitId of await hrepo.unitIds(database.db))
    out.push(await runDigestForUnit(database, unitId, today));
  return out;
}

/** Background jobs for the office's and departments' handling. */
export const handlingJobs: Job[] = [
  {
    name: 'opinions.inbox_digest',
    everyMs: 5 * 60 * 1000,
    async run({ database, log }) {
      if (!digestDue(new Date())) return;
      const runs = await runDigest(database);
      const sent = runs.filter((r) => r.count > 0);
      if (sent.length) log.info({ units: sent.length }, 'opinion digests sent');
    },
  },
];
