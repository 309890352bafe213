import { beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, sessionCookie, testApp } from '../../../../test/app.js';
import { seedTestUnit, TEST_PASSWORD, type TestUnit } from '../../../../test/fixtures.js';
import { multipart } from '../../../../test/multipart.js';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';
import { parseRoster } from './parse.js';
import type { RosterImport } from './schemas.js';

registerCleanup();

const csvFile = (text: string, filename = 'roster.csv') => ({
  field: 'file',
  filename,
  contentType: 'text/csv',
  content: Buffer.from(`\ufeff${text}`, 'utf8'),
});

describeEachDb('roster import routes', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  let second: TestUnit;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database, 'T1');
    second = await seedTestUnit(database, 'T2');
    for (const [key, username] of [
      ['office', unit.users.office.username],
      ['sysadmin', unit.users.system_admin.username],
      ['staff', unit.users.staff.username],
      ['leader', unit.users.leader.username],
      ['secadmin', unit.users.security_admin.username],
      ['otherOffice', second.users.office.username],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      cookies[key] = sessionCookie(res);
    }
  });

  const upload = (
    cookie: string,
    fields: Record<string, string>,
    file?: Parameters<typeof multipart>[1],
  ) => {
    const body = multipart(fields, file);
    return app.inject({
      method: 'POST',
      url: '/api/roster/imports',
      payload: body.payload,
      headers: { ...body.headers, cookie },
    });
  };

  const get = (url: string, cookie: string) =>
    app.inject({ method: 'GET', url, headers: { cookie } });

  /** Poll until the background work ends; every answer on the way must be coherent. */
  async function settle(id: number, cookie = cookies.office!): Promise<RosterImport> {
    for (let i = 0; i < 500; i++) {
      const res = await get(`/api/roster/imports/${id}`, cookie);
      expect(res.statusCode).toBe(200);
      const imp = res.json().import as RosterImport;
      expect(imp.processedRows).toBeLessThanOrEqual(Math.max(imp.totalRows, 0));
      if (imp.status !== 'running') return imp;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('import did not finish');
  }

  const accepted = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(202);
    const imp = res.json().import as RosterImport;
    expect(imp.status).toBe('running');
    return imp;
  };

  it('answers 202 with the running import, then finishes in the background', async () => {
    const res = await upload(
      cookies.office!,
      { dryRun: 'false', deactivateMissing: 'false' },
      csvFile('工号,姓名,部门,角色\nW1,郑爽,体检中心/一部,职工\nW2,冯刚,体检中心/二部,群工办\n'),
    );
    const started = accepted(res);
    expect(started).toMatchObject({
      fileName: 'roster.csv',
      dryRun: false,
      deactivateMissing: false,
      problems: [],
      errorCode: null,
      finishedAt: null,
    });
    const done = await settle(started.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      totalRows: 2,
      processedRows: 2,
      created: 2,
      departmentsCreated: 3,
    });
    expect(done.finishedAt).not.toBeNull();
    const people = await database.db
      .selectFrom('people')
      .innerJoin('departments', 'departments.id', 'people.department_id')
      .select(['people.staff_no', 'departments.path'])
      .where('people.staff_no', 'in', ['W1', 'W2'])
      .orderBy('people.staff_no')
      .execute();
    expect(people).toEqual([
      { staff_no: 'W1', path: '体检中心/一部' },
      { staff_no: 'W2', path: '体检中心/二部' },
    ]);
  });

  it('reads the flags after the file part as well as before it', async () => {
    const boundary = 'lianxin-boundary-after';
    const payload = Buffer.from(
      [
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="名单.csv"',
        'Content-Type: text/csv',
        '',
        '工号,姓名,部门\nW9,试导,某新科室',
        `--${boundary}`,
        'Content-Disposition: form-data; name="dryRun"',
        '',
        'true',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );
    const res = await app.inject({
      method: 'POST',
      url: '/api/roster/imports',
      payload,
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        cookie: cookies.sysadmin!,
      },
    });
    const started = accepted(res);
    expect(started).toMatchObject({ dryRun: true, fileName: '名单.csv' });
    const done = await settle(started.id);
    expect(done).toMatchObject({ status: 'succeeded', created: 1, departmentsCreated: 1 });
    const written = await database.db
      .selectFrom('people')
      .select('id')
      .where('staff_no', '=', 'W9')
      .execute();
    expect(written).toEqual([]);
  });

  it('refuses everyone but the office and the system administrator', async () => {
    for (const who of ['staff', 'leader', 'secadmin'] as const) {
      const res = await upload(
        cookies[who]!,
        { dryRun: 'true' },
        csvFile('工号,姓名,部门\nX1,某,外科\n'),
      );
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect((await get('/api/roster/imports', cookies[who]!)).statusCode).toBe(403);
      expect((await get('/api/roster/template.xlsx', cookies[who]!)).statusCode).toBe(403);
    }
    const anonymous = await app.inject({ method: 'GET', url: '/api/roster/imports' });
    expect(anonymous.statusCode).toBe(401);
    const none = await database.db
      .selectFrom('people')
      .select('id')
      .where('staff_no', '=', 'X1')
      .execute();
    expect(none).toEqual([]);
  });

  it('a bad file is rejected with its problems by row, in a language the screen can show', async () => {
    const res = await upload(
      cookies.office!,
      {},
      csvFile('工号,姓名,部门,手机\nB1,甲,外科,13800000000\nB1,乙,外科,123\nB3,,内科//心内科,\n'),
    );
    const done = await settle(accepted(res).id);
    expect(done).toMatchObject({
      status: 'rejected',
      errorCode: 'IMPORT_ROWS_INVALID',
      created: 0,
      totalRows: 3,
    });
    expect(done.problems).toEqual([
      { row: 3, column: '工号', code: 'staffNoDuplicate', params: { row: 2 } },
      { row: 3, column: '手机', code: 'phoneInvalid', params: { value: '123' } },
      { row: 4, column: '姓名', code: 'nameMissing' },
      { row: 4, column: '部门', code: 'departmentPathInvalid', params: { value: '内科//心内科' } },
    ]);
    const none = await database.db
      .selectFrom('people')
      .select('id')
      .where('staff_no', 'like', 'B%')
      .execute();
    expect(none).toEqual([]);
  });

  it('bad spreadsheets each get their stable code, and never a 500', async () => {
    const cases: Array<[Parameters<typeof multipart>[1], string]> = [
      [
        {
          field: 'file',
          filename: 'a.xlsx',
          contentType: 'application/octet-stream',
          content: Buffer.alloc(0),
        },
        'IMPORT_FILE_EMPTY',
      ],
      [
        {
          field: 'file',
          filename: 'photo.xlsx',
          contentType: 'image/png',
          content: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
        },
        'IMPORT_FILE_UNREADABLE',
      ],
      [csvFile('名字,科室\n张三,外科\n'), 'IMPORT_HEADERS_INVALID'],
    ];
    for (const [file, code] of cases) {
      const done = await settle(accepted(await upload(cookies.office!, {}, file)).id);
      expect(done).toMatchObject({ status: 'rejected', errorCode: code });
    }
  });

  it('refuses a malformed upload with a 4xx', async () => {
    const noFile = await upload(cookies.office!, { dryRun: 'true' });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.code).toBe('VALIDATION_FAILED');
    const badFlag = await upload(cookies.office!, { dryRun: 'maybe' }, csvFile('工号,姓名,部门\n'));
    expect(badFlag.statusCode).toBe(400);
    expect(badFlag.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '填写的内容有误，请检查后重试。',
    });
    const json = await app.inject({
      method: 'POST',
      url: '/api/roster/imports',
      payload: { file: 'x' },
      headers: { cookie: cookies.office! },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const truncated = await app.inject({
      method: 'POST',
      url: '/api/roster/imports',
      payload:
        '--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n工号,姓',
      headers: { 'content-type': 'multipart/form-data; boundary=b', cookie: cookies.office! },
    });
    expect(truncated.statusCode).toBeGreaterThanOrEqual(400);
    expect(truncated.statusCode).toBeLessThan(500);
  });

  it("hides another unit's imports", async () => {
    const theirs = accepted(
      await upload(
        cookies.otherOffice!,
        { dryRun: 'true' },
        csvFile('工号,姓名,部门\nZ1,某,外科\n'),
      ),
    );
    await settle(theirs.id, cookies.otherOffice);
    const res = await get(`/api/roster/imports/${theirs.id}`, cookies.office!);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('IMPORT_NOT_FOUND');
    const list = (await get('/api/roster/imports', cookies.office!)).json().items as RosterImport[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.map((i) => i.id)).not.toContain(theirs.id);
    expect(list.map((i) => i.id)).toEqual([...list.map((i) => i.id)].sort((a, b) => b - a));
  });

  it('serves a template that imports as it is', async () => {
    const res = await get('/api/roster/template.xlsx', cookies.office!);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('attachment');
    const parsed = await parseRoster(res.rawPayload);
    expect(parsed.columns).toHaveLength(8);
    expect(parsed.rows).toHaveLength(2);
    const started = accepted(
      await upload(
        cookies.office!,
        { dryRun: 'true' },
        {
          field: 'file',
          filename: 'template.xlsx',
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          content: res.rawPayload,
        },
      ),
    );
    expect(await settle(started.id)).toMatchObject({
      status: 'succeeded',
      created: 2,
      problems: [],
    });
  });

  it('takes a file larger than the JSON body limit', async () => {
    const remark = '备'.repeat(600_000); // ~1.8 MB in UTF-8, over the 1 MiB JSON limit
    const res = await upload(
      cookies.office!,
      { dryRun: 'true' },
      csvFile(`工号,姓名,部门,备注\nL1,某,外科,${remark}\n`),
    );
    expect(await settle(accepted(res).id)).toMatchObject({ status: 'succeeded', created: 1 });
  });
});

