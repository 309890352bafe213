import crypto from 'node:crypto';
import { CONTENT_ROLES, translate } from '@lianxin/common';
import { hasRole, systemActor, type Actor } from '../../core/actor.js';
import { todayInShanghai } from '../../core/calendar/working-days.js';
import { runCommand, type CommandContext } from '../../core/command.js';
import { AppError } from '../../core/errors.js';
import { indexDocuments, type IndexInput } from '../../core/search/commands.js';
import { nowIso, type Database, type DbKind, type Queryable } from '../../db/database.js';
import { answerRows, checkAnswers, checkQuestions, cleanDraft } from './answers.js';
import { surveyPolicy } from './policy.js';
import { isAnswerable, presentSummary, presentSurvey } from './present.js';
import type { Answers } from './questions.js';
import * as repo from './repository.js';
import type { SurveyInput, SurveySummary, SurveyView } from './schemas.js';

/**
 * The surveys' commands: build (create, update, open, close), answer (draft, submit), remind,
 * and the jobs' work. Anonymity (docs/surveys-design.md): an anonymous submission writes no
 * audit entry, no outbox event, no timestamp finer than the date and nothing that names the
 * account next to what was answered; its free-text answers reach the search index in a later
 * batch, never at the moment of answering.
 */

const notFound = () => new AppError('SURVEY_NOT_FOUND', undefined, 404);
const wrongStatus = (status: string) => new AppError('SURVEY_WRONG_STATUS', { status }, 409);

/** The order in which a person's roles decide their "primary role" (cross tabs by role). */
export const PRIMARY_ROLE_ORDER = [
  'leader',
  'department_head',
  'office',
  'supervisor',
  'motion_committee',
  'staff',
] as const;

