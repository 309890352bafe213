import {
  addWorkingDays,
  isValidDate,
  workingDaysBetween,
  type WorkingCalendar,
} from '../../core/calendar/working-days.js';

/**
 * The opinion box's figures per department and month (issue 4 item 5, docs/opinions-figures.md).
 * Pure: the rows come from repository-figures.ts, the calendar from core/calendar.
 *
 * The month's cohort is every opinion whose `submitted_on` (Asia/Shanghai date) falls in the
 * month. An opinion belongs to its lead department, else its target department, else to no
 * department (`departmentId: null`, handled by the office alone). Dispatch rows (lead and co) belong
 * to the department they were dispatched to. Every rate is `numerator / denominator`, or `null`
 * when the denominator is 0 (never 0 % or 100 % from nothing):
 *
 * - acceptance      accepted / decided. accepted = `accepted_on` set; decided = accepted or closed
 *                   with `not_accepted` (merged-before-acceptance and still-undecided items are out).
 * - onTimeSigning   dispatch rows signed on or before the sign limit (dispatched_on + signDays working
 *                   days) / dispatch rows signed, or still unsigned (not bounced) with the limit past.
 * - onTimeReply     reply deadlines (core/deadlines, subject 'opinion', step 'reply', every round,
 *                   extension included) closed on or before their due date / reply deadlines done, or
 *                   still open with the due date past (cancelled ones are out).
 * - satisfaction    (satisfied + basically) / closed after a reply (close_reason `rated` or
 *                   `not_rated`). `not_rated` is in the denominator and never counts as satisfied.
 * - solved          rated `solved` / the same denominator as satisfaction (`partly` is not solved).
 * - redo            items sent back for a redo (`redo_used = 1`) / items rated at least once
 *                   (closed `rated`, or `redo_used = 1`).
 * - bounce          dispatch rows bounced (a bounce reason recorded) / all dispatch rows.
 * - avgHandlingDays mean of working days from `submitted_on` to `replied_on` (workingDaysBetween:
 *                   days d with submitted < d ≤ replied) over replied items; null when none.
 */

export interface FigureOpinionRow {
  id: string;
  kind: string;
  departmentId: number | null;
  submittedOn: string;
  acceptedOn: string | null;
  repliedOn: string | null;
  closeReason: string | null;
  satisfaction: string | null;
  solved: string | null;
  redoUsed: number;
}

export interface FigureDispatchRow {
  opinionId: string;
  departmentId: number;
  status: string;
  dispatchedOn: string | null;
  signedOn: string | null;
  bounceReason: string | null;
}

export interface FigureDeadlineRow {
  opinionId: string;
  status: string;
  dueDate: string;
  /** The Shanghai date the deadline was completed, when done. */
  closedOn: string | null;
}

export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export interface DepartmentFigures {
  departmentId: number | null;
  submitted: number;
  acceptance: Ratio;
  onTimeSigning: Ratio;
  onTimeReply: Ratio;
  satisfaction: Ratio;
  solved: Ratio;
  redo: Ratio;
  bounce: Ratio;
  /** Replied items and the mean working days from submission to reply. */
  replied: number;
  avgHandlingDays: number | null;
}

export interface FigureInput {
  opinions: FigureOpinionRow[];
  dispatches: FigureDispatchRow[];
  deadlines: FigureDeadlineRow[];
}

export interface FigureOptions {
  calendar: WorkingCalendar;
  /** Today in Asia/Shanghai: limits after today are not late yet. */
  today: string;
  signDays: number;
}

/** 'YYYY-MM' → its first and last day. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

class Counter {
  n = 0;
  d = 0;
  add(counted: boolean, hit: boolean) {
    if (!counted) return;
    this.d++;
    if (hit) this.n++;
  }
  ratio(): Ratio {
    return { numerator: this.n, denominator: this.d, rate: ratio(this.n, this.d) };
  }
}

/** A rate rounded to 4 decimals (0.8333), null when nothing to count. */
export function ratio(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n / d) * 10_000) / 10_000;
}