describeEachDb('roster import size limit', (kind) => {
  let app: App;
  let cookie: string;
  beforeAll(async () => {
    let database: Database;
    ({ app, database } = await testApp(kind, { importMaxBytes: 2_000 }));
    const unit = await seedTestUnit(database);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: unit.users.office.username, password: TEST_PASSWORD },
    });
    cookie = sessionCookie(res);
  });

  it('refuses a file over the limit with 413 IMPORT_FILE_TOO_LARGE', async () => {
    const body = multipart(
      { dryRun: 'true' },
      csvFile(`工号,姓名,部门\n${'A1,某,外科\n'.repeat(500)}`),
    );
    const res = await app.inject({
      method: 'POST',
      url: '/api/roster/imports',
      payload: body.payload,
      headers: { ...body.headers, cookie },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('IMPORT_FILE_TOO_LARGE');
    const list = await app.inject({
      method: 'GET',
      url: '/api/roster/imports',
      headers: { cookie },
    });
    expect(list.json().items).toEqual([]);
  });
});

describe('multipart helper', () => {
  it('is the shape a browser sends', () => {
    const body = multipart({ a: '1' }, csvFile('x'));
    expect(body.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });
});

describeEachDb('roster import at shutdown', (kind) => {
  it('lets a running import finish when the server closes', async () => {
    const { app, database } = await testApp(kind);
    const unit = await seedTestUnit(database);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: unit.users.office.username, password: TEST_PASSWORD },
    });
    const rows = Array.from({ length: 3000 }, (_, i) => `S${i},某${i},关闭测试/组${i % 7}`).join(
      '\n',
    );
    const body = multipart({}, csvFile(`工号,姓名,部门\n${rows}\n`));
    const res = await app.inject({
      method: 'POST',
      url: '/api/roster/imports',
      payload: body.payload,
      headers: { ...body.headers, cookie: sessionCookie(login) },
    });
    expect(res.statusCode).toBe(202);
    await app.close();
    const row = await database.db
      .selectFrom('roster_imports')
      .select(['status', 'created_count'])
      .where('id', '=', res.json().import.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'succeeded', created_count: 3000 });
  });
});
