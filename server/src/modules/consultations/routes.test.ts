import { beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Role } from '@lianxin/common';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';
import { addDays, todayInShanghai } from '../../core/calendar/working-days.js';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, signInRoles, testApp } from '../../../../test/app.js';
import { seedTestUnit, type TestUnit } from '../../../../test/fixtures.js';
import { multipart } from '../../../../test/multipart.js';
import { deflatedZip } from '../../../../test/files-samples.js';
import { zipSync } from '../../../../test/zip.js';

registerCleanup();

const DRAFT = `职工考勤管理办法（征求意见稿）
为规范考勤管理，制定本办法。
第一条\u3000本办法适用于全体职工。
第二条\u3000职工应按时上下班，迟到三次按旷工半天处理。
第三条\u3000本办法自发布之日起施行。`;

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** A small real-shaped .docx: paragraphs with runs split mid-word, a tab and an entity. */
function wordFile(paragraphs: string[][]): Buffer {
  const body = paragraphs
    .map(
      (runs) =>
        `<w:p><w:pPr><w:jc w:val="both"/></w:pPr>${runs
          .map((r) => `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${r}</w:t></w:r>`)
          .join('')}</w:p>`,
    )
    .join('');
  return deflatedZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    {
      name: 'word/document.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="x"><w:body>${body}<w:sectPr/></w:body></w:document>`,
    },
  ]);
}

interface View {
  id: number;
  phase: string;
  status: string;
  sections: Array<{
    id: number;
    kind: string;
    label: string;
    text: string;
    myStance: string | null;
    counts: Record<string, number>;
    comments: Array<{
      id: number;
      body: string;
      answer: string | null;
      answerReason: string | null;
      authorName?: string;
      mine: boolean;
    }>;
  }>;
  abilities: Record<string, boolean>;
}

