import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { registerCleanup, signInRoles, testApp, type Database } from '../../../../test/app.js';
import { describeEachDb } from '../../../../test/db.js';
import { seedTestUnit, TEST_PASSWORD, type TestUnit } from '../../../../test/fixtures.js';
import { sessionCookie } from '../../../../test/app.js';
import { indexAnonymousTexts, runSchedule } from './commands.js';
import { optionOrder } from './order.js';
import { renderNotification } from '../../core/notifications/kinds.js';
import type { QuestionInput } from './questions.js';
import { GOOD_ANSWERS, QUESTIONS } from './testing.js';

registerCleanup();

type App = Awaited<ReturnType<typeof testApp>>['app'];

type SurveyTable =
  'surveys' | 'survey_participants' | 'survey_drafts' | 'survey_responses' | 'survey_answers';

describeEachDb('surveys: builder and answering', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  let c: Record<'staff' | 'department_head' | 'office' | 'leader' | 'motion_committee', string>;
  let other: string;

  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database, 'T1');
    c = await signInRoles(app, unit, [
      'staff',
      'department_head',
      'office',
      'leader',
      'motion_committee',
    ]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: unit.other.username, password: TEST_PASSWORD, unit: unit.code },
    });
    other = sessionCookie(res);
  });

  const req = (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    cookie: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url: `/api${url}`,
      headers: { cookie, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const input = (over: Record<string, unknown> = {}) => ({
    title: '食堂满意度调查',
    description: '请如实填写',
    anonymous: true,
    audience: { departmentIds: [], roles: [] },
    opensAt: null,
    closesAt: null,
    questions: QUESTIONS,
    ...over,
  });

  async function create(over: Record<string, unknown> = {}, cookie = c.office) {
    const res = await req('POST', '/surveys', cookie, input(over));
    expect(res.statusCode, res.body).toBe(200);
    return res.json().survey as { id: number; status: string };
  }
  async function createOpen(over: Record<string, unknown> = {}) {
    const s = await create(over);
    const res = await req('POST', `/surveys/${s.id}/open`, c.office);
    expect(res.statusCode, res.body).toBe(200);
    return s.id;
  }
  const count = async (table: SurveyTable, surveyId: number) => {
    const col = table === 'surveys' ? 'id' : 'survey_id';
    const r = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(col, '=', surveyId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const submit = (id: number, answers: unknown, cookie = c.staff, key?: string) =>
    req(
      'POST',
      `/surveys/${id}/responses`,
      cookie,
      { answers },
      key ? { 'idempotency-key': key } : {},
    );

  describe('builder', () => {
    it('creates a draft and refuses a question set that does not hold together', async () => {
      const s = await create();
      expect(s.status).toBe('draft');
      const bad: Array<[string, QuestionInput[]]> = [
        ['duplicate_id', [QUESTIONS[0]!, { ...QUESTIONS[2]!, id: 'q1' }]],
        ['options_required', [{ id: 'a', type: 'single', title: 'x', options: ['only'] }]],
        ['rows_required', [{ id: 'a', type: 'matrix', title: 'x', options: ['a', 'b'] }]],
        [
          'max_choices',
          [{ id: 'a', type: 'multiple', title: 'x', options: ['a', 'b'], maxChoices: 3 }],
        ],
        ['scale_range', [{ id: 'a', type: 'scale', title: 'x', scale: { min: 5, max: 5 } }]],
        ['scale_required', [{ id: 'a', type: 'scale', title: 'x' }]],
        [
          'show_if_target',
          [{ ...QUESTIONS[2]!, showIf: { questionId: 'q1', optionIndexes: [0] } }, QUESTIONS[0]!],
        ],
        [
          'show_if_target',
          [QUESTIONS[2]!, { ...QUESTIONS[3]!, showIf: { questionId: 'q3', optionIndexes: [0] } }],
        ],
        [
          'show_if_option',
          [QUESTIONS[0]!, { ...QUESTIONS[2]!, showIf: { questionId: 'q1', optionIndexes: [2] } }],
        ],
        [
          'too_many_questions',
          Array.from({ length: 101 }, (_, i) => ({ id: `t${i}`, type: 'text', title: 't' })),
        ],
      ];
      for (const [problem, questions] of bad) {
        const res = await req('POST', '/surveys', c.office, input({ questions }));
        expect(res.statusCode, problem).toBe(400);
        expect(res.json().error.code).toBe('SURVEY_INVALID');
        expect(res.json().error.details.problem).toBe(problem);
      }
      const times = await req(
        'POST',
        '/surveys',
        c.office,
        input({ opensAt: '2030-01-02T00:00:00Z', closesAt: '2030-01-01T00:00:00Z' }),
      );
      expect(times.json().error.code).toBe('SURVEY_INVALID');
      expect(times.json().error.details.problem).toBe('closes_before_opens');
    });

    it('lets a department head build for their department subtree only', async () => {
      const outside = await req(
        'POST',
        '/surveys',
        c.department_head,
        input({ audience: { departmentIds: [unit.departments.surgery], roles: [] } }),
      );
      expect(outside.statusCode).toBe(403);
      expect(outside.json().error.code).toBe('SURVEY_AUDIENCE_OUTSIDE');
      const above = await req(
        'POST',
        '/surveys',
        c.department_head,
        input({ audience: { departmentIds: [unit.departments.internal], roles: [] } }),
      );
      expect(above.json().error.code).toBe('SURVEY_AUDIENCE_OUTSIDE');
      const own = await create({}, c.department_head);
      const view = (await req('GET', `/surveys/${own.id}`, c.department_head)).json().survey;
      expect(view.audience.departmentIds).toEqual([unit.departments.cardiology]);
      expect(view.ownerDepartment).toBe('心内科');
      // Staff cannot build; the head's survey is not the motion committee member's to see.
      expect((await req('POST', '/surveys', c.staff, input())).statusCode).toBe(403);
      expect((await req('GET', `/surveys/${own.id}`, c.motion_committee)).statusCode).toBe(404);
      const list = (await req('GET', '/surveys?scope=manage', c.department_head)).json().items;
      expect(list.map((s: { id: number }) => s.id)).toContain(own.id);
      expect(list.every((s: { ownerDepartment: string }) => s.ownerDepartment === '心内科')).toBe(
        true,
      );
      // Opening fixes the snapshot: the two people of 心内科.
      const opened = await req('POST', `/surveys/${own.id}/open`, c.department_head);
      expect(opened.statusCode, opened.body).toBe(200);
      expect(opened.json().survey.invited).toBe(2);
      const people = await database.db
        .selectFrom('survey_participants')
        .select(['account_id', 'department_id', 'role'])
        .where('survey_id', '=', own.id)
        .orderBy('account_id')
        .execute();
      expect(people).toEqual([
        {
          account_id: unit.users.staff.accountId,
          department_id: unit.departments.cardiology,
          role: 'staff',
        },
        {
          account_id: unit.users.department_head.accountId,
          department_id: unit.departments.cardiology,
          role: 'department_head',
        },
      ]);
    });

    it('refuses to open a survey with an empty audience, or one without questions', async () => {
      const empty = await create({
        audience: { departmentIds: [unit.departments.surgery], roles: ['leader'] },
      });
      const res = await req('POST', `/surveys/${empty.id}/open`, c.office);
      expect(res.json().error.code).toBe('SURVEY_AUDIENCE_EMPTY');
      expect(await count('survey_participants', empty.id)).toBe(0);
      const none = await create({ questions: [] });
      const res2 = await req('POST', `/surveys/${none.id}/open`, c.office);
      expect(res2.json().error.details.problem).toBe('no_questions');
      // Audience by role: only leaders.
      const leaders = await createOpen({ audience: { departmentIds: [], roles: ['leader'] } });
      expect(await count('survey_participants', leaders)).toBe(1);
      expect((await req('GET', `/surveys/${leaders}`, c.staff)).statusCode).toBe(404);
    });
  });

  it('lists surveys to manage: office all, leaders the opened ones, staff none', async () => {
    const draft = await create();
    const opened = await createOpen();
    const ids = async (cookie: string) =>
      (
        (await req('GET', '/surveys?scope=manage', cookie)).json().items as Array<{ id: number }>
      ).map((s) => s.id);
    expect(await ids(c.office)).toEqual(expect.arrayContaining([draft.id, opened]));
    const leader = await ids(c.leader);
    expect(leader).toContain(opened);
    expect(leader).not.toContain(draft.id);
    expect((await req('GET', '/surveys?scope=manage', c.staff)).statusCode).toBe(403);
    expect(await ids(c.department_head)).not.toContain(opened);
  });

  it('keeps another unit out: its office and staff find nothing', async () => {
    const id = await createOpen();
    const second = await seedTestUnit(database, 'T2');
    const them = await signInRoles(app, second, ['office', 'staff']);
    expect((await req('GET', `/surveys/${id}`, them.office)).statusCode).toBe(404);
    expect((await req('PUT', `/surveys/${id}`, them.office, input())).statusCode).toBe(404);
    expect((await req('POST', `/surveys/${id}/close`, them.office)).statusCode).toBe(404);
    expect((await submit(id, GOOD_ANSWERS, them.staff)).statusCode).toBe(404);
    const theirs = (await req('GET', '/surveys?scope=manage', them.office)).json().items;
    expect(theirs).toEqual([]);
    expect(await count('survey_responses', id)).toBe(0);
  });

  describe('answering', () => {
    it('gives each person a stable option order and keeps their draft', async () => {
      const id = await createOpen();
      const a = (await req('GET', `/surveys/${id}`, c.staff)).json().survey;
      const again = (await req('GET', `/surveys/${id}`, c.staff)).json().survey;
      const q7 = a.questions.find((q: { id: string }) => q.id === 'q7');
      expect(q7.optionOrder).toEqual(optionOrder(id, unit.users.staff.accountId, 'q7', 3));
      expect(again.questions[6].optionOrder).toEqual(q7.optionOrder);
      expect([...q7.optionOrder].sort()).toEqual([0, 1, 2]);
      expect(q7.options).toEqual(['口味', '价格', '卫生']);
      expect(a.questions[0].optionOrder).toBeUndefined();
      expect(a.abilities.answer).toBe(true);
      expect(a.draft).toBeNull();
      const saved = await req('PUT', `/surveys/${id}/draft`, c.staff, {
        answers: { q1: { choice: 1 } },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const withDraft = (await req('GET', `/surveys/${id}`, c.staff)).json().survey;
      expect(withDraft.draft).toEqual({ q1: { choice: 1 } });
      const mine = (await req('GET', '/surveys?scope=mine', c.staff)).json().items;
      expect(mine.find((s: { id: number }) => s.id === id)).toMatchObject({
        answered: false,
        status: 'open',
      });
    });

    it('refuses bad answers clearly and saves nothing of them', async () => {
      const id = await createOpen();
      const cases: Array<[string, Record<string, unknown>]> = [
        ['unknown_question', { ...GOOD_ANSWERS, q99: { choice: 0 } }],
        ['hidden', { ...GOOD_ANSWERS, q1: { choice: 1 } }],
        ['option_out_of_range', { ...GOOD_ANSWERS, q1: { choice: 2 } }],
        ['too_many_choices', { ...GOOD_ANSWERS, q2: { choices: [0, 1, 2] } }],
        ['duplicate_choice', { ...GOOD_ANSWERS, q2: { choices: [1, 1] } }],
        ['required', { ...GOOD_ANSWERS, q1: undefined }],
        ['required', { ...GOOD_ANSWERS, q2: { choices: [] } }],
        ['not_a_permutation', { ...GOOD_ANSWERS, q7: { order: [0, 0, 1] } }],
        ['not_a_permutation', { ...GOOD_ANSWERS, q7: { order: [0, 1] } }],
        ['value_out_of_range', { ...GOOD_ANSWERS, q4: { value: 6 } }],
        ['value_out_of_range', { ...GOOD_ANSWERS, q4: { value: 0 } }],
        ['wrong_shape', { ...GOOD_ANSWERS, q4: { choice: 1 } }],
        ['option_out_of_range', { ...GOOD_ANSWERS, q6: { rows: [0, 3] } }],
        ['row_out_of_range', { ...GOOD_ANSWERS, q6: { rows: [0, 1, 2] } }],
      ];
      for (const [problem, answers] of cases) {
        const res = await submit(id, JSON.parse(JSON.stringify(answers)));
        expect(res.statusCode, problem).toBe(400);
        expect(res.json().error.code).toBe('SURVEY_ANSWER_INVALID');
        expect(res.json().error.details.problem, JSON.stringify(answers)).toBe(problem);
      }
      // Not valid JSON for the model at all: a validation error, still nothing saved.
      expect((await submit(id, { q1: { choice: -1 } })).statusCode).toBe(400);
      expect(await count('survey_responses', id)).toBe(0);
      expect(await count('survey_answers', id)).toBe(0);
      const p = await database.db
        .selectFrom('survey_participants')
        .select('answered')
        .where('survey_id', '=', id)
        .execute();
      expect(p.every((r) => r.answered === 0)).toBe(true);
      const s = await database.db
        .selectFrom('surveys')
        .select(['response_count', 'locked'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(s).toEqual({ response_count: 0, locked: 0 });
      // The hidden question left out with q1 = 否 is fine.
      const ok = await submit(id, { ...GOOD_ANSWERS, q1: { choice: 1 }, q2: undefined });
      expect(ok.statusCode, ok.body).toBe(200);
    });

    it('takes one answer per person, writes it whole, and locks the questions', async () => {
      const id = await createOpen({ anonymous: false });
      await req('PUT', `/surveys/${id}/draft`, c.staff, { answers: { q1: { choice: 0 } } });
      const res = await submit(id, GOOD_ANSWERS, c.staff, 'key-aaaa-0001');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ ok: true });
      // A retry of the same submission is ok; a second answer is not.
      expect((await submit(id, GOOD_ANSWERS, c.staff, 'key-aaaa-0001')).statusCode).toBe(200);
      const second = await submit(id, GOOD_ANSWERS, c.staff, 'key-aaaa-0002');
      expect(second.statusCode).toBe(409);
      expect(second.json().error.code).toBe('SURVEY_ALREADY_ANSWERED');
      expect((await submit(id, GOOD_ANSWERS)).json().error.code).toBe('SURVEY_ALREADY_ANSWERED');
      expect(await count('survey_responses', id)).toBe(1);
      expect(await count('survey_drafts', id)).toBe(0);
      const rows = await database.db
        .selectFrom('survey_answers')
        .select(['question_id', 'option_index', 'row_index', 'value_num', 'value_text'])
        .where('survey_id', '=', id)
        .orderBy('seq')
        .execute();
      const of = (q: string) =>
        rows
          .filter((r) => r.question_id === q)
          .map((r) => [r.option_index, r.row_index, r.value_num, r.value_text]);
      expect(of('q1')).toEqual([[0, null, null, null]]);
      expect(of('q2')).toEqual([
        [0, null, null, null],
        [1, null, null, null],
      ]);
      expect(of('q3')).toEqual([[null, null, null, '希望增加夜班热饭供应']]);
      expect(of('q5')).toEqual([[null, null, 9, null]]);
      expect(of('q6')).toEqual([
        [0, 0, null, null],
        [1, 1, null, null],
      ]);
      expect(of('q7')).toEqual([
        [2, 0, null, null],
        [0, 1, null, null],
        [1, 2, null, null],
      ]);
      const response = await database.db
        .selectFrom('survey_responses')
        .selectAll()
        .where('survey_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(response.account_id).toBe(unit.users.staff.accountId); // named
      expect(response.department_id).toBe(unit.departments.cardiology);
      expect(response.role).toBe('staff');
      expect(response.id).toMatch(/^[0-9A-Za-z]{22}$/);
      // A named survey's text is searchable at once (by results readers), without its author.
      const doc = await database.db
        .selectFrom('search_documents')
        .select(['body', 'visibility', 'link'])
        .where('record_kind', '=', 'survey_answer')
        .where('record_id', '=', `${response.id}-q3`)
        .executeTakeFirstOrThrow();
      expect(doc.body).toBe('希望增加夜班热饭供应');
      expect(doc.link).toBe(`/surveys/${id}/results`);

      const view = (await req('GET', `/surveys/${id}`, c.office)).json().survey;
      expect(view).toMatchObject({ locked: true, responseCount: 1 });
      const changed = await req('PUT', `/surveys/${id}`, c.office, {
        ...input({ anonymous: false }),
        questions: QUESTIONS.slice(0, 3),
      });
      expect(changed.statusCode).toBe(409);
      expect(changed.json().error.code).toBe('SURVEY_LOCKED');
      const toAnonymous = await req('PUT', `/surveys/${id}`, c.office, input({ anonymous: true }));
      expect(toAnonymous.json().error.details.field).toBe('anonymous');
      const retitled = await req(
        'PUT',
        `/surveys/${id}`,
        c.office,
        input({
          anonymous: false,
          title: '食堂满意度调查（延长）',
          closesAt: '2099-01-01T00:00:00Z',
        }),
      );
      expect(retitled.statusCode, retitled.body).toBe(200);
      expect(retitled.json().survey.title).toBe('食堂满意度调查（延长）');

      // Closed: nothing more is taken.
      expect((await req('POST', `/surveys/${id}/close`, c.office)).statusCode).toBe(200);
      const late = await submit(id, GOOD_ANSWERS, c.department_head);
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('SURVEY_NOT_OPEN');
      expect(
        (await req('PUT', `/surveys/${id}/draft`, c.department_head, { answers: {} })).json().error
          .code,
      ).toBe('SURVEY_NOT_OPEN');
      expect(await count('survey_responses', id)).toBe(1);
      const mine = (await req('GET', '/surveys?scope=mine', c.staff)).json().items;
      expect(mine.find((s: { id: number }) => s.id === id)).toMatchObject({
        answered: true,
        status: 'closed',
      });
    });

    it('refuses people outside the audience and surveys not yet open', async () => {
      const draft = await create({
        audience: { departmentIds: [unit.departments.cardiology], roles: [] },
      });
      const early = await submit(draft.id, GOOD_ANSWERS);
      expect(early.statusCode).toBe(404); // no snapshot yet: nobody is in it
      const res = await req('POST', `/surveys/${draft.id}/open`, c.office);
      expect(res.statusCode).toBe(200);
      expect((await submit(draft.id, GOOD_ANSWERS, other)).statusCode).toBe(404);
      expect((await req('GET', `/surveys/${draft.id}`, other)).statusCode).toBe(404);
      // Open, but its opening time has not come (set directly: the job would not have opened it).
      await database.db
        .updateTable('surveys')
        .set({ opens_at: '2099-01-01T00:00:00.000Z' })
        .where('id', '=', draft.id)
        .execute();
      const notYet = await submit(draft.id, GOOD_ANSWERS);
      expect(notYet.json().error.code).toBe('SURVEY_NOT_OPEN');
      expect(await count('survey_responses', draft.id)).toBe(0);
    });

    it('counts exactly one of two concurrent submissions', async () => {
      const id = await createOpen();
      const results = await Promise.all([
        submit(id, GOOD_ANSWERS, c.staff, 'race-key-1'),
        submit(id, GOOD_ANSWERS, c.staff, 'race-key-2'),
        submit(id, GOOD_ANSWERS, c.staff),
      ]);
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes).toEqual([200, 409, 409]);
      expect(await count('survey_responses', id)).toBe(1);
      const s = await database.db
        .selectFrom('surveys')
        .select('response_count')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(s.response_count).toBe(1);
      // Different people at once: all counted.
      const all = await Promise.all(
        [c.department_head, c.office, c.leader, c.motion_committee, other].map((k) =>
          submit(id, GOOD_ANSWERS, k),
        ),
      );
      expect(all.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
      expect(await count('survey_responses', id)).toBe(6);
    });
  });

  describe('anonymity', () => {
    it('leaves nothing that links a participant to a response', async () => {
      const id = await createOpen({ anonymous: true });
      const before = new Date().toISOString();
      const auditBefore = await database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const eventsBefore = await database.db
        .selectFrom('notification_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      await req('PUT', `/surveys/${id}/draft`, c.leader, { answers: { q1: { choice: 1 } } });
      for (const [i, k] of [c.staff, c.office, c.leader, other].entries()) {
        const res = await submit(
          id,
          { ...GOOD_ANSWERS, q3: { text: `第${i}条意见` } },
          k,
          `anon-key-${i}0000`,
        );
        expect(res.statusCode, res.body).toBe(200);
      }
      // No audit entry and no outbox event at an anonymous draft or submission.
      const auditAfter = await database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
      const eventsAfter = await database.db
        .selectFrom('notification_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(eventsAfter.n)).toBe(Number(eventsBefore.n));

      const participants = await database.db
        .selectFrom('survey_participants')
        .selectAll()
        .where('survey_id', '=', id)
        .execute();
      const responses = await database.db
        .selectFrom('survey_responses')
        .selectAll()
        .where('survey_id', '=', id)
        .execute();
      const answers = await database.db
        .selectFrom('survey_answers')
        .selectAll()
        .where('survey_id', '=', id)
        .execute();
      expect(responses).toHaveLength(4);
      expect(participants.filter((p) => p.answered === 1)).toHaveLength(4);
      // The columns, exactly: a new column has to be thought about here.
      expect(Object.keys(participants[0]!).sort()).toEqual([
        'account_id',
        'answered',
        'department_id',
        'idempotency_hash',
        'reminded_on',
        'role',
        'survey_id',
        'unit_id',
      ]);
      expect(Object.keys(responses[0]!).sort()).toEqual([
        'account_id',
        'department_id',
        'id',
        'role',
        'submitted_on',
        'survey_id',
        'unit_id',
      ]);
      expect(Object.keys(answers[0]!).sort()).toEqual([
        'option_index',
        'question_id',
        'response_id',
        'row_index',
        'seq',
        'survey_id',
        'unit_id',
        'value_num',
        'value_text',
      ]);
      const accountIds = new Set(participants.map((p) => String(p.account_id)));
      for (const r of responses) {
        expect(r.account_id).toBeNull();
        // Only a date, never a time.
        expect(r.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        // Nothing of the participants' in the response's values (ids, key hashes).
        const hashes = participants.map((p) => p.idempotency_hash).filter(Boolean) as string[];
        expect(hashes).toHaveLength(4);
        for (const v of Object.values(r)) {
          expect(hashes).not.toContain(v);
          if (typeof v === 'string') for (const h of hashes) expect(h.includes(v)).toBe(false);
        }
      }
      for (const p of participants) {
        // Participant rows carry no time at all; reminded_on is a date set only by reminders.
        expect(p.reminded_on).toBeNull();
        for (const v of Object.values(p)) {
          if (typeof v === 'string') expect(v).not.toMatch(/\d{2}:\d{2}/);
          for (const r of responses) expect(v === r.id).toBe(false);
        }
      }
      for (const a of answers) {
        expect(accountIds.has(String(a.value_text))).toBe(false);
        for (const v of Object.values(a))
          if (typeof v === 'string') expect(v).not.toMatch(/T\d{2}:\d{2}/);
      }
      // Drafts are gone with the submission; no other surveys table holds a time after `before`.
      expect(await count('survey_drafts', id)).toBe(0);
      const s = await database.db
        .selectFrom('surveys')
        .select(['updated_at', 'response_count'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(s.response_count).toBe(4);
      expect(s.updated_at < before).toBe(true); // answering does not stamp the survey
      // The search index gets nothing at an anonymous submission (a later batch does).
      const docs = await database.db
        .selectFrom('search_documents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('record_kind', '=', 'survey_answer')
        .where(
          'record_id',
          'in',
          responses.map((r) => `${r.id}-q3`),
        )
        .executeTakeFirstOrThrow();
      expect(Number(docs.n)).toBe(0);
    });

    it('scans every table of the database: only the answer tables hold what was answered', async () => {
      const id = await createOpen({ anonymous: true });
      const tables = async (): Promise<string[]> => {
        if (kind === 'sqlite') {
          const r = await sql<{ name: string }>`select name from sqlite_master
            where type = 'table' and name not like 'sqlite_%'`.execute(database.db);
          return r.rows.map((x) => x.name);
        }
        const r = await sql<{ name: string }>`select table_name as name
          from information_schema.tables where table_schema = current_schema()
          and table_type = 'BASE TABLE'`.execute(database.db);
        return r.rows.map((x) => x.name);
      };
      const dump = async () => {
        const out = new Map<string, Set<string>>();
        for (const t of await tables()) {
          const r = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(
            database.db,
          );
          out.set(t, new Set(r.rows.map((row) => JSON.stringify(row))));
        }
        return out;
      };
      const before = await dump();
      const texts = ['匿名甲的意见ABC', '匿名乙的意见DEF'];
      for (const [i, k] of [c.staff, other].entries()) {
        const res = await submit(
          id,
          { ...GOOD_ANSWERS, q3: { text: texts[i] } },
          k,
          `scan-key-${i}000`,
        );
        expect(res.statusCode, res.body).toBe(200);
      }
      const after = await dump();
      const responseIds = (
        await database.db
          .selectFrom('survey_responses')
          .select('id')
          .where('survey_id', '=', id)
          .execute()
      ).map((r) => r.id);
      expect(responseIds).toHaveLength(2);
      const changed = new Set<string>();
      for (const [t, rows] of after) {
        const old = before.get(t) ?? new Set();
        for (const row of rows) {
          if (!old.has(row)) changed.add(t);
          const markers = [...responseIds, ...texts].filter((m) => row.includes(m));
          if (markers.length)
            // What was answered (its ids, its texts) lives only in the answer tables.
            expect(['survey_responses', 'survey_answers'], `${t}: ${row}`).toContain(t);
        }
      }
      // Rows that changed: the survey (its count), the participants (answered), the answer
      // tables, and the sessions' own last-seen times (who was active, never what they answered).
      for (const t of changed)
        expect(
          ['surveys', 'survey_participants', 'survey_responses', 'survey_answers', 'sessions'],
          t,
        ).toContain(t);
      for (const row of after.get('survey_responses')!) {
        const r = JSON.parse(row) as Record<string, unknown>;
        if (!responseIds.includes(r.id as string)) continue;
        expect(r.account_id).toBeNull();
        for (const v of Object.values(r))
          if (typeof v === 'string') expect(v).not.toMatch(/\d{2}:\d{2}/);
      }
    });

    it('on PostgreSQL, shares the transaction id an answer leaves with other respondents', async () => {
      if (kind !== 'postgres') return;
      const id = await createOpen({ anonymous: true });
      const people = [c.staff, c.office, c.leader, c.motion_committee, c.department_head, other];
      for (const k of people) expect((await submit(id, GOOD_ANSWERS, k)).statusCode).toBe(200);
      const responses = await sql<{ id: string; x: string }>`select id, xmin::text as x
        from survey_responses where survey_id = ${id}`.execute(database.db);
      const participants = await sql<{ account_id: number; x: string }>`select account_id,
        xmin::text as x from survey_participants where survey_id = ${id}`.execute(database.db);
      // The last answer: its transaction id is on its author's row and on the 5 decoys'.
      const xs = responses.rows.map((r) => r.x);
      const shared = participants.rows.filter((p) => xs.includes(p.x));
      const last = responses.rows.map((r) => r.x).sort((a, b) => Number(b) - Number(a))[0];
      expect(participants.rows.filter((p) => p.x === last)).toHaveLength(6);
      expect(shared.length).toBeGreaterThanOrEqual(6);
      // Closing rewrites every participant row: none keeps an answer's transaction id.
      expect((await req('POST', `/surveys/${id}/close`, c.office)).statusCode).toBe(200);
      const after = await sql<{ x: string }>`select xmin::text as x from survey_participants
        where survey_id = ${id}`.execute(database.db);
      expect(after.rows.filter((p) => xs.includes(p.x))).toEqual([]);
    });

    it('indexes anonymous texts in a later batch, with no author, for results readers only', async () => {
      const id = await createOpen({ anonymous: true });
      await submit(id, { ...GOOD_ANSWERS, q3: { text: '停车位太少，早班找不到车位' } });
      expect(await indexAnonymousTexts(database)).toBe(0); // today's wait for tomorrow
      expect(await indexAnonymousTexts(database, '2999-01-01')).toBeGreaterThanOrEqual(1);
      const doc = await database.db
        .selectFrom('search_documents')
        .selectAll()
        .where('record_kind', '=', 'survey_answer')
        .where('body', '=', '停车位太少，早班找不到车位')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(doc.visibility)).toEqual({ roles: ['office', 'leader'] });
      expect(doc.body).not.toContain(unit.users.staff.username);
      expect(doc.title).toContain('食堂满意度调查');
      const found = async (cookie: string) =>
        (await req('GET', `/search?q=${encodeURIComponent('停车位')}`, cookie)).json().items
          ?.length ?? 0;
      expect(await found(c.office)).toBeGreaterThanOrEqual(1);
      expect(await found(c.staff)).toBe(0);
    });
  });

  describe('reminders and the schedule', () => {
    it('reminds those who have not answered, once a day each', async () => {
      const id = await createOpen({ anonymous: true });
      await submit(id, GOOD_ANSWERS, c.staff);
      const first = await req('POST', `/surveys/${id}/remind`, c.office);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json().reminded).toBe(6); // 7 in the unit's audience, 1 answered
      expect((await req('POST', `/surveys/${id}/remind`, c.office)).json().reminded).toBe(0);
      const event = await database.db
        .selectFrom('notification_events')
        .selectAll()
        .where('type', '=', 'survey.reminder')
        .where('subject_id', '=', String(id))
        .executeTakeFirstOrThrow();
      const data = JSON.parse(event.data) as Record<string, unknown>;
      expect(renderNotification('survey.reminder', data, 'zh-CN').title).toBe(
        '提醒：问卷“食堂满意度调查”尚未填写',
      );
      expect(renderNotification('survey.reminder', data, 'en').body).toContain('no deadline');
      const recipients = JSON.parse(event.recipients) as number[];
      expect(recipients).toHaveLength(6);
      expect(recipients).not.toContain(unit.users.staff.accountId);
      expect(recipients).toContain(unit.other.accountId);
      expect((await req('POST', `/surveys/${id}/remind`, c.staff)).statusCode).toBe(403);
      // A department head does not manage the office's survey: not theirs to see.
      expect((await req('POST', `/surveys/${id}/remind`, c.department_head)).statusCode).toBe(404);
      expect((await req('POST', `/surveys/${id}/remind`, c.leader)).statusCode).toBe(403);
    });

    it('opens at opensAt and closes at closesAt', async () => {
      const soon = new Date(Date.now() + 60_000).toISOString();
      const later = new Date(Date.now() + 3_600_000).toISOString();
      const s = await create({ opensAt: soon, closesAt: later });
      expect(await runSchedule(database)).toBeGreaterThanOrEqual(0);
      let row = (await req('GET', `/surveys/${s.id}`, c.office)).json().survey;
      expect(row.status).toBe('draft');
      await runSchedule(database, new Date(Date.now() + 120_000).toISOString());
      row = (await req('GET', `/surveys/${s.id}`, c.office)).json().survey;
      expect(row.status).toBe('open');
      expect(row.invited).toBe(7);
      await runSchedule(database, new Date(Date.now() + 7_200_000).toISOString());
      row = (await req('GET', `/surveys/${s.id}`, c.office)).json().survey;
      expect(row.status).toBe('closed');
    });
  });
});
