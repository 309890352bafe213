import type { Actor } from '../../core/actor.js';
import { AppError } from '../../core/errors.js';
import { presentAttachment } from '../../core/files/present.js';
import { listRecordAttachments } from '../../core/files/repository.js';
import { todayInShanghai } from '../../core/calendar/working-days.js';
import { openDeadlinesFor } from '../../core/deadlines/service.js';
import type { Queryable } from '../../db/database.js';
import { factsOf, headScope, standingFrom, standingOf } from './commands-handling.js';
import { handlingAbilities, HANDLING_ACTIONS, type HandlingAction } from './policy.js';
import * as repo from './repository.js';
import * as hrepo from './repository-handling.js';

/**
 * The handling views, fields whitelisted. An anonymous item's submitter is never shown (there is
 * nothing stored to show); a named item's submitter is shown to its handlers only.
 */

const dep = (names: Map<number, string>, id: number | null) =>
  id === null ? null : { id, name: names.get(id) ?? '' };

const NO_ABILITIES = Object.fromEntries(HANDLING_ACTIONS.map((a) => [a, false])) as Record<
  HandlingAction,
  boolean
>;

/** GET /api/opinions/:id — handlers see everything; the named submitter sees their own thread. */
export async function handlerView(db: Queryable, actor: Actor, id: string) {
  const o = await repo.getOpinion(db, actor.unitId, id);
  if (!o) throw new AppError('OPINION_NOT_FOUND', undefined, 404);
  const rows = await repo.listOpinionDepartments(db, actor.unitId, id);
  const standing = await standingOf(db, actor, o, rows);
  const isHandler = standing.office || standing.lead || standing.co || standing.former;
  const isSubmitter =
    o.anonymous === 0 &&
    o.submitter_account_id !== null &&
    o.submitter_account_id === actor.accountId;
  if (!isHandler && !isSubmitter) throw new AppError('OPINION_NOT_FOUND', undefined, 404);

  const events = await repo.listEvents(db, actor.unitId, id, { submitterOnly: !isHandler });
  const deadlines = await openDeadlinesFor(db, actor.unitId, 'opinion', [id]);
  const depIds = [
    ...rows.map((r) => r.department_id),
    ...events.map((e) => e.department_id).filter((x): x is number => x !== null),
    ...[o.lead_department_id, o.target_department_id].filter((x): x is number => x !== null),
  ];
  const names = await hrepo.departmentNames(db, actor.unitId, depIds);
  const people = isHandler
    ? await hrepo.accountNames(db, actor.unitId, [
        ...events
          .filter((e) => e.author !== 'submitter')
          .map((e) => e.author_account_id)
          .filter((x): x is number => x !== null),
        ...(o.anonymous === 0 && o.submitter_account_id !== null ? [o.submitter_account_id] : []),
      ])
    : new Map<number, string>();
  const attachments = await listRecordAttachments(db, actor.unitId, 'opinion', id);
  const thread = o.status === 'merged' ? await hrepo.threadFor(db, actor.unitId, id) : null;
  const today = todayInShanghai();
  return {
    id: o.id,
    kind: o.kind,
    category: o.category,
    title: o.title,
    content: o.content,
    status: o.status,
    anonymous: o.anonymous === 1,
    submitterName:
      isHandler && o.anonymous === 0 && o.submitter_account_id !== null
        ? (people.get(o.submitter_account_id) ?? null)
        : null,
    viewer: isHandler ? ('handler' as const) : ('submitter' as const),
    targetDepartment: dep(names, o.target_department_id),
    leadDepartment: dep(names, o.lead_department_id),
    departments: isHandler
      ? rows.map((r) => ({
          department: dep(names, r.department_id)!,
          role: r.role,
          status: r.status,
          dispatchedOn: r.dispatched_on,
          signedOn: r.signed_on,
          bounceReason: r.bounce_reason,
        }))
      : [],
    consentPublish: o.consent_publish === 1,
    notAcceptedReason: o.not_accepted_reason,
    suggestedChannel: o.suggested_channel,
    redoUsed: o.redo_used === 1,
    bounceCount: isHandler ? o.bounce_count : 0,
    satisfaction: o.satisfaction,
    solved: o.solved,
    ratingComment: o.rating_comment,
    closeReason: o.close_reason,
    mergedIntoId: o.merged_into_id,
    published: o.published === 1,
    publicTitle: o.public_title,
    publicContent: o.public_content,
    publicReply: o.public_reply,
    meTooCount: o.me_too_count,
    submittedOn: o.submitted_on,
    acceptedOn: o.accepted_on,
    repliedOn: o.replied_on,
    closedOn: o.closed_on,
    deadlines: deadlines.map((d) => ({
      step: d.step,
      dueDate: d.due_date,
      late: d.due_date < today,
      extensionStatus: isHandler ? d.extension_status : null,
      extensionDays: isHandler ? d.extension_days : null,
      extensionReason: isHandler ? d.extension_reason : null,
    })),
    timeline: events.map((e) => ({
      type: e.type,
      author: e.author,
      authorName:
        isHandler && e.author !== 'submitter' && e.author_account_id !== null
          ? (people.get(e.author_account_id) ?? null)
          : null,
      department: dep(names, e.department_id),
      body: e.body,
      visibleToSubmitter: e.visible_to_submitter === 1,
      on: e.on,
      // Submitter-anonymous events carry their date only.
      at: e.author === 'submitter' && o.anonymous === 1 ? null : e.at,
    })),
    attachments: attachments.map(presentAttachment),
    followed:
      thread && thread.merged
        ? {
            opinionId: thread.opinionId,
            status: thread.status ?? '',
            events: thread.events.map((e) => ({
              type: e.type,
              author: e.author,
              body: e.body,
              on: e.on,
            })),
          }
        : null,
    abilities: isHandler ? handlingAbilities(standing, factsOf(o)) : NO_ABILITIES,
  };
}