describeEachDb('consultations routes', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  const cookie: Partial<Record<Role | 'other', string>> = {};
  const today = todayInShanghai();

  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database);
    Object.assign(
      cookie,
      await signInRoles(app, unit, [
        'staff',
        'office',
        'department_head',
        'leader',
        'system_admin',
      ] as const),
    );
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: unit.other.username, password: 'Lianxin-Test-2026!', unit: unit.code },
    });
    cookie.other = `lx_session=${login.cookies.find((c) => c.name === 'lx_session')!.value}`;
  });

  const call = (who: Role | 'other', method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie: cookie[who]! }, ...(payload ? { payload } : {}) });

  const body = (over: object = {}) => ({
    title: '职工考勤管理办法（征求意见稿）',
    draftingDepartmentId: unit.departments.office,
    text: DRAFT,
    audience: 'unit',
    opensOn: today,
    closesOn: addDays(today, 7),
    ...over,
  });

  async function create(over: object = {}, who: Role = 'office'): Promise<View> {
    const res = await call(who, 'POST', '/api/consultations', body(over));
    expect(res.statusCode, res.body).toBe(200);
    return res.json().consultation as View;
  }

  const count = async (table: 'consultations' | 'consultation_comments' | 'consultation_stances') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('previews the split without saving anything', async () => {
    const before = await count('consultations');
    const res = await call('office', 'POST', '/api/consultations/preview', { text: DRAFT });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().sections.map((s: { label: string }) => s.label)).toEqual([
      '',
      '第一条',
      '第二条',
      '第三条',
    ]);
    expect(await count('consultations')).toBe(before);
    const empty = await call('office', 'POST', '/api/consultations/preview', { text: ' \n ' });
    expect(empty.json().error.code).toBe('CONSULTATION_TEXT_EMPTY');
    expect(
      (await call('staff', 'POST', '/api/consultations/preview', { text: DRAFT })).statusCode,
    ).toBe(403);
  });

  it('runs create → stance and comment → answer → close → report over HTTP', async () => {
    const c = await create();
    expect(c.phase).toBe('open');
    expect(c.sections).toHaveLength(4);
    const art2 = c.sections[2]!;
    expect(art2.label).toBe('第二条');

    // Staff disagree with 第二条 and comment; the stance can change while open.
    let res = await call('staff', 'POST', `/api/consultations/${c.id}/sections/${art2.id}/stance`, {
      stance: 'agree',
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await call('staff', 'POST', `/api/consultations/${c.id}/sections/${art2.id}/stance`, {
      stance: 'disagree',
    });
    expect(res.json().consultation.sections[2].myStance).toBe('disagree');
    expect(res.json().consultation.sections[2].counts.disagree).toBe(1);
    expect(res.json().consultation.sections[2].counts.agree).toBe(0);
    await call('other', 'POST', `/api/consultations/${c.id}/sections/${art2.id}/stance`, {
      stance: 'agree',
    });
    res = await call('staff', 'POST', `/api/consultations/${c.id}/sections/${art2.id}/comments`, {
      body: '迟到三次按旷工处理过重，建议改为扣绩效分。',
    });
    expect(res.statusCode, res.body).toBe(200);
    const staffView = res.json().consultation as View;
    const mine = staffView.sections[2]!.comments;
    expect(mine).toHaveLength(1);
    expect(mine[0]!.mine).toBe(true);
    expect(mine[0]!.authorName).toBeUndefined();
    const commentId = mine[0]!.id;
    await call(
      'other',
      'POST',
      `/api/consultations/${c.id}/sections/${c.sections[1]!.id}/comments`,
      {
        body: '建议写明是否包括返聘人员。',
      },
    );

    // Another staff member does not see someone else's comment before the report.
    const otherView = (await call('other', 'GET', `/api/consultations/${c.id}`)).json()
      .consultation as View;
    expect(otherView.sections[2]!.comments).toEqual([]);
    expect(otherView.sections[2]!.counts).toMatchObject({ agree: 1, disagree: 1, comments: 1 });

    // The comment is in the issue pool, open, under the drafting department.
    const pool = await database.db
      .selectFrom('pool_entries')
      .selectAll()
      .where('source_kind', '=', 'consultation_comment')
      .where('source_id', '=', String(commentId))
      .executeTakeFirstOrThrow();
    expect(pool.status).toBe('open');
    expect(pool.department_id).toBe(unit.departments.office);
    expect(pool.title).toContain('第二条');

    // The drafting side sees names; staff cannot answer; a head of another department cannot see it.
    const officeView = (await call('office', 'GET', `/api/consultations/${c.id}`)).json()
      .consultation as View;
    expect(officeView.sections[2]!.comments[0]!.authorName).toBe('张伟');
    expect(officeView.abilities.answer).toBe(true);
    const byStaff = await call(
      'staff',
      'POST',
      `/api/consultations/${c.id}/comments/${commentId}/answer`,
      {
        answer: 'adopted',
      },
    );
    expect(byStaff.statusCode).toBe(403);

    // Publishing while open, or with unanswered comments, is refused.
    res = await call('office', 'POST', `/api/consultations/${c.id}/report`);
    expect(res.json().error.code).toBe('CONSULTATION_STILL_OPEN');

    // Answer without a reason: refused, nothing saved.
    res = await call('office', 'POST', `/api/consultations/${c.id}/comments/${commentId}/answer`, {
      answer: 'partly',
      reason: '  ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('CONSULTATION_REASON_REQUIRED');
    const untouched = await database.db
      .selectFrom('consultation_comments')
      .selectAll()
      .where('id', '=', commentId)
      .executeTakeFirstOrThrow();
    expect(untouched.answer).toBeNull();

    res = await call('office', 'POST', `/api/consultations/${c.id}/comments/${commentId}/answer`, {
      answer: 'partly',
      reason: '改为迟到五次按旷工半天处理。',
    });
    expect(res.statusCode, res.body).toBe(200);
    const answered = await database.db
      .selectFrom('pool_entries')
      .select('status')
      .where('source_kind', '=', 'consultation_comment')
      .where('source_id', '=', String(commentId))
      .executeTakeFirstOrThrow();
    expect(answered.status).toBe('resolved');
    const event = await database.db
      .selectFrom('notification_events')
      .selectAll()
      .where('type', '=', 'consultation.comment_answered')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.recipients)).toEqual([unit.users.staff.accountId]);
    expect(event.data).not.toContain('张伟');

    // The commenter sees the answer on the draft and in the list.
    const seen = (await call('staff', 'GET', `/api/consultations/${c.id}`)).json()
      .consultation as View;
    expect(seen.sections[2]!.comments[0]).toMatchObject({
      answer: 'partly',
      answerReason: '改为迟到五次按旷工半天处理。',
    });
    const list = (await call('staff', 'GET', '/api/consultations')).json();
    expect(list.open.map((x: { id: number }) => x.id)).toContain(c.id);
    expect(list.mine[0]).toMatchObject({
      consultationId: c.id,
      sectionLabel: '第二条',
      answer: 'partly',
    });
    expect(list.managed).toEqual([]);
    const officeList = (await call('office', 'GET', '/api/consultations')).json();
    const managed = officeList.managed.find((x: { id: number }) => x.id === c.id);
    expect(managed.totals).toMatchObject({ comments: 2, unanswered: 1, agree: 1, disagree: 1 });

    // The drafting side finds comments in the shared search; staff do not.
    const found = (
      await call('office', 'GET', `/api/search?q=${encodeURIComponent('返聘')}`)
    ).json();
    expect(found.items.map((h: { link: string }) => h.link)).toContain(`/consultations/${c.id}`);
    const notFound = (
      await call('staff', 'GET', `/api/search?q=${encodeURIComponent('返聘')}`)
    ).json();
    expect(notFound.items).toEqual([]);

    // Close; commenting on a closed consultation is refused and saves nothing.
    res = await call('office', 'POST', `/api/consultations/${c.id}/close`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().consultation.phase).toBe('closed');
    const comments = await count('consultation_comments');
    const stances = await count('consultation_stances');
    res = await call('staff', 'POST', `/api/consultations/${c.id}/sections/${art2.id}/comments`, {
      body: '补充意见',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CONSULTATION_NOT_OPEN');
    res = await call('staff', 'POST', `/api/consultations/${c.id}/sections/${art2.id}/stance`, {
      stance: null,
    });
    expect(res.json().error.code).toBe('CONSULTATION_NOT_OPEN');
    expect(await count('consultation_comments')).toBe(comments);
    expect(await count('consultation_stances')).toBe(stances);

    // Staff cannot read the report yet; the office can preview it.
    expect(
      (await call('staff', 'GET', `/api/consultations/${c.id}/report`)).json().error.code,
    ).toBe('CONSULTATION_REPORT_NOT_PUBLISHED');
    res = await call('office', 'POST', `/api/consultations/${c.id}/report`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'CONSULTATION_COMMENTS_UNANSWERED',
      details: { unanswered: 1 },
    });
    const other = officeView.sections[1]!;
    const otherComment = (await call('office', 'GET', `/api/consultations/${c.id}`)).json()
      .consultation.sections[1].comments[0].id as number;
    expect(other.label).toBe('第一条');
    await call('office', 'POST', `/api/consultations/${c.id}/comments/${otherComment}/answer`, {
      answer: 'adopted',
    });
    res = await call('office', 'POST', `/api/consultations/${c.id}/report`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json().report;
    expect(report.published).toBe(true);
    expect(report.totals).toMatchObject({ comments: 2, adopted: 1, partly: 1, unanswered: 0 });
    expect(report.sections[2].items).toEqual([
      {
        body: '迟到三次按旷工处理过重，建议改为扣绩效分。',
        answer: 'partly',
        answerReason: '改为迟到五次按旷工半天处理。',
      },
    ]);

    // Staff read the published report, without anyone's name.
    res = await call('staff', 'GET', `/api/consultations/${c.id}/report`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('张伟');
    expect(res.body).not.toContain('赵敏');
    expect(res.body).not.toContain(unit.users.staff.username);
    const staffList = (await call('staff', 'GET', '/api/consultations')).json();
    expect(staffList.reports.map((x: { id: number }) => x.id)).toContain(c.id);

    // Nothing changes after the report.
    res = await call('office', 'POST', `/api/consultations/${c.id}/comments/${commentId}/answer`, {
      answer: 'adopted',
    });
    expect(res.json().error.code).toBe('CONSULTATION_ALREADY_REPORTED');
    expect(
      (await call('office', 'POST', `/api/consultations/${c.id}/report`)).json().error.code,
    ).toBe('CONSULTATION_ALREADY_REPORTED');

    // Every step is audited.
    const actions = (
      await database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'consultation.%')
        .execute()
    ).map((r) => r.action);
    for (const a of [
      'consultation.created',
      'consultation.stance_set',
      'consultation.commented',
      'consultation.comment_answered',
      'consultation.closed',
      'consultation.report_published',
    ]) {
      expect(actions).toContain(a);
    }
  });

  it('refuses a section of another consultation, and keeps departments to their audience', async () => {
    const a = await create();
    const b = await create({
      audience: 'departments',
      departmentIds: [unit.departments.internal],
      title: '内科排班制度（征求意见稿）',
    });
    // 张伟 (心内科, under 内科) is consulted on b; 赵敏 (外科) is not.
    expect((await call('other', 'GET', `/api/consultations/${b.id}`)).statusCode).toBe(404);
    expect((await call('staff', 'GET', `/api/consultations/${b.id}`)).statusCode).toBe(200);
    const before = await count('consultation_comments');
    let res = await call(
      'staff',
      'POST',
      `/api/consultations/${a.id}/sections/${b.sections[1]!.id}/comments`,
      {
        body: '意见',
      },
    );
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('CONSULTATION_SECTION_NOT_FOUND');
    res = await call(
      'other',
      'POST',
      `/api/consultations/${b.id}/sections/${b.sections[1]!.id}/comments`,
      {
        body: '意见',
      },
    );
    expect(res.statusCode).toBe(404);
    res = await call(
      'staff',
      'POST',
      `/api/consultations/${a.id}/sections/${a.sections[1]!.id}/comments`,
      {
        body: '   ',
      },
    );
    expect(res.json().error.code).toBe('CONSULTATION_COMMENT_EMPTY');
    res = await call(
      'staff',
      'POST',
      `/api/consultations/${a.id}/sections/${a.sections[1]!.id}/comments`,
      {
        body: '长'.repeat(2001),
      },
    );
    expect(res.json().error.code).toBe('CONSULTATION_COMMENT_TOO_LONG');
    expect(await count('consultation_comments')).toBe(before);
    // An administrator reads no content.
    expect((await call('system_admin', 'GET', `/api/consultations/${a.id}`)).statusCode).toBe(403);
  });

  it('lets a department head draft for their department only', async () => {
    const own = await call(
      'department_head',
      'POST',
      '/api/consultations',
      body({
        draftingDepartmentId: unit.departments.cardiology,
      }),
    );
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().consultation.viewer.manages).toBe(true);
    const before = await count('consultations');
    const foreign = await call(
      'department_head',
      'POST',
      '/api/consultations',
      body({
        draftingDepartmentId: unit.departments.surgery,
      }),
    );
    expect(foreign.statusCode).toBe(403);
    // The office's consultation is not the head's to answer or close.
    const office = await create();
    expect(
      (await call('department_head', 'POST', `/api/consultations/${office.id}/close`)).statusCode,
    ).toBe(403);
    expect(await count('consultations')).toBe(before + 1);
  });

  it('refuses bad drafts with clear codes and saves nothing', async () => {
    const before = await count('consultations');
    const cases: Array<[object, string]> = [
      [{ title: '  ' }, 'CONSULTATION_TITLE_EMPTY'],
      [{ text: '\n\n' }, 'CONSULTATION_TEXT_EMPTY'],
      [{ closesOn: addDays(today, -1), opensOn: addDays(today, -3) }, 'CONSULTATION_DATES_INVALID'],
      [{ opensOn: addDays(today, 5), closesOn: addDays(today, 2) }, 'CONSULTATION_DATES_INVALID'],
      [{ closesOn: '2026-02-30' }, 'CONSULTATION_DATES_INVALID'],
      [{ audience: 'departments', departmentIds: [] }, 'CONSULTATION_AUDIENCE_EMPTY'],
      [{ audience: 'departments', departmentIds: [999999] }, 'DEPARTMENT_NOT_FOUND'],
      [{ draftingDepartmentId: 999999 }, 'DEPARTMENT_NOT_FOUND'],
      [{ text: '第一条 甲\n'.repeat(20_000) }, 'CONSULTATION_TEXT_TOO_LONG'],
      [{ attachmentId: 'A'.repeat(22) }, 'ATTACHMENT_NOT_FOUND'],
      [{ extra: 1 }, 'VALIDATION_FAILED'],
    ];
    for (const [over, code] of cases) {
      const res = await call('office', 'POST', '/api/consultations', body(over));
      expect(res.statusCode, JSON.stringify(over).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.code, JSON.stringify(over).slice(0, 80)).toBe(code);
    }
    expect(await count('consultations')).toBe(before);
  });

  async function upload(content: Buffer, filename: string, who: Role = 'office') {
    const form = multipart(
      {},
      { field: 'file', filename, contentType: 'application/octet-stream', content },
    );
    const res = await app.inject({
      method: 'POST',
      url: '/api/files',
      payload: form.payload,
      headers: { ...form.headers, cookie: cookie[who]! },
    });
    return res;
  }

  it('reads a .docx into text and sections, and refuses what is not one', async () => {
    const file = wordFile([
      ['医院值班管理规定（征求意见稿）'],
      ['第一条', '\u3000为保障医疗安全，', '制定本规定。'],
      ['第二条 值班人员不得&lt;擅自&gt;离岗。'],
      [''],
      ['第三条 本规定自印发之日起施行。'],
    ]);
    const up = await upload(file, '值班规定.docx');
    expect(up.statusCode, up.body).toBe(201);
    const attachmentId = up.json().attachment.id as string;
    let res = await call('office', 'POST', '/api/consultations/docx-text', { attachmentId });
    expect(res.statusCode, res.body).toBe(200);
    const { text, sections } = res.json();
    expect(text).toContain('第二条 值班人员不得<擅自>离岗。');
    expect(sections.map((s: { label: string }) => s.label)).toEqual([
      '',
      '第一条',
      '第二条',
      '第三条',
    ]);
    expect(sections[1].text).toBe('第一条\u3000为保障医疗安全，制定本规定。');

    // Someone else's upload is not found.
    const theirs = await call('department_head', 'POST', '/api/consultations/docx-text', {
      attachmentId,
    });
    expect(theirs.statusCode).toBe(404);

    // Created from the .docx, the file is attached to the consultation.
    const created = await create({ text, attachmentId });
    expect(created.sections).toHaveLength(4);
    const att = await database.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', attachmentId)
      .executeTakeFirstOrThrow();
    expect(att.record_kind).toBe('consultation');
    expect(att.record_id).toBe(String(created.id));
    const files = await call('staff', 'GET', `/api/files/records/consultation/${created.id}`);
    expect(files.statusCode, files.body).toBe(200);

    // A text file or a PDF is not a .docx; a zip named .docx is refused on upload already.
    const txt = await upload(Buffer.from('第一条 甲\n第二条 乙'), 'draft.txt');
    expect(txt.statusCode).toBe(201);
    res = await call('office', 'POST', '/api/consultations/docx-text', {
      attachmentId: txt.json().attachment.id,
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('CONSULTATION_DOCX_INVALID');
    const fake = await upload(zipSync({ 'a.txt': 'hello' }), 'fake.docx');
    expect(fake.statusCode).toBe(415);
  });

  it('answers random and mutated input with 4xx, never 5xx, and saves nothing half', async () => {
    const c = await create();
    const section = c.sections[1]!.id;
    const value = fc.oneof(
      fc.string({ maxLength: 50 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.constantFrom('unit', 'departments', 'agree', 'partly', '2026-13-40', '第一条 甲'),
    );
    const bodies = fc.oneof(
      fc.dictionary(
        fc.constantFrom(
          'title',
          'text',
          'audience',
          'departmentIds',
          'opensOn',
          'closesOn',
          'draftingDepartmentId',
          'stance',
          'body',
          'answer',
          'reason',
          'attachmentId',
        ),
        value,
      ),
      fc.constant(body({ audience: 'everyone' })),
      fc.constant(body({ departmentIds: 'x' })),
    );
    const urls = fc.constantFrom(
      '/api/consultations',
      '/api/consultations/preview',
      '/api/consultations/docx-text',
      `/api/consultations/${c.id}/sections/${section}/stance`,
      `/api/consultations/${c.id}/sections/${section}/comments`,
      `/api/consultations/${c.id}/comments/1/answer`,
      `/api/consultations/abc/sections/-1/stance`,
    );
    const comments = await count('consultation_comments');
    await fc.assert(
      fc.asyncProperty(urls, bodies, async (url, payload) => {
        const res = await call(
          url.includes('/sections/') ? 'staff' : 'office',
          'POST',
          url,
          payload,
        );
        expect(res.statusCode, `${url} ${JSON.stringify(payload)} ${res.body}`).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    // Only a well-formed comment could have been saved, and it would be a whole one.
    const rows = await database.db.selectFrom('consultation_comments').selectAll().execute();
    expect(rows.length).toBeGreaterThanOrEqual(comments);
    for (const r of rows) expect(r.body.trim().length).toBeGreaterThan(0);
  });
});