export function primaryRole(roles: readonly string[]): string | null {
  return PRIMARY_ROLE_ORDER.find((r) => roles.includes(r)) ?? null;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random 22-character base62 id: responses carry no order of answering. */
export function newResponseId(): string {
  let out = '';
  while (out.length < 22) {
    for (const b of crypto.randomBytes(32)) if (b < 248 && out.length < 22) out += BASE62[b % 62];
  }
  return out;
}

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

// ---- reading ----

async function departmentNames(db: Queryable, unitId: number) {
  return new Map((await repo.departments(db, unitId)).map((d) => [d.id, d.name]));
}

/** A survey the actor may see (audience member, manager, results reader), else 404. */
async function visibleSurvey(db: Queryable, actor: Actor, id: number) {
  if (!surveyPolicy.answer(actor) && !surveyPolicy.build(actor)) throw new AppError('FORBIDDEN');
  const s = await repo.findSurvey(db, actor.unitId, id);
  if (!s) throw notFound();
  const participant = await repo.findParticipant(db, id, actor.accountId);
  if (!participant && !surveyPolicy.manage(actor, s) && !surveyPolicy.viewResults(actor, s))
    throw notFound();
  return { s, participant };
}

/** A survey the actor manages, else 404 (it is not theirs to see) or 403 (they can read it). */
async function managedSurvey(db: Queryable, actor: Actor, id: number) {
  if (!surveyPolicy.build(actor)) throw new AppError('FORBIDDEN');
  const s = await repo.findSurvey(db, actor.unitId, id);
  if (!s) throw notFound();
  if (!surveyPolicy.manage(actor, s)) {
    if (surveyPolicy.viewResults(actor, s)) throw new AppError('FORBIDDEN');
    throw notFound();
  }
  return s;
}

export async function surveyView(db: Queryable, actor: Actor, id: number): Promise<SurveyView> {
  const { s, participant } = await visibleSurvey(db, actor, id);
  const [names, invited, draft] = await Promise.all([
    departmentNames(db, actor.unitId),
    repo.invitedCounts(db, [id]),
    participant && participant.answered === 0 ? repo.findDraft(db, id, actor.accountId) : null,
  ]);
  return presentSurvey(
    actor,
    s,
    {
      participant: participant ? { answered: participant.answered === 1 } : null,
      draft: draft ? (JSON.parse(draft.answers) as Answers) : null,
      invited: invited.get(id) ?? 0,
    },
    names,
  );
}

export async function listSurveys(
  db: Queryable,
  actor: Actor,
  scope: 'mine' | 'manage',
): Promise<SurveySummary[]> {
  let rows: repo.SummaryRow[];
  if (scope === 'mine') {
    if (!surveyPolicy.answer(actor)) throw new AppError('FORBIDDEN');
    rows = await repo.listMine(db, actor.unitId, actor.accountId);
  } else if (hasRole(actor, 'office')) {
    rows = await repo.listManaged(db, actor.unitId, actor.accountId, undefined);
  } else if (hasRole(actor, 'leader')) {
    // Leaders read every survey's results: the unit's surveys once opened, and their own
    // department's drafts when they also head one.
    const own = hasRole(actor, 'department_head') ? actor.departmentId : null;
    rows = (await repo.listManaged(db, actor.unitId, actor.accountId, undefined)).filter(
      (r) => r.status !== 'draft' || (own !== null && r.owner_department_id === own),
    );
  } else if (surveyPolicy.build(actor)) {
    rows = await repo.listManaged(db, actor.unitId, actor.accountId, actor.departmentId ?? -1);
  } else throw new AppError('FORBIDDEN');
  const [names, invited] = await Promise.all([
    departmentNames(db, actor.unitId),
    repo.invitedCounts(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => presentSummary(r, invited.get(r.id) ?? 0, names));
}

// ---- building ----

function checkTimes(opensAt: string | null, closesAt: string | null, now: string) {
  if (opensAt && closesAt && Date.parse(closesAt) <= Date.parse(opensAt))
    throw new AppError('SURVEY_INVALID', { problem: 'closes_before_opens' });
  if (closesAt && Date.parse(closesAt) <= Date.parse(now))
    throw new AppError('SURVEY_INVALID', { problem: 'closes_in_past' });
}

/**
 * The audience as stored: departments must be active departments of the unit, and for a
 * department's survey inside that department's subtree (none given: the department itself).
 */
async function checkAudience(
  db: Queryable,
  unitId: number,
  owner: number | null,
  audience: SurveyInput['audience'],
) {
  const deps = await repo.departments(db, unitId);
  const byId = new Map(deps.map((d) => [d.id, d]));
  const ids = [...new Set(audience.departmentIds)];
  for (const id of ids) {
    const d = byId.get(id);
    if (!d || d.active !== 1) throw new AppError('SURVEY_INVALID', { problem: 'department', id });
  }
  if (owner !== null) {
    const root = byId.get(owner);
    if (!root) throw new AppError('SURVEY_AUDIENCE_OUTSIDE', undefined, 403);
    for (const id of ids) {
      const d = byId.get(id)!;
      if (d.id !== root.id && !d.path.startsWith(`${root.path}/`))
        throw new AppError('SURVEY_AUDIENCE_OUTSIDE', { id }, 403);
    }
    if (ids.length === 0) ids.push(owner);
  }
  return { departmentIds: ids, roles: [...new Set(audience.roles)] };
}

export async function createSurvey(ctx: CommandContext, input: SurveyInput): Promise<number> {
  const actor = ctx.actor;
  if (!surveyPolicy.build(actor)) throw new AppError('FORBIDDEN');
  const owner = hasRole(actor, 'office') ? null : actor.departmentId;
  if (!hasRole(actor, 'office') && owner === null) throw new AppError('FORBIDDEN');
  const questions = checkQuestions(input.questions);
  const now = nowIso();
  const opensAt = iso(input.opensAt);
  const closesAt = iso(input.closesAt);
  checkTimes(opensAt, closesAt, now);
  return runCommand(ctx, async (tx, audit) => {
    const audience = await checkAudience(tx, actor.unitId, owner, input.audience);
    const id = await repo.insertSurvey(tx, {
      unitId: actor.unitId,
      title: input.title,
      description: input.description,
      anonymous: input.anonymous,
      audience,
      questions,
      opensAt,
      closesAt,
      ownerDepartmentId: owner,
      createdBy: actor.accountId,
      now,
    });
    await audit(
      'survey.created',
      { type: 'survey', id },
      {
        title: input.title,
        anonymous: input.anonymous,
        questions: questions.length,
      },
    );
    return id;
  });
}

/**
 * Edit a draft or an open survey. Once anyone has answered (locked) the questions cannot
 * change (SURVEY_LOCKED); once open the audience and the anonymity cannot either (the snapshot
 * is taken and people answered under that promise). Title, description and closesAt may still
 * change; opensAt of an open survey stays what it was. A closed survey is final.
 */
export async function updateSurvey(ctx: CommandContext, id: number, input: SurveyInput) {
  const actor = ctx.actor;
  const questions = checkQuestions(input.questions);
  const now = nowIso();
  await runCommand(ctx, async (tx, audit) => {
    const s = await managedSurvey(tx, actor, id);
    if (s.status === 'closed') throw wrongStatus(s.status);
    const audience = await checkAudience(tx, actor.unitId, s.ownerDepartmentId, input.audience);
    const questionsChanged = JSON.stringify(questions) !== JSON.stringify(s.questions);
    if (questionsChanged && s.locked)
      throw new AppError('SURVEY_LOCKED', { field: 'questions' }, 409);
    const opensAt = s.status === 'open' ? s.opensAt : iso(input.opensAt);
    const closesAt = iso(input.closesAt);
    if (s.status === 'open') {
      if (input.anonymous !== s.anonymous)
        throw new AppError('SURVEY_LOCKED', { field: 'anonymous' }, 409);
      const same = (a: unknown[], b: unknown[]) =>
        JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
      if (
        !same(audience.departmentIds, s.audience.departmentIds) ||
        !same(audience.roles, s.audience.roles)
      )
        throw new AppError('SURVEY_LOCKED', { field: 'audience' }, 409);
      checkTimes(null, closesAt, now);
    } else checkTimes(opensAt, closesAt, now);
    const updated = await repo.updateSurveyValues(tx, actor.unitId, id, {
      title: input.title,
      description: input.description,
      anonymous: input.anonymous,
      audience,
      questions,
      opensAt,
      closesAt,
      now,
      onlyUnlocked: questionsChanged,
    });
    // Someone answered meanwhile (the first answer locks under the survey's row lock).
    if (!updated) throw new AppError('SURVEY_LOCKED', { field: 'questions' }, 409);
    await audit(
      'survey.updated',
      { type: 'survey', id },
      {
        title: input.title,
        questionsChanged,
      },
    );
  });
}

/** Who is in the audience now: each person with their department and primary role. */
export async function resolveAudience(
  db: Queryable,
  unitId: number,
  audience: repo.Audience,
): Promise<repo.ParticipantValues[]> {
  const [deps, people] = await Promise.all([
    repo.departments(db, unitId),
    repo.candidates(db, unitId),
  ]);
  let inDepartments: (departmentId: number) => boolean = () => true;
  if (audience.departmentIds.length) {
    const roots = deps.filter((d) => audience.departmentIds.includes(d.id)).map((d) => d.path);
    const allowed = new Set(
      deps
        .filter((d) => roots.some((p) => d.path === p || d.path.startsWith(`${p}/`)))
        .map((d) => d.id),
    );
    inDepartments = (id) => allowed.has(id);
  }
  const wanted: readonly string[] = audience.roles.length ? audience.roles : CONTENT_ROLES;
  const out: repo.ParticipantValues[] = [];
  for (const p of people) {
    if (!inDepartments(p.departmentId)) continue;
    if (!p.roles.some((r) => wanted.includes(r))) continue;
    const role = primaryRole(p.roles);
    if (role) out.push({ accountId: p.accountId, departmentId: p.departmentId, role });
  }
  return out;
}

async function openIn(
  tx: Parameters<Parameters<typeof runCommand>[1]>[0],
  audit: Parameters<Parameters<typeof runCommand>[1]>[1],
  emit: Parameters<Parameters<typeof runCommand>[1]>[2],
  s: repo.SurveyRecord,
) {
  if (s.status !== 'draft') throw wrongStatus(s.status);
  checkQuestions(s.questions, true);
  const now = nowIso();
  checkTimes(null, s.closesAt, now);
  const people = await resolveAudience(tx, s.unitId, s.audience);
  if (people.length === 0) throw new AppError('SURVEY_AUDIENCE_EMPTY', undefined, 409);
  const opensAt = s.opensAt && Date.parse(s.opensAt) <= Date.parse(now) ? s.opensAt : now;
  if (!(await repo.setStatus(tx, s.unitId, s.id, 'draft', 'open', { opensAt, now })))
    throw wrongStatus('open');
  await repo.insertParticipants(tx, s.unitId, s.id, people);
  await emit({
    type: 'survey.opened',
    subject: { type: 'survey', id: s.id },
    recipients: people.map((p) => p.accountId),
    data: { title: s.title, closesAt: s.closesAt },
  });
  await audit('survey.opened', { type: 'survey', id: s.id }, { invited: people.length });
  return people.length;
}

/** Open now: fixes the audience snapshot (an empty audience is refused). */
export async function openSurvey(ctx: CommandContext, id: number) {
  await runCommand(ctx, async (tx, audit, emit) => {
    const s = await managedSurvey(tx, ctx.actor, id);
    await openIn(tx, audit, emit, s);
  });
}

async function closeIn(
  tx: Parameters<Parameters<typeof runCommand>[1]>[0],
  kind: DbKind,
  audit: Parameters<Parameters<typeof runCommand>[1]>[1],
  s: repo.SurveyRecord,
) {
  if (s.status !== 'open') throw wrongStatus(s.status);
  const now = nowIso();
  if (!(await repo.setStatus(tx, s.unitId, s.id, 'open', 'closed', { closedAt: now, now })))
    throw wrongStatus('closed');
  await repo.touchParticipants(tx, s.id);
  const indexed = await indexTexts(tx, kind, s, null);
  await audit(
    'survey.closed',
    { type: 'survey', id: s.id },
    {
      responses: s.responseCount,
      textsIndexed: indexed,
    },
  );
}

export async function closeSurvey(ctx: CommandContext, id: number) {
  await runCommand(ctx, async (tx, audit) => {
    const s = await managedSurvey(tx, ctx.actor, id);
    await closeIn(tx, ctx.database.kind, audit, s);
  });
}

// ---- answering ----

/** The submission's Idempotency-Key, checked (8–100 visible ASCII characters), or null. */
export function validIdempotencyKey(key: string | undefined): string | null {
  if (key === undefined) return null;
  if (key.length < 8 || key.length > 100 || !/^[\x21-\x7e]+$/.test(key))
    throw new AppError('SURVEY_IDEMPOTENCY_KEY_INVALID');
  return key;
}

export function idempotencyHash(unitId: number, surveyId: number, key: string) {
  return crypto.createHash('sha256').update(`${unitId}:${surveyId}:${key}`).digest('hex');
}

/** Other answered participants whose rows an anonymous answer rewrites too (PostgreSQL). */
export const DECOYS = 5;

/** The same submission again (a retry after a lost answer): answered ok, nothing written. */
class Replay extends Error {}

async function answeringParticipant(db: Queryable, actor: Actor, surveyId: number) {
  if (!surveyPolicy.answer(actor)) throw new AppError('FORBIDDEN');
  const s = await repo.findSurvey(db, actor.unitId, surveyId);
  if (!s) throw notFound();
  const p = await repo.findParticipant(db, surveyId, actor.accountId);
  if (!p) throw notFound();
  return { s, p };
}

function alreadyAnswered(p: { idempotency_hash: string | null }, keyHash: string | null): never {
  if (keyHash !== null && p.idempotency_hash === keyHash) throw new Replay();
  throw new AppError('SURVEY_ALREADY_ANSWERED', undefined, 409);
}

/** Save and continue later: the person's own draft, not checked for required answers. */
export async function saveDraft(ctx: CommandContext, id: number, answers: Answers) {
  const actor = ctx.actor;
  const now = nowIso();
  await runCommand(ctx, async (tx, audit) => {
    const { s, p } = await answeringParticipant(tx, actor, id);
    if (p.answered === 1) throw new AppError('SURVEY_ALREADY_ANSWERED', undefined, 409);
    if (!isAnswerable(s, now)) throw new AppError('SURVEY_NOT_OPEN', undefined, 409);
    await repo.saveDraft(tx, {
      surveyId: id,
      accountId: actor.accountId,
      unitId: actor.unitId,
      answers: JSON.stringify(cleanDraft(s.questions, answers)),
      now,
    });
    // A named survey's draft is the person's named work; an anonymous one's leaves no trace.
    if (!s.anonymous) await audit('survey.draft_saved', { type: 'survey', id }, {});
  });
  return { savedAt: now };
}

/**
 * Submit: one transaction writes the response (random id, date only, the group for cross tabs,
 * the account only when named), its answer rows, participants.answered, response_count + 1,
 * locked, and deletes the draft. A second answer is SURVEY_ALREADY_ANSWERED — also under a race
 * (the participant row is marked with `answered = 0` in its WHERE). The same Idempotency-Key
 * again is answered ok.
 */
export async function submitResponse(
  ctx: CommandContext,
  id: number,
  answers: Answers,
  idempotencyKey?: string,
): Promise<{ ok: true }> {
  const actor = ctx.actor;
  const key = validIdempotencyKey(idempotencyKey);
  const keyHash = key ? idempotencyHash(actor.unitId, id, key) : null;
  const now = nowIso();
  const today = todayInShanghai();
  try {
    await runCommand(ctx, async (tx, audit) => {
      const first = await answeringParticipant(tx, actor, id);
      if (first.p.answered === 1) alreadyAnswered(first.p, keyHash);
      // Under the survey's row lock: still open, and the questions cannot change any more.
      if (!(await repo.countResponse(tx, actor.unitId, id, now)))
        throw new AppError('SURVEY_NOT_OPEN', undefined, 409);
      const s = (await repo.findSurvey(tx, actor.unitId, id))!;
      if (!isAnswerable(s, now)) throw new AppError('SURVEY_NOT_OPEN', undefined, 409);
      const checked = checkAnswers(s.questions, answers);
      if (!(await repo.markAnswered(tx, id, actor.accountId, keyHash))) {
        const p = await repo.findParticipant(tx, id, actor.accountId);
        alreadyAnswered(p ?? { idempotency_hash: null }, keyHash);
      }
      if (s.anonymous && ctx.database.kind === 'postgres')
        await repo.touchDecoys(
          tx,
          id,
          actor.accountId,
          s.responseCount - 1,
          DECOYS,
          crypto.randomInt,
        );
      const responseId = newResponseId();
      await repo.insertResponse(tx, {
        id: responseId,
        unitId: actor.unitId,
        surveyId: id,
        accountId: s.anonymous ? null : actor.accountId,
        departmentId: first.p.department_id,
        role: first.p.role,
        submittedOn: today,
      });
      const rows = answerRows(s.questions, checked);
      await repo.insertAnswers(tx, { responseId, unitId: actor.unitId, surveyId: id }, rows);
      await repo.deleteDraft(tx, id, actor.accountId);
      if (!s.anonymous) {
        await audit('survey.answered', { type: 'survey', id }, {});
        // Named: this response's texts now (an anonymous one's wait for the daily batch).
        const texts = rows
          .filter((r) => r.value_text !== null)
          .map((r) => ({ ...r, response_id: responseId }));
        await indexTexts(tx, ctx.database.kind, s, null, texts);
      }
    });
  } catch (error) {
    if (error instanceof Replay) return { ok: true };
    throw error;
  }
  return { ok: true };
}

// ---- reminders ----

/** Remind those who have not answered, at most once a day each (anonymous surveys alike). */
export async function remindSurvey(ctx: CommandContext, id: number): Promise<number> {
  const today = todayInShanghai();
  return runCommand(ctx, async (tx, audit, emit) => {
    const s = await managedSurvey(tx, ctx.actor, id);
    if (s.status !== 'open') throw wrongStatus(s.status);
    const accounts = await repo.remindDue(tx, id, today);
    if (accounts.length) {
      await emit({
        type: 'survey.reminder',
        subject: { type: 'survey', id },
        recipients: accounts,
        data: { title: s.title, closesAt: s.closesAt },
      });
    }
    await audit('survey.reminded', { type: 'survey', id }, { reminded: accounts.length });
    return accounts.length;
  });
}

// ---- search ----

/** Who reads a survey's free-text answers in the search: office, leaders, its department's heads. */
async function textVisibility(db: Queryable, s: repo.SurveyRecord) {
  const heads =
    s.ownerDepartmentId === null ? [] : await repo.headsOf(db, s.unitId, s.ownerDepartmentId);
  return {
    roles: ['office', 'leader'] as const,
    ...(heads.length ? { accounts: heads.slice(0, 1000) } : {}),
  };
}

/**
 * Put the survey's free-text answers not yet indexed into the search, in a random order, with
 * no author: only the text, the survey and the question. `before`: only responses submitted
 * before that date. Returns how many were indexed.
 */
async function indexTexts(
  tx: Parameters<Parameters<typeof runCommand>[1]>[0],
  kind: DbKind,
  s: repo.SurveyRecord,
  before: string | null,
  only?: Array<{ response_id: string; question_id: string; value_text: string | null }>,
): Promise<number> {
  const rows = only ?? (await repo.unindexedTexts(tx, s.id, before));
  if (!rows.length) return 0;
  const visibility = await textVisibility(tx, s);
  const titles = new Map(s.questions.map((q) => [q.id, q.title]));
  const inputs: IndexInput[] = shuffle(rows).map((r) => ({
    unitId: s.unitId,
    recordKind: repo.SEARCH_KIND,
    recordId: `${r.response_id}-${r.question_id}`,
    title: translate('zh-CN', 'surveys.search.title', {
      survey: s.title,
      question: titles.get(r.question_id) ?? r.question_id,
    }),
    text: r.value_text ?? '',
    visibility: { roles: [...visibility.roles], accounts: visibility.accounts },
    link: `/surveys/${s.id}/results`,
  }));
  await indexDocuments(tx, kind, inputs);
  return inputs.length;
}

// ---- jobs ----

/** Open drafts whose opensAt has come, close open surveys whose closesAt has passed. */
export async function runSchedule(database: Database, now: string = nowIso()) {
  const due = await repo.dueSurveys(database.db, now);
  let done = 0;
  for (const d of due) {
    try {
      await runCommand({ database, actor: systemActor(d.unit_id) }, async (tx, audit, emit) => {
        const s = await repo.findSurvey(tx, d.unit_id, d.id);
        if (!s || s.status !== d.status) return;
        if (s.status === 'draft') await openIn(tx, audit, emit, s);
        else await closeIn(tx, database.kind, audit, s);
      });
      done++;
    } catch (error) {
      // A draft that cannot open (no questions, empty audience, closesAt passed) stays a draft.
      if (!(error instanceof AppError)) throw error;
    }
  }
  return done;
}

/** The daily batch: anonymous surveys' texts of the days before today, in a random order. */
export async function indexAnonymousTexts(database: Database, today: string = todayInShanghai()) {
  let indexed = 0;
  for (const row of await repo.openAnonymousWithAnswers(database.db)) {
    indexed += await runCommand({ database, actor: systemActor(row.unit_id) }, async (tx) => {
      const s = await repo.findSurvey(tx, row.unit_id, row.id);
      return s ? indexTexts(tx, database.kind, s, today) : 0;
    });
  }
  return indexed;
}
