import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, sessionCookie, testApp, testConfig } from '../../../../test/app.js';
import { seedTestUnit, TEST_PASSWORD, type TestUnit } from '../../../../test/fixtures.js';
import { multipart } from '../../../../test/multipart.js';
import { docx, EXE, GPS_MARK, jpegWithGps, PDF, zipBomb } from '../../../../test/files-samples.js';
import { zipSync } from '../../../../test/zip.js';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';
import type { Actor } from '../actor.js';
import { runCommand } from '../command.js';
import { AppError } from '../errors.js';
import * as authRepo from '../auth/repository.js';
import {
  attachFiles,
  purgeUnattached,
  shanghaiMidnight,
  sweepUnusedBlobs,
  uploadAttachment,
} from './commands.js';
import { filesConfig, type FilesConfig } from './config.js';
import { filesJob } from './job.js';
import { registerAttachmentPolicy, unregisterAttachmentPolicy } from './registry.js';
import { blobPath } from './store.js';

registerCleanup();

/** A record kind for the tests: the office sees every note, others only their own (by id). */
const KIND = 'test.note';
beforeAll(() => {
  registerAttachmentPolicy(KIND, async (actor, recordId, db) => {
    const row = await db
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', actor.accountId)
      .executeTakeFirst();
    return !!row && (actor.roles.includes('office') || recordId === `note-of-${actor.accountId}`);
  });
});
afterAll(() => unregisterAttachmentPolicy(KIND));

/** Every file under the store, and any temporary file left behind. */
function storeFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) =>
    fs.statSync(path.join(root, f)).isFile(),
  );
}

async function counts(database: Database) {
  const files = await database.db
    .selectFrom('files')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const atts = await database.db
    .selectFrom('attachments')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { files: Number(files.n), attachments: Number(atts.n) };
}

async function auditActions(database: Database, unitId: number) {
  const rows = await database.db
    .selectFrom('audit_log')
    .select(['action', 'actor_account_id', 'target_id'])
    .where('unit_id', '=', unitId)
    .orderBy('seq')
    .execute();
  return rows;
}

