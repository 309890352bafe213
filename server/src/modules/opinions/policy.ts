import { CONTENT_ROLES } from '@lianxin/common';
import { hasRole, type Actor } from '../../core/actor.js';

/** The opinion box's rules, one line each (deny by default). */
export const opinionPolicy = {
  /** Any member of staff (a person with a content role) may speak; the administrators do not. */
  submit: (a: Actor) => a.personId !== null && hasRole(a, ...CONTENT_ROLES),
  /** The office runs the inbox: accept, dispatch, reply, merge, publish. */
  handleAll: (a: Actor) => hasRole(a, 'office'),
  /** Department heads handle what is dispatched to their department. */
  handleForDepartment: (a: Actor) => hasRole(a, 'department_head'),
  /** Figures per department and month. */
  viewFigures: (a: Actor) => hasRole(a, 'office', 'leader', 'supervisor'),
};

// ---- handling: the state machine (docs/opinions-design.md "States") ----

export const OPINION_STATUSES = [
  'submitted',
  'accepted',
  'dispatched',
  'signed',
  'replied',
  'closed',
  'merged',
] as const;
export type OpinionStatus = (typeof OPINION_STATUSES)[number];

export const HANDLING_ACTIONS = [
  'accept',
  'notAccept',
  'dispatch',
  'sign',
  'bounce',
  'ask',
  'reply',
  'requestExtension',
  'decideExtension',
  'merge',
  'publish',
] as const;
export type HandlingAction = (typeof HANDLING_ACTIONS)[number];

/**
 * How the actor stands to one item: the office, a head of the lead department (or of a parent of
 * it), a head of a co-department whose row is still live. Computed by the caller from the rows.
 */
export interface HandlerStanding {
  office: boolean;
  lead: boolean;
  co: boolean;
  /** The co-department row of the actor is still waiting for its signature. */
  coUnsigned?: boolean;
}

export interface ItemFacts {
  status: OpinionStatus;
  /** The office replied itself (no lead department): the office also redoes it in `signed`. */
  hasLeadDepartment: boolean;
  consentPublish: boolean;
  /** A reply exists (replied, or closed after a reply). */
  hasReply: boolean;
}

type Rule = (s: HandlerStanding, f: ItemFacts) => boolean;
const is =
  (...states: OpinionStatus[]) =>
  (f: ItemFacts) =>
    states.includes(f.status);

/** Which action is allowed in which state by whom: one line per action, deny by default. */
export const HANDLING_RULES: Record<HandlingAction, Rule> = {
  accept: (s, f) => s.office && is('submitted')(f),
  notAccept: (s, f) => s.office && is('submitted')(f),
  dispatch: (s, f) => s.office && is('accepted')(f),
  sign: (s, f) =>
    ((s.lead && is('dispatched')(f)) || (s.co && !!s.coUnsigned)) && is('dispatched', 'signed')(f),
  bounce: (s, f) => s.lead && is('dispatched')(f),
  ask: (s, f) =>
    (s.office && is('accepted', 'dispatched', 'signed')(f)) ||
    (s.lead && is('dispatched', 'signed')(f)),
  reply: (s, f) =>
    (s.office && (is('accepted')(f) || (is('signed')(f) && !f.hasLeadDepartment))) ||
    (s.lead && is('signed')(f)),
  requestExtension: (s, f) => s.lead && is('dispatched', 'signed')(f),
  decideExtension: (s, f) => s.office && is('accepted', 'dispatched', 'signed')(f),
  merge: (s, f) => s.office && is('submitted', 'accepted', 'dispatched', 'signed')(f),
  publish: (s, f) => s.office && f.consentPublish && f.hasReply && is('replied', 'closed')(f),
};

/** Whether the actor may see the item at all in the handling views (404 otherwise). */
export const mayViewAsHandler = (s: HandlerStanding) => s.office || s.lead || s.co;

/** Can `action` be done at all by this standing in some state? (403 vs 409 in routes.) */
export function actionAllowed(action: HandlingAction, s: HandlerStanding, f: ItemFacts): boolean {
  return HANDLING_RULES[action](s, f);
}

/** The abilities carried by a HandlerView. */
export function handlingAbilities(
  s: HandlerStanding,
  f: ItemFacts,
): Record<HandlingAction, boolean> {
  return Object.fromEntries(HANDLING_ACTIONS.map((a) => [a, HANDLING_RULES[a](s, f)])) as Record<
    HandlingAction,
    boolean
  >;
}

/** States in which an item may be the target of a merge (open and not itself merged). */
export const MERGE_TARGET_STATES: readonly OpinionStatus[] = [
  'submitted',
  'accepted',
  'dispatched',
  'signed',
  'replied',
];

/**
 * Why an action is refused: `forbidden` (403) when this standing may never do it, `wrong_state`
 * (409) when it could in another state or once the submitter consented. `null` when allowed.
 */
export function handlingRefusal(
  action: HandlingAction,
  s: HandlerStanding,
  f: ItemFacts,
): 'forbidden' | 'wrong_state' | null {
  if (HANDLING_RULES[action](s, f)) return null;
  const someday = OPINION_STATUSES.some((status) =>
    [true, false].some((hasLeadDepartment) =>
      HANDLING_RULES[action](
        { ...s, coUnsigned: s.co },
        { status, hasLeadDepartment, consentPublish: true, hasReply: true },
      ),
    ),
  );
  return someday ? 'wrong_state' : 'forbidden';
}