/** GET /api/opinions/inbox — office: all; department heads: what is dispatched to them. */
export async function inbox(
  db: Queryable,
  actor: Actor,
  scope: number[] | undefined,
  q: {
    status?: string;
    kind?: string;
    departmentId?: number;
    late?: boolean;
    page: number;
    pageSize: number;
  },
) {
  const today = todayInShanghai();
  const { items, total } = await hrepo.listInbox(db, {
    unitId: actor.unitId,
    today,
    departmentScope: scope,
    ...q,
  });
  const deadlines = await openDeadlinesFor(
    db,
    actor.unitId,
    'opinion',
    items.map((i) => i.id),
  );
  // Every row carries what this actor may do on it now (the same rules as the item page).
  const [departmentRows, headDepartments] = await Promise.all([
    repo.listDepartmentsOfOpinions(
      db,
      actor.unitId,
      items.map((i) => i.id),
    ),
    headScope(db, actor),
  ]);
  const names = await hrepo.departmentNames(
    db,
    actor.unitId,
    items.flatMap((i) =>
      [i.lead_department_id, i.target_department_id].filter((x): x is number => x !== null),
    ),
  );
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    items: items.map((i) => {
      const mine = deadlines.filter((d) => d.subject_id === i.id);
      return {
        id: i.id,
        kind: i.kind,
        category: i.category,
        title: i.title,
        status: i.status,
        anonymous: i.anonymous === 1,
        leadDepartment: dep(names, i.lead_department_id),
        targetDepartment: dep(names, i.target_department_id),
        bounceCount: i.bounce_count,
        submittedOn: i.submitted_on,
        acceptedOn: i.accepted_on,
        repliedOn: i.replied_on,
        closedOn: i.closed_on,
        replyDue: mine.find((d) => d.step === 'reply')?.due_date ?? null,
        late: mine.some((d) => d.due_date < today),
        abilities: handlingAbilities(
          standingFrom(
            actor,
            i,
            departmentRows.filter((r) => r.opinion_id === i.id),
            headDepartments,
          ),
          factsOf(i),
        ),
      };
    }),
  };
}