describeEachDb('attachments: commands', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  let config: FilesConfig;
  let staff: Actor;
  let other: Actor;
  let office: Actor;

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-files-'));
    ({ app, database } = await testApp(kind, { dataDir }));
    unit = await seedTestUnit(database);
    config = filesConfig(dataDir);
    const load = async (id: number) => (await authRepo.loadActor(database.db, id, null))!;
    staff = await load(unit.users.staff.accountId);
    other = await load(unit.other.accountId);
    office = await load(unit.users.office.accountId);
  });
  afterAll(async () => {
    await app.close();
  });

  const upload = (actor: Actor, name: string, bytes: Buffer, anonymous = false) =>
    uploadAttachment({ database, actor }, config, { name, bytes, anonymous });

  it('stores the stripped bytes under their SHA-256 and records the upload, audited', async () => {
    const { tagged } = jpegWithGps();
    const row = await upload(staff, 'IMG_0001.jpg', tagged);
    expect(row.mime).toBe('image/jpeg');
    expect(row.uploaded_by).toBe(staff.accountId);
    expect(row.record_kind).toBeNull();
    expect(row.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const stored = fs.readFileSync(blobPath(config.root, row.sha256));
    expect(stored.includes('Exif')).toBe(false);
    expect(stored.includes(GPS_MARK)).toBe(false);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(row.sha256);
    expect(row.size).toBe(stored.length);
    expect(blobPath(config.root, row.sha256)).toBe(
      path.join(config.root, row.sha256.slice(0, 2), row.sha256.slice(2, 4), row.sha256),
    );
    const audit = await auditActions(database, unit.unitId);
    expect(audit.at(-1)).toMatchObject({
      action: 'file.upload',
      actor_account_id: staff.accountId,
      target_id: row.id,
    });
  });

  it('deduplicates by content: one file row and one blob, two attachments', async () => {
    const before = await counts(database);
    const bytes = Buffer.from(`同样的内容 ${kind}\n`);
    const a = await upload(staff, 'a.txt', bytes);
    const b = await upload(other, 'b.txt', bytes);
    expect(a.file_id).toBe(b.file_id);
    expect(a.id).not.toBe(b.id);
    const after = await counts(database);
    expect(after.files - before.files).toBe(1);
    expect(after.attachments - before.attachments).toBe(2);
    expect(storeFiles(config.root).filter((f) => f.endsWith(a.sha256))).toHaveLength(1);
  });

  it('stores an anonymous upload without account, with the day only and no audit entry', async () => {
    const auditBefore = (await auditActions(database, unit.unitId)).length;
    const row = await upload(staff, '匿名.txt', Buffer.from('匿名意见的附件'), true);
    expect(row.uploaded_by).toBeNull();
    const day = shanghaiMidnight(new Date()).toISOString();
    expect(row.created_at).toBe(day);
    expect((await auditActions(database, unit.unitId)).length).toBe(auditBefore);
    const stat = fs.statSync(blobPath(config.root, row.sha256));
    expect(stat.mtime.toISOString()).toBe(day);
  });

  it('refuses bad files with nothing written: no rows, no bytes, no temporary files', async () => {
    const before = await counts(database);
    const filesBefore = storeFiles(config.root).length;
    const cases: Array<[string, Buffer, string]> = [
      ['photo.png', EXE, 'FILE_TYPE_NOT_ALLOWED'],
      ['x.png', Buffer.from('<html><script>alert(1)</script></html>'), 'FILE_TYPE_NOT_ALLOWED'],
      ['a.docx', zipSync({ 'a.txt': 'not office' }), 'FILE_TYPE_NOT_ALLOWED'],
      ['bomb.docx', zipBomb(), 'FILE_ARCHIVE_UNSAFE'],
      ['empty.txt', Buffer.alloc(0), 'FILE_EMPTY'],
      ['big.txt', Buffer.alloc(config.maxBytes + 1, 0x61), 'FILE_TOO_LARGE'],
      ['broken.jpg', jpegWithGps().plain.subarray(0, 300), 'FILE_DAMAGED'],
    ];
    for (const [name, bytes, code] of cases) {
      const err = await upload(staff, name, bytes).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(AppError);
      expect((err as AppError).code, name).toBe(code);
    }
    expect(await counts(database)).toEqual(before);
    const left = storeFiles(config.root);
    expect(left.length).toBe(filesBefore);
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('removes the bytes again when the row cannot be written (transaction rolled back)', async () => {
    const before = await counts(database);
    const ghost = { ...staff, unitId: 999_999 }; // no such unit: the foreign key refuses the row
    const bytes = Buffer.from(`only for a failed upload ${kind}`);
    const sha = createHash('sha256').update(bytes).digest('hex');
    await expect(upload(ghost, 'ghost.txt', bytes)).rejects.toThrow();
    expect(fs.existsSync(blobPath(config.root, sha))).toBe(false);
    expect(await counts(database)).toEqual(before);
    expect(storeFiles(config.root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('attaches own and anonymous uploads to a record, idempotently', async () => {
    const mine = await upload(staff, 'mine.pdf', PDF);
    const anon = await upload(staff, 'anon.txt', Buffer.from('anon'), true);
    const record = `note-of-${staff.accountId}`;
    const attached = await runCommand({ database, actor: staff }, (tx) =>
      attachFiles(tx, staff, [mine.id, anon.id, mine.id], KIND, record),
    );
    expect(attached.map((r) => r.id).sort()).toEqual([mine.id, anon.id].sort());
    const rows = await database.db
      .selectFrom('attachments')
      .select(['id', 'record_kind', 'record_id'])
      .where('id', 'in', [mine.id, anon.id])
      .execute();
    for (const r of rows) expect(r).toMatchObject({ record_kind: KIND, record_id: record });
    // Again, to the same record: nothing changes, no error.
    await runCommand({ database, actor: staff }, (tx) =>
      attachFiles(tx, staff, [mine.id], KIND, record),
    );
  });

  it("refuses someone else's upload, one attached elsewhere, unknown ids, and named uploads on anonymous records", async () => {
    const theirs = await upload(other, 'theirs.txt', Buffer.from('theirs'));
    const mine = await upload(staff, 'mine2.txt', Buffer.from('mine2'));
    const code = async (fn: () => Promise<unknown>) =>
      fn().then(
        () => 'ok',
        (e: unknown) => (e instanceof AppError ? e.code : String(e)),
      );
    const attach = (actor: Actor, ids: string[], record: string, anonymous = false) =>
      code(() =>
        runCommand({ database, actor }, (tx) =>
          attachFiles(tx, actor, ids, KIND, record, { anonymous }),
        ),
      );
    expect(await attach(staff, [theirs.id], 'r1')).toBe('ATTACHMENT_NOT_ATTACHABLE');
    expect(await attach(staff, ['AAAAAAAAAAAAAAAAAAAAAA'], 'r1')).toBe('ATTACHMENT_NOT_FOUND');
    expect(await attach(staff, [mine.id], 'r1', true)).toBe('ATTACHMENT_NOT_ANONYMOUS');
    expect(await attach(staff, [mine.id], 'r1')).toBe('ok');
    expect(await attach(staff, [mine.id], 'r2')).toBe('ATTACHMENT_NOT_ATTACHABLE');
    // A failed attach of several leaves all of them as they were (one transaction).
    const free = await upload(staff, 'free.txt', Buffer.from('free'));
    expect(await attach(staff, [free.id, theirs.id], 'r3')).toBe('ATTACHMENT_NOT_ATTACHABLE');
    const row = await database.db
      .selectFrom('attachments')
      .select('record_kind')
      .where('id', '=', free.id)
      .executeTakeFirstOrThrow();
    expect(row.record_kind).toBeNull();
    // Another unit's actor cannot see this unit's upload at all.
    const second = await seedTestUnit(database, `F${kind.slice(0, 1)}`);
    const stranger = (await authRepo.loadActor(database.db, second.users.staff.accountId, null))!;
    expect(await attach(stranger, [free.id], 'r4')).toBe('ATTACHMENT_NOT_FOUND');
    await expect(
      runCommand({ database, actor: office }, (tx) =>
        attachFiles(tx, office, [free.id], 'nope', 1),
      ),
    ).rejects.toThrow(/no attachment policy/);
  });

  // Last in this suite: it purges every unattached upload made above.
  it('purges uploads never attached after a week, then sweeps their unused bytes', async () => {
    const kept = await upload(staff, 'kept.txt', Buffer.from(`kept ${kind}`));
    await runCommand({ database, actor: staff }, (tx) =>
      attachFiles(tx, staff, [kept.id], KIND, `note-of-${staff.accountId}`),
    );
    const left = await upload(staff, 'left.txt', Buffer.from(`abandoned ${kind}`));
    const soon = await purgeUnattached(database, 7, new Date(Date.now() + 6 * 86_400_000));
    expect(soon.attachments).toBe(0);

    const later = new Date(Date.now() + 8 * 86_400_000);
    const purged = await purgeUnattached(database, 7, later);
    expect(purged.attachments).toBeGreaterThanOrEqual(1);
    const ids = (await database.db.selectFrom('attachments').select('id').execute()).map(
      (r) => r.id,
    );
    expect(ids).toContain(kept.id);
    expect(ids).not.toContain(left.id);
    const fileRows = await database.db
      .selectFrom('files')
      .select('sha256')
      .where('sha256', 'in', [kept.sha256, left.sha256])
      .execute();
    expect(fileRows.map((r) => r.sha256)).toEqual([kept.sha256]);
    const audit = await auditActions(database, unit.unitId);
    expect(audit.at(-1)?.action).toBe('file.purge_unattached');

    // Today's bytes are never swept (an upload may be in flight); a week later they are.
    expect(await sweepUnusedBlobs(database, config)).toBe(0);
    expect(fs.existsSync(blobPath(config.root, left.sha256))).toBe(true);
    expect(await sweepUnusedBlobs(database, config, later)).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(blobPath(config.root, left.sha256))).toBe(false);
    expect(fs.existsSync(blobPath(config.root, kept.sha256))).toBe(true);

    // A temporary file left by a crash in the middle of a write goes too, once old.
    const stray = path.join(config.root, 'ab', 'cd', `${'ab'.repeat(32)}.0123abcd.tmp`);
    fs.mkdirSync(path.dirname(stray), { recursive: true });
    fs.writeFileSync(stray, 'half');
    expect(await sweepUnusedBlobs(database, config)).toBe(0);
    expect(await sweepUnusedBlobs(database, config, later)).toBe(1);
    expect(fs.existsSync(stray)).toBe(false);

    // The hourly job runs the same two steps without complaint.
    await expect(
      filesJob.run({
        database,
        config: testConfig({ dataDir: path.dirname(config.root) }),
        log: app.log,
      }),
    ).resolves.toBeUndefined();

    // The same content uploaded again: stored again, served again.
    const again = await upload(staff, 'again.txt', Buffer.from(`abandoned ${kind}`));
    expect(again.sha256).toBe(left.sha256);
    expect(fs.existsSync(blobPath(config.root, left.sha256))).toBe(true);
  });
});

describeEachDb('attachments: routes', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  let dataDir: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-files-'));
    ({ app, database } = await testApp(kind, { dataDir }));
    unit = await seedTestUnit(database);
    const logins = {
      staff: unit.users.staff.username,
      other: unit.other.username,
      office: unit.users.office.username,
      leader: unit.users.leader.username,
      system_admin: unit.users.system_admin.username,
    };
    for (const [who, username] of Object.entries(logins)) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      cookies[who] = sessionCookie(res);
    }
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => {
    delete process.env.LIANXIN_UPLOAD_MAX_BYTES;
  });

  const send = (who: string, name: string, content: Buffer | string, fields = {}) => {
    const body = multipart(fields, {
      field: 'file',
      filename: name,
      contentType: 'image/png', // the declared type is ignored
      content,
    });
    return app.inject({
      method: 'POST',
      url: '/api/files',
      payload: body.payload,
      headers: { ...body.headers, ...(cookies[who] ? { cookie: cookies[who] } : {}) },
    });
  };
  const get = (who: string, url: string) =>
    app.inject({ method: 'GET', url, headers: cookies[who] ? { cookie: cookies[who] } : {} });

  it('uploads, then serves the file to its uploader only, with safe headers', async () => {
    const res = await send('staff', 'IMG_2001.jpg', jpegWithGps().tagged);
    expect(res.statusCode, res.body).toBe(201);
    const { attachment } = res.json();
    expect(Object.keys(attachment).sort()).toEqual(
      ['abilities', 'id', 'mime', 'name', 'sha256', 'size'].sort(),
    );
    expect(attachment).toMatchObject({
      name: 'IMG_2001.jpg',
      mime: 'image/jpeg',
      abilities: { download: true, preview: true },
    });

    const dl = await get('staff', `/api/files/${attachment.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/jpeg');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-security-policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="IMG_2001.jpg"/);
    expect(dl.rawPayload.includes('Exif')).toBe(false);
    expect(createHash('sha256').update(dl.rawPayload).digest('hex')).toBe(attachment.sha256);

    const pv = await get('staff', `/api/files/${attachment.id}/preview`);
    expect(pv.statusCode).toBe(200);
    expect(pv.headers['content-disposition']).toMatch(/^inline;/);
    expect(pv.headers['content-security-policy']).toBe(
      "default-src 'none'; frame-ancestors 'self'",
    );

    // Nobody else, whatever their role, while it is not attached.
    for (const who of ['other', 'office', 'leader']) {
      const r = await get(who, `/api/files/${attachment.id}`);
      expect(r.statusCode, who).toBe(404);
      expect(r.json().error.code).toBe('ATTACHMENT_NOT_FOUND');
    }
    expect((await get('', `/api/files/${attachment.id}`)).statusCode).toBe(401);
  });

  it('serves text as a download only, never as a page', async () => {
    const res = await send('staff', 'notes.txt', '<script>alert(1)</script>');
    expect(res.statusCode).toBe(201);
    const { attachment } = res.json();
    expect(attachment.mime).toBe('text/plain');
    expect(attachment.abilities.preview).toBe(false);
    const dl = await get('staff', `/api/files/${attachment.id}`);
    expect(dl.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    const pv = await get('staff', `/api/files/${attachment.id}/preview`);
    expect(pv.statusCode).toBe(415);
  });

  it('hides an anonymous upload from everyone, its uploader too, until attached', async () => {
    const res = await send('staff', 'a.pdf', PDF, { anonymous: 'true' });
    expect(res.statusCode).toBe(201);
    const { attachment } = res.json();
    expect(attachment.mime).toBe('application/pdf');
    for (const who of ['staff', 'office']) {
      expect((await get(who, `/api/files/${attachment.id}`)).statusCode, who).toBe(404);
    }
    const row = await database.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', attachment.id)
      .executeTakeFirstOrThrow();
    expect(row.uploaded_by).toBeNull();

    // Attached to a record: the record's policy decides (office sees all notes; staff own).
    const staffActor = (await authRepo.loadActor(database.db, unit.users.staff.accountId, null))!;
    const record = `note-of-${unit.users.staff.accountId}`;
    await runCommand({ database, actor: staffActor }, (tx) =>
      attachFiles(tx, staffActor, [attachment.id], KIND, record, { anonymous: true }),
    );
    expect((await get('staff', `/api/files/${attachment.id}`)).statusCode).toBe(200);
    expect((await get('office', `/api/files/${attachment.id}/preview`)).statusCode).toBe(200);
    expect((await get('other', `/api/files/${attachment.id}`)).statusCode).toBe(404);
    expect((await get('leader', `/api/files/${attachment.id}`)).statusCode).toBe(404);

    const list = await get('office', `/api/files/records/${KIND}/${record}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(attachment.id);
    expect((await get('other', `/api/files/records/${KIND}/${record}`)).statusCode).toBe(404);
    expect((await get('office', `/api/files/records/unknown/${record}`)).statusCode).toBe(404);
  });

  it('answers bad input with a clear 4xx and writes nothing', async () => {
    const before = await counts(database);
    const cases: Array<[string, Buffer | string, number, string]> = [
      ['photo.png', EXE, 415, 'FILE_TYPE_NOT_ALLOWED'],
      ['x.png', '<html><body onload=alert(1)></body></html>', 415, 'FILE_TYPE_NOT_ALLOWED'],
      ['意见.docx', zipSync({ 'a.txt': 'zip, not Word' }), 415, 'FILE_TYPE_NOT_ALLOWED'],
      ['bomb.docx', zipBomb(), 415, 'FILE_ARCHIVE_UNSAFE'],
      ['empty.txt', Buffer.alloc(0), 400, 'FILE_EMPTY'],
      ['big.pdf', Buffer.alloc(20 * 1024 * 1024 + 1, 0x61), 413, 'FILE_TOO_LARGE'],
    ];
    for (const [name, content, status, code] of cases) {
      const res = await send('staff', name, content);
      expect(res.statusCode, `${name} ${res.body}`).toBe(status);
      expect(res.json().error.code, name).toBe(code);
      expect(res.json().error.message.length, name).toBeGreaterThan(0);
    }
    const noFile = multipart({ anonymous: 'true' });
    const r1 = await app.inject({
      method: 'POST',
      url: '/api/files',
      payload: noFile.payload,
      headers: { ...noFile.headers, cookie: cookies.staff! },
    });
    expect(r1.statusCode).toBe(400);
    const r2 = await app.inject({
      method: 'POST',
      url: '/api/files',
      payload: { file: 'x' },
      headers: { cookie: cookies.staff! },
    });
    expect(r2.statusCode).toBe(415);
    const r3 = await send('staff', 'a.txt', 'x', { anonymous: 'maybe' });
    expect(r3.statusCode).toBe(400);
    expect((await get('staff', '/api/files/not-an-id')).statusCode).toBe(400);
    // A body cut short, and two files where one is allowed.
    const whole = multipart(
      {},
      {
        field: 'file',
        filename: 'a.txt',
        contentType: 'text/plain',
        content: 'hello'.repeat(100),
      },
    );
    const cut = await app.inject({
      method: 'POST',
      url: '/api/files',
      payload: whole.payload.subarray(0, 200),
      headers: { ...whole.headers, cookie: cookies.staff! },
    });
    expect(cut.statusCode, cut.body).toBeGreaterThanOrEqual(400);
    expect(cut.statusCode, cut.body).toBeLessThan(500);
    const boundary = whole.headers['content-type'].split('boundary=')[1]!;
    const part = (n: number) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${n}.txt"\r\n` +
      `Content-Type: text/plain\r\n\r\nfile ${n}\r\n`;
    const two = await app.inject({
      method: 'POST',
      url: '/api/files',
      payload: `${part(1)}${part(2)}--${boundary}--\r\n`,
      headers: { ...whole.headers, cookie: cookies.staff! },
    });
    expect(two.statusCode, two.body).toBeGreaterThanOrEqual(400);
    expect(two.statusCode, two.body).toBeLessThan(500);
    expect(await counts(database)).toEqual(before);
    const left = storeFiles(path.join(dataDir, 'files'));
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses uploads to the three administrators', async () => {
    const res = await send('system_admin', 'a.txt', 'x');
    expect(res.statusCode).toBe(403);
  });

  it('accepts Word and reads the per-file limit from LIANXIN_UPLOAD_MAX_BYTES', async () => {
    expect((await send('staff', '意见.docx', docx())).statusCode).toBe(201);
    process.env.LIANXIN_UPLOAD_MAX_BYTES = '1000';
    const small = await testApp(kind, { dataDir });
    try {
      const u = await seedTestUnit(small.database);
      const login = await small.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.users.staff.username, password: TEST_PASSWORD },
      });
      const body = multipart(
        {},
        {
          field: 'file',
          filename: 'a.txt',
          contentType: 'text/plain',
          content: 'x'.repeat(1001),
        },
      );
      const res = await small.app.inject({
        method: 'POST',
        url: '/api/files',
        payload: body.payload,
        headers: { ...body.headers, cookie: sessionCookie(login) },
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({
        code: 'FILE_TOO_LARGE',
        details: { maxBytes: 1000 },
      });
    } finally {
      delete process.env.LIANXIN_UPLOAD_MAX_BYTES;
      await small.app.close();
    }
  });
});
