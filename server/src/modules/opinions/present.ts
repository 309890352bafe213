import type { OpinionDepartmentRow, OpinionEventRow, OpinionRow } from './repository.js';

/**
 * Presenters: rows in, whitelisted responses out. No presenter ever returns the submitter of an
 * anonymous item; the submitter's name reaches handlers only (HandlerView), never the wall.
 */

export const OPEN_FOR_QUESTIONS = ['accepted', 'dispatched', 'signed'] as const;

/** Questions asked and not yet answered (answers follow questions in the timeline). */
export function openQuestion(events: Pick<OpinionEventRow, 'type'>[]): boolean {
  let open = 0;
  for (const e of events) {
    if (e.type === 'question') open += 1;
    else if (e.type === 'answer') open = 0;
  }
  return open > 0;
}

/** What the submitter may do now (named on "my opinions", anonymous on the tracking page). */
export function submitterAbilities(row: Pick<OpinionRow, 'status'>, events: OpinionEventRow[]) {
  return {
    answer: (OPEN_FOR_QUESTIONS as readonly string[]).includes(row.status) && openQuestion(events),
    rate: row.status === 'replied',
  };
}

/** One step of the timeline as the submitter sees it: who (office / a department), never a name. */
export function presentTimelineEvent(e: OpinionEventRow, departmentNames: Map<number, string>) {
  return {
    id: e.id,
    type: e.type,
    author: e.author,
    departmentId: e.department_id,
    departmentName:
      e.department_id === null ? null : (departmentNames.get(e.department_id) ?? null),
    body: e.body,
    on: e.on,
  };
}

function common(row: OpinionRow, departmentNames: Map<number, string>) {
  return {
    id: row.id,
    kind: row.kind,
    category: row.category,
    title: row.title,
    content: row.content,
    anonymous: row.anonymous === 1,
    targetDepartmentId: row.target_department_id,
    targetDepartmentName:
      row.target_department_id === null
        ? null
        : (departmentNames.get(row.target_department_id) ?? null),
    consentPublish: row.consent_publish === 1,
    status: row.status,
    closeReason: row.close_reason,
    notAcceptedReason: row.not_accepted_reason,
    suggestedChannel: row.suggested_channel,
    redoUsed: row.redo_used === 1,
    satisfaction: row.satisfaction,
    solved: row.solved,
    ratingComment: row.rating_comment,
    mergedIntoId: row.merged_into_id,
    published: row.published === 1,
    submittedOn: row.submitted_on,
    acceptedOn: row.accepted_on,
    repliedOn: row.replied_on,
    closedOn: row.closed_on,
  };
}

/** The submitter's view (named, "my opinions"): the timeline visible to the submitter. */
export function presentOpinion(
  row: OpinionRow,
  events: OpinionEventRow[],
  departmentNames: Map<number, string>,
  followed: Followed | null = null,
) {
  const visible = events.filter((e) => e.visible_to_submitter === 1);
  return {
    ...common(row, departmentNames),
    timeline: visible.map((e) => presentTimelineEvent(e, departmentNames)),
    followed,
    abilities: submitterAbilities(row, visible),
  };
}
export type OpinionView = ReturnType<typeof presentOpinion>;

/** What a merged item's submitter reads: the answers of the item it was merged into. */
export interface Followed {
  opinionId: string;
  status: string;
  events: Array<{ type: string; author: string; body: string | null; on: string }>;
}

/** The tracking page's view (receipt code): the same as the submitter's, no id of anyone. */
export function presentTracked(
  row: OpinionRow,
  events: OpinionEventRow[],
  departmentNames: Map<number, string>,
  followed: Followed | null = null,
) {
  return presentOpinion(row, events, departmentNames, followed);
}
export type TrackedView = OpinionView;

/** A list row of "my opinions". */
export function presentMineItem(row: OpinionRow, departmentNames: Map<number, string>) {
  return {
    ...common(row, departmentNames),
    abilities: { answer: false, rate: row.status === 'replied' },
  };
}

/**
 * The handlers' view (office; heads of the lead/co departments): everything, the full timeline
 * with the authors' names, the submitter's name for named items only. `abilities` are decided by
 * the handling policy and passed in.
 */
export function presentHandler<A extends Record<string, boolean>>(
  row: OpinionRow,
  input: {
    events: OpinionEventRow[];
    departments: OpinionDepartmentRow[];
    departmentNames: Map<number, string>;
    /** Account id → display name, for the submitter (named) and the events' authors. */
    accountNames: Map<number, string>;
    abilities: A;
  },
) {
  const names = input.departmentNames;
  return {
    ...common(row, names),
    submitter:
      row.anonymous === 0 && row.submitter_account_id !== null
        ? {
            accountId: row.submitter_account_id,
            name: input.accountNames.get(row.submitter_account_id) ?? null,
          }
        : null,
    leadDepartmentId: row.lead_department_id,
    leadDepartmentName:
      row.lead_department_id === null ? null : (names.get(row.lead_department_id) ?? null),
    bounceCount: row.bounce_count,
    meTooCount: row.me_too_count,
    publicTitle: row.public_title,
    publicContent: row.public_content,
    publicReply: row.public_reply,
    updatedAt: row.updated_at,
    departments: input.departments.map((d) => ({
      departmentId: d.department_id,
      departmentName: names.get(d.department_id) ?? null,
      role: d.role,
      status: d.status,
      dispatchedOn: d.dispatched_on,
      signedOn: d.signed_on,
      bounceReason: d.bounce_reason,
    })),
    timeline: input.events.map((e) => ({
      ...presentTimelineEvent(e, names),
      authorName:
        e.author_account_id === null ? null : (input.accountNames.get(e.author_account_id) ?? null),
      visibleToSubmitter: e.visible_to_submitter === 1,
      at: e.at,
    })),
    abilities: input.abilities,
  };
}
export type HandlerView = ReturnType<typeof presentHandler>;

/** A public wall item: the published texts only, no names, no ids of people. */
export function presentWallItem(
  row: Pick<
    OpinionRow,
    | 'id'
    | 'kind'
    | 'public_title'
    | 'public_content'
    | 'public_reply'
    | 'me_too_count'
    | 'replied_on'
  >,
  meToo: { mine: boolean; may: boolean },
) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.public_title ?? '',
    content: row.public_content ?? '',
    reply: row.public_reply ?? '',
    meTooCount: row.me_too_count,
    repliedOn: row.replied_on,
    meTooByMe: meToo.mine,
    abilities: { meToo: meToo.may && !meToo.mine },
  };
}
