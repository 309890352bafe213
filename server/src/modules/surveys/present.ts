import type { Actor } from '../../core/actor.js';
import { surveyPolicy } from './policy.js';
import { questionsFor } from './order.js';
import type { SurveyRecord, SummaryRow } from './repository.js';
import type { SurveySummary, SurveyView } from './schemas.js';
import type { Answers } from './questions.js';

/** Whether a survey takes answers at `now` (open, and inside its opening times). */
export function isAnswerable(
  s: Pick<SurveyRecord, 'status' | 'opensAt' | 'closesAt'>,
  now: string = new Date().toISOString(),
) {
  const t = Date.parse(now);
  return (
    s.status === 'open' &&
    (s.opensAt === null || Date.parse(s.opensAt) <= t) &&
    (s.closesAt === null || Date.parse(s.closesAt) > t)
  );
}

export function presentSummary(
  r: SummaryRow,
  invited: number,
  names: Map<number, string>,
): SurveySummary {
  return {
    id: r.id,
    title: r.title,
    status: r.status as SurveySummary['status'],
    anonymous: r.anonymous === 1,
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    responseCount: r.response_count,
    invited,
    answered: r.answered === 1,
    ownerDepartment:
      r.owner_department_id === null ? null : (names.get(r.owner_department_id) ?? null),
  };
}

export interface ViewerState {
  /** The reader's row in the audience snapshot, if any. */
  participant: { answered: boolean } | null;
  draft: Answers | null;
  invited: number;
}

/** What the reader may do with the survey now. */
export function surveyAbilities(actor: Actor, s: SurveyRecord, v: ViewerState) {
  const manage = surveyPolicy.manage(actor, s);
  return {
    edit: manage && s.status !== 'closed',
    open: manage && s.status === 'draft',
    close: manage && s.status === 'open',
    answer:
      surveyPolicy.answer(actor) && !!v.participant && !v.participant.answered && isAnswerable(s),
    viewResults: surveyPolicy.viewResults(actor, s),
    remind: manage && s.status === 'open',
  };
}

/**
 * The full view. Questions: as stored (original option order); for someone in the audience, a
 * `randomize` question also carries `optionOrder`, the original indexes in that person's order.
 */
export function presentSurvey(
  actor: Actor,
  s: SurveyRecord,
  v: ViewerState,
  names: Map<number, string>,
): SurveyView {
  return {
    id: s.id,
    title: s.title,
    status: s.status,
    anonymous: s.anonymous,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    responseCount: s.responseCount,
    invited: v.invited,
    answered: v.participant?.answered ?? false,
    ownerDepartment: s.ownerDepartmentId === null ? null : (names.get(s.ownerDepartmentId) ?? null),
    description: s.description,
    audience: {
      departmentIds: s.audience.departmentIds,
      roles: s.audience.roles as SurveyView['audience']['roles'],
      departmentNames: s.audience.departmentIds.map((id) => names.get(id) ?? String(id)),
    },
    locked: s.locked,
    questions: questionsFor(s.questions, s.id, v.participant ? actor.accountId : null),
    draft: v.draft,
    abilities: surveyAbilities(actor, s, v),
  };
}