class Acc {
  submitted = 0;
  acceptance = new Counter();
  onTimeSigning = new Counter();
  onTimeReply = new Counter();
  satisfaction = new Counter();
  solved = new Counter();
  redo = new Counter();
  bounce = new Counter();
  replied = 0;
  handlingDays = 0;
  constructor(readonly departmentId: number | null) {}
  result(): DepartmentFigures {
    return {
      departmentId: this.departmentId,
      submitted: this.submitted,
      acceptance: this.acceptance.ratio(),
      onTimeSigning: this.onTimeSigning.ratio(),
      onTimeReply: this.onTimeReply.ratio(),
      satisfaction: this.satisfaction.ratio(),
      solved: this.solved.ratio(),
      redo: this.redo.ratio(),
      bounce: this.bounce.ratio(),
      replied: this.replied,
      avgHandlingDays:
        this.replied === 0 ? null : Math.round((this.handlingDays / this.replied) * 100) / 100,
    };
  }
}

/**
 * The figures of one month: one entry per department that has anything to count (sorted by id,
 * the office-only bucket `null` last) and the unit's total.
 */
export function computeFigures(
  input: FigureInput,
  options: FigureOptions,
): { departments: DepartmentFigures[]; total: DepartmentFigures } {
  const byDept = new Map<number | null, Acc>();
  const total = new Acc(null);
  const acc = (id: number | null) => {
    let a = byDept.get(id);
    if (!a) byDept.set(id, (a = new Acc(id)));
    return a;
  };
  const deptOfOpinion = new Map<string, number | null>();

  for (const o of input.opinions) {
    deptOfOpinion.set(o.id, o.departmentId);
    for (const a of [acc(o.departmentId), total]) {
      a.submitted++;
      const accepted = o.acceptedOn !== null;
      a.acceptance.add(accepted || o.closeReason === 'not_accepted', accepted);
      const afterReply = o.closeReason === 'rated' || o.closeReason === 'not_rated';
      const rated = o.closeReason === 'rated';
      a.satisfaction.add(
        afterReply,
        rated && (o.satisfaction === 'satisfied' || o.satisfaction === 'basically'),
      );
      a.solved.add(afterReply, rated && o.solved === 'solved');
      a.redo.add(rated || o.redoUsed === 1, o.redoUsed === 1);
      if (o.repliedOn !== null && isValidDate(o.repliedOn) && isValidDate(o.submittedOn)) {
        a.replied++;
        a.handlingDays += Math.max(
          0,
          workingDaysBetween(options.calendar, o.submittedOn, o.repliedOn),
        );
      }
    }
  }

  for (const r of input.dispatches) {
    const bounced = r.bounceReason !== null || r.status === 'bounced';
    let counted = false;
    let onTime = false;
    if (r.signedOn !== null) {
      counted = true;
      onTime =
        r.dispatchedOn !== null &&
        r.signedOn <= addWorkingDays(options.calendar, r.dispatchedOn, options.signDays);
    } else if (!bounced && r.dispatchedOn !== null) {
      counted = addWorkingDays(options.calendar, r.dispatchedOn, options.signDays) < options.today;
    }
    for (const a of [acc(r.departmentId), total]) {
      a.onTimeSigning.add(counted, onTime);
      a.bounce.add(true, bounced);
    }
  }

  for (const d of input.deadlines) {
    if (!deptOfOpinion.has(d.opinionId)) continue;
    const done = d.status === 'done' && d.closedOn !== null;
    const counted = done || (d.status === 'open' && d.dueDate < options.today);
    const onTime = done && d.closedOn! <= d.dueDate;
    for (const a of [acc(deptOfOpinion.get(d.opinionId)!), total])
      a.onTimeReply.add(counted, onTime);
  }

  const departments = [...byDept.values()]
    .sort((a, b) =>
      a.departmentId === null ? 1 : b.departmentId === null ? -1 : a.departmentId - b.departmentId,
    )
    .map((a) => a.result());
  return { departments, total: total.result() };
}
