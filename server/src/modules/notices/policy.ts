import { CONTENT_ROLES } from '@lianxin/common';
import type { Actor } from '../../core/actor.js';
import { hasRole } from '../../core/actor.js';
import {
  addWorkingDays,
  isWorkingDay,
  type WorkingCalendar,
} from '../../core/calendar/working-days.js';

/** Pure rules of public notices (mechanisms.md §2). */

export const NOTICE_TYPES = [
  'pay',
  'title',
  'appointment',
  'award',
  'bidding',
  'hardship',
  'decision',
  'other',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];
export const NOTICE_STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'closed'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export const ITEM_STATUSES = ['active', 'withdrawn', 'corrected'] as const;
export const FINDINGS = ['upheld', 'partly_upheld', 'not_upheld'] as const;
export type Finding = (typeof FINDINGS)[number];
export const ITEM_ACTIONS = ['withdraw', 'correct', 'none'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

export const MAX_TITLE = 200;
export const MAX_BODY = 20_000;
export const MAX_ITEMS = 200;
export const MAX_ITEM_NAME = 200;
export const MAX_ITEM_DETAIL = 2000;
export const MAX_REASONS = 5000;
export const MAX_PERIOD_DAYS = 60;
export const DEFAULT_FINDING_DAYS = 5;

export interface NoticeTypeInfo {
  type: NoticeType;
  periodDays: number;
  anonymousObjections: boolean;
  sensitive: boolean;
}

/** Defaults: 5 working days (awards 3), named objections, hardship assistance sensitive. */
export const DEFAULT_TYPES: Record<NoticeType, NoticeTypeInfo> = Object.fromEntries(
  NOTICE_TYPES.map((type) => [
    type,
    {
      type,
      periodDays: type === 'award' ? 3 : 5,
      anonymousObjections: false,
      sensitive: type === 'hardship',
    },
  ]),
) as Record<NoticeType, NoticeTypeInfo>;

const validDays = (v: unknown, d: number, max = MAX_PERIOD_DAYS) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max ? v : d;

export interface NoticeSettings {
  types: Record<NoticeType, NoticeTypeInfo>;
  findingDays: number;
}

/**
 * The unit's settings (key `notices`): `{ findingDays?: number, types?: { <type>: {
 * periodDays?, anonymousObjections?, sensitive? } } }`, defaults where unset or invalid.
 * Hardship assistance stays sensitive whatever the setting says.
 */
export function noticeSettings(raw: unknown): NoticeSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const types = (s.types && typeof s.types === 'object' ? s.types : {}) as Record<string, unknown>;
  return {
    findingDays: validDays(s.findingDays, DEFAULT_FINDING_DAYS, 30),
    types: Object.fromEntries(
      NOTICE_TYPES.map((type) => {
        const d = DEFAULT_TYPES[type];
        const o = (types[type] && typeof types[type] === 'object' ? types[type] : {}) as Record<
          string,
          unknown
        >;
        return [
          type,
          {
            type,
            periodDays: validDays(o.periodDays, d.periodDays),
            anonymousObjections:
              typeof o.anonymousObjections === 'boolean'
                ? o.anonymousObjections
                : d.anonymousObjections,
            sensitive:
              type === 'hardship' || (typeof o.sensitive === 'boolean' ? o.sensitive : d.sensitive),
          },
        ];
      }),
    ) as Record<NoticeType, NoticeTypeInfo>,
  };
}

/**
 * The notice period: it starts on the publishing day if that is a working day, else on the
 * next working day, and ends on its `periodDays`-th working day (5 days from a Monday: Friday).
 */
export function noticePeriod(cal: WorkingCalendar, publishedOn: string, periodDays: number) {
  const startsOn = addWorkingDays(cal, publishedOn, 0);
  const endsOn = addWorkingDays(cal, startsOn, periodDays - 1);
  return { startsOn, endsOn };
}

export const periodValid = (days: number) =>
  Number.isInteger(days) && days >= 1 && days <= MAX_PERIOD_DAYS;

export type PeriodPhase = 'before' | 'during' | 'after';

/** Where `today` lies against the period (dates as YYYY-MM-DD compare as strings). */
export function periodPhase(
  n: { starts_on: string | null; ends_on: string | null },
  today: string,
): PeriodPhase | null {
  if (!n.starts_on || !n.ends_on) return null;
  if (today < n.starts_on) return 'before';
  if (today > n.ends_on) return 'after';
  return 'during';
}

export { isWorkingDay };

/** Whether a department (with its path) lies in a scope given as department paths. */
export function pathInScope(path: string, scopePaths: readonly string[]): boolean {
  return scopePaths.some((p) => path === p || path.startsWith(`${p}/`));
}

export const noticePolicy = {
  /** Members of staff with a person record read the notices in their scope. */
  read: (a: Actor) => a.personId !== null && hasRole(a, ...CONTENT_ROLES),
  manage: (a: Actor) => hasRole(a, 'office'),
};

export interface AbilityInput {
  status: string;
  submitted_by: number | null;
  phase: PeriodPhase | null;
  openObjections: number;
  inScope: boolean;
}

/** What this actor may do with this notice now (shown as `abilities` on the view). */
export function noticeAbilities(a: Actor, n: AbilityInput) {
  const office = noticePolicy.manage(a);
  const published = n.status === 'published';
  return {
    edit: office && n.status === 'draft',
    submitReview: office && n.status === 'draft',
    review: office && n.status === 'in_review' && n.submitted_by !== a.accountId,
    correct: office && published,
    close: office && published && n.phase === 'after' && n.openObjections === 0,
    object: published && n.phase === 'during' && n.inScope && a.personId !== null,
    viewObjections: office,
    viewReads: office,
  };
}

/** A finding and the action on the item must agree (docs/notices-design.md). */
export function findingActionValid(finding: Finding, action: ItemAction): boolean {
  if (finding === 'upheld') return action === 'withdraw' || action === 'correct';
  if (finding === 'not_upheld') return action === 'none';
  return true;
}
