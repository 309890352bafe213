import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, testApp, signInRoles } from '../../../../test/app.js';
import { seedTestUnit, type TestUnit } from '../../../../test/fixtures.js';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';
import type { Actor } from '../actor.js';
import { AppError } from '../errors.js';
import { indexDocument, indexDocuments, removeDocument, type IndexInput } from './commands.js';
import { readerOf, search } from './query.js';
import { canSee, type Visibility } from './policy.js';
import * as repo from './repository.js';

registerCleanup();

describeEachDb('search', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  let second: TestUnit;
  const cookies: Record<string, string> = {};

  const actorOf = (u: TestUnit, role: keyof TestUnit['users'], departmentId: number | null) =>
    ({
      accountId: u.users[role].accountId,
      unitId: u.unitId,
      personId: u.users[role].personId,
      username: u.users[role].username,
      name: role,
      roles: role === 'staff' ? ['staff'] : role.endsWith('admin') ? [role] : ['staff', role],
      departmentId,
      sessionId: null,
    }) as Actor;

  let staff: Actor; // 张伟, 心内科 (under 内科)
  let office: Actor; // 党委办公室
  let sysadmin: Actor;

  async function put(doc: Partial<IndexInput> & { recordId: string | number }) {
    await database.db.transaction().execute((tx) =>
      indexDocument(tx, kind, {
        unitId: unit.unitId,
        recordKind: 'opinion',
        title: '',
        text: '',
        visibility: { unit: true },
        ...doc,
      }),
    );
  }
  const ids = async (actor: Actor, q: string, opts = {}) =>
    (await search(database, actor, q, opts)).hits.map((h) => h.record_id).sort();

  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database);
    second = await seedTestUnit(database, 'T2');
    staff = actorOf(unit, 'staff', unit.departments.cardiology);
    office = actorOf(unit, 'office', unit.departments.office);
    sysadmin = actorOf(unit, 'system_admin', null);
    Object.assign(
      cookies,
      await signInRoles(app, unit, ['staff', 'office', 'system_admin', 'department_head'] as const),
    );
    await put({ recordId: 1, title: '食堂饭菜太贵', text: '职工食堂的饭菜价格上涨，希望调整。' });
    await put({ recordId: 2, title: '停車位不夠', text: '醫院停車位不夠，夜班職工找不到車位。' });
    await put({
      recordId: 3,
      title: '夜班补贴发放',
      text: '夜班补贴什么时候发放？',
      visibility: { roles: ['office'] },
    });
    await put({
      recordId: 4,
      title: '内科停车',
      text: '内科门口停车位',
      visibility: { departments: [unit.departments.internal] },
    });
    await put({
      recordId: 5,
      title: '外科停车',
      text: '外科门口停车位',
      visibility: { departments: [unit.departments.surgery] },
    });
    await put({
      recordId: 6,
      title: '我的停车问题',
      text: '匿名意见：停车位',
      visibility: { accounts: [unit.users.staff.accountId] },
    });
    await put({ recordId: 7, title: '没人能看', text: '停车位 秘密', visibility: {} });
    await put({
      recordId: 8,
      recordKind: 'notice',
      title: '职称评审公示',
      text: '2026年职称评审结果公示 "AND" NEAR(停车 食堂) * - OR title:x',
    });
    // Another unit's document, visible to its whole unit: never to ours.
    await database.db.transaction().execute((tx) =>
      indexDocument(tx, kind, {
        unitId: second.unitId,
        recordKind: 'opinion',
        recordId: 1,
        title: '停车位',
        text: '停车位',
        visibility: { unit: true },
      }),
    );
  });

  it('finds simplified with traditional and traditional with simplified', async () => {
    expect(await ids(staff, '停车位')).toEqual(['2', '4', '6']);
    expect(await ids(staff, '停車位')).toEqual(['2', '4', '6']);
    expect(await ids(staff, '飯菜')).toEqual(['1']);
    expect(await ids(staff, '夜班职工')).toEqual(['2']);
  });

  it('filters by the reader before ranking, paging and counting', async () => {
    // Staff (心内科 under 内科): unit docs, 内科's doc, their own; not office's, 外科's or nobody's.
    const s = await search(database, staff, '停车');
    expect(s.hits.map((h) => h.record_id).sort()).toEqual(['2', '4', '6', '8']);
    expect(s.total).toBe(4);
    expect(s.kinds).toEqual([
      { kind: 'notice', count: 1 },
      { kind: 'opinion', count: 3 },
    ]);
    // Office: unit docs and office's; not department or personal ones.
    const o = await search(database, office, '停车 夜班');
    expect(o.hits.map((h) => h.record_id)).toEqual(['2']);
    expect(await ids(office, '夜班补贴')).toEqual(['3']);
    expect(await ids(staff, '夜班补贴')).toEqual([]);
    expect((await search(database, staff, '夜班补贴')).total).toBe(0);
    expect((await search(database, staff, '夜班补贴')).kinds).toEqual([]);
    // The system administrator reads no unit content.
    expect((await search(database, sysadmin, '停车')).total).toBe(0);
    // Nobody sees a document with no visibility.
    expect(await ids(office, '秘密')).toEqual([]);
  });

  it('returns exactly what canSee allows, for random visibilities and every reader', async () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const deps = Object.values(unit.departments);
    const accounts = [
      unit.users.staff.accountId,
      unit.users.office.accountId,
      unit.other.accountId,
    ];
    const roles = ['staff', 'office', 'leader', 'department_head', 'system_admin'] as const;
    const docs: Array<{ id: string; v: Visibility }> = [];
    for (let i = 0; i < 60; i++) {
      const v: Visibility = {
        ...(rnd(5) === 0 ? { unit: true } : {}),
        ...(rnd(3) === 0 ? { roles: [roles[rnd(roles.length)]!] } : {}),
        ...(rnd(3) === 0 ? { departments: [deps[rnd(deps.length)]!] } : {}),
        ...(rnd(3) === 0 ? { accounts: [accounts[rnd(accounts.length)]!] } : {}),
      };
      docs.push({ id: `r${i}`, v });
    }
    await database.db.transaction().execute((tx) =>
      indexDocuments(
        tx,
        kind,
        docs.map((d) => ({
          unitId: unit.unitId,
          recordKind: 'random',
          recordId: d.id,
          title: '安全巡查',
          text: '巡查记录',
          visibility: d.v,
        })),
      ),
    );
    const head = actorOf(unit, 'department_head', unit.departments.cardiology);
    const leader = actorOf(unit, 'leader', unit.departments.office);
    for (const actor of [staff, office, sysadmin, head, leader]) {
      const reader = await readerOf(database, actor);
      const expected = docs.filter((d) => canSee(reader, d.v)).map((d) => d.id);
      const r = await search(database, actor, '巡查', { kinds: ['random'], pageSize: 50 });
      const r2 = await search(database, actor, '巡查', {
        kinds: ['random'],
        pageSize: 50,
        page: 2,
      });
      expect([...r.hits, ...r2.hits].map((h) => h.record_id).sort(), actor.username).toEqual(
        expected.sort(),
      );
      expect(r.total).toBe(expected.length);
      expect(r.kinds.find((k) => k.kind === 'random')?.count ?? 0).toBe(expected.length);
    }
  });

  it('pages and filters by kind, keeping counts of every kind', async () => {
    const p1 = await search(database, staff, '停车', { pageSize: 3, page: 1 });
    const p2 = await search(database, staff, '停车', { pageSize: 3, page: 2 });
    expect(p1.hits).toHaveLength(3);
    expect(p2.hits).toHaveLength(1);
    const all = [...p1.hits, ...p2.hits].map((h) => h.record_id).sort();
    expect(all).toEqual(['2', '4', '6', '8']);
    const notices = await search(database, staff, '停车', { kinds: ['notice'] });
    expect(notices.hits.map((h) => h.record_id)).toEqual(['8']);
    expect(notices.total).toBe(1);
    expect(notices.kinds).toHaveLength(2);
  });

  it('ranks a title match above a body-only match', async () => {
    await put({ recordId: 20, title: '绩效工资改革', text: '关于绩效的说明' });
    await put({ recordId: 21, title: '其他事项', text: '顺便提一下绩效工资' });
    const r = await search(database, staff, '绩效工资');
    expect(r.hits.map((h) => h.record_id)).toEqual(['20', '21']);
  });

  it('treats FTS syntax as text on this database', async () => {
    for (const q of [
      '"AND"',
      'NEAR(停车 食堂)',
      '职称 AND',
      '职称 OR 食堂',
      '-职称',
      '*',
      '职称*',
      '(职称',
      'title:职称',
      "职称'",
      '职称\\',
      '"',
      "' & | ! :*",
    ]) {
      const r = await search(database, staff, q);
      expect(Array.isArray(r.hits), q).toBe(true);
    }
    expect(await ids(staff, 'NEAR')).toEqual(['8']);
    expect(await ids(staff, '"AND"')).toEqual(['8']);
    expect(await ids(staff, 'title:x')).toEqual(['8']);
    // AND/OR are words here, not operators: "职称 OR 食堂" needs all three words.
    expect(await ids(staff, '职称 OR 食堂')).toEqual(['8']);
    expect(await ids(staff, '-职称')).toEqual(['8']);
    expect(await ids(staff, '*')).toEqual([]);
  });

  it('never lets text or a query pose as a visibility key', async () => {
    const u = unit.unitId;
    await put({
      recordId: 70,
      title: `u${u}_unit u${u}_role_staff`,
      text: `grant_tokens : u${u}_unit record_kind u${u}_account_${unit.users.staff.accountId}`,
      visibility: {},
    });
    for (const q of [`u${u}_unit`, 'grant_tokens', `grant_tokens : "u${u}_unit"`, 'unit']) {
      expect(await ids(staff, q), q).toEqual([]);
      expect(await ids(office, q), q).toEqual([]);
    }
    const doc = await repo.getDocument(database.db, {
      unitId: u,
      recordKind: 'opinion',
      recordId: '70',
    });
    expect(doc?.grant_tokens).toBe('');
    expect(doc?.title_tokens.split(' ')).not.toContain(`u${u}_unit`);
  });

  it('replaces a document on re-index and removes it, grants included', async () => {
    await put({ recordId: 30, title: '更衣室', text: '更衣室太小', visibility: { unit: true } });
    expect(await ids(staff, '更衣室')).toEqual(['30']);
    await put({
      recordId: 30,
      title: '更衣室',
      text: '更衣室已扩建',
      visibility: { roles: ['office'] },
    });
    expect(await ids(staff, '更衣室')).toEqual([]);
    expect(await ids(office, '扩建')).toEqual(['30']);
    expect(await ids(office, '太小')).toEqual([]);
    const doc = await repo.getDocument(database.db, {
      unitId: unit.unitId,
      recordKind: 'opinion',
      recordId: '30',
    });
    expect(doc?.body).toBe('更衣室已扩建');
    expect(doc?.grant_tokens).toBe(`u${unit.unitId}_role_office`);

    const removed = await database.db
      .transaction()
      .execute((tx) =>
        removeDocument(tx, kind, { unitId: unit.unitId, recordKind: 'opinion', recordId: 30 }),
      );
    expect(removed).toBe(true);
    expect(await ids(office, '更衣室')).toEqual([]);
    expect(
      await repo.getDocument(database.db, {
        unitId: unit.unitId,
        recordKind: 'opinion',
        recordId: '30',
      }),
    ).toBeUndefined();
    const again = await database.db
      .transaction()
      .execute((tx) =>
        removeDocument(tx, kind, { unitId: unit.unitId, recordKind: 'opinion', recordId: 30 }),
      );
    expect(again).toBe(false);
  });

  it('changes nothing when the feeding transaction rolls back', async () => {
    await expect(
      database.db.transaction().execute(async (tx) => {
        await indexDocument(tx, kind, {
          unitId: unit.unitId,
          recordKind: 'opinion',
          recordId: 40,
          title: '澡堂',
          text: '澡堂热水',
          visibility: { unit: true },
        });
        throw new Error('the module failed');
      }),
    ).rejects.toThrow('the module failed');
    expect(await ids(staff, '澡堂')).toEqual([]);
  });

  it('refuses malformed documents with a stable code and writes nothing', async () => {
    const bad: Array<Partial<IndexInput>> = [
      { recordKind: 'Opinion!' },
      { recordKind: 'pool-entry' },
      { recordId: '' },
      { visibility: { roles: ['emperor' as never] } },
      { visibility: { everyone: true } as never },
      { link: 'https://evil.example/' },
      { link: '//evil.example/' },
      { link: 'javascript:alert(1)' },
    ];
    for (const b of bad) {
      const err = await database.db
        .transaction()
        .execute((tx) =>
          indexDocument(tx, kind, {
            unitId: unit.unitId,
            recordKind: 'opinion',
            recordId: 50,
            title: '浴室',
            text: '浴室',
            visibility: { unit: true },
            ...b,
          }),
        )
        .catch((e: unknown) => e);
      expect(err, JSON.stringify(b)).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('SEARCH_DOCUMENT_INVALID');
      expect((err as AppError).status).toBe(400);
    }
    expect(await ids(staff, '浴室')).toEqual([]);
  });

  it('indexes a batch in one go and refuses a batch naming a record twice', async () => {
    const batch: IndexInput[] = Array.from({ length: 1200 }, (_, i) => ({
      unitId: unit.unitId,
      recordKind: 'batch',
      recordId: i,
      title: `班车第${i}号`,
      text: i % 2 ? '班车时间调整' : '班车路线',
      visibility: i % 3 ? { unit: true } : { roles: ['office'] },
    }));
    const docIds = await database.db.transaction().execute((tx) => indexDocuments(tx, kind, batch));
    expect(new Set(docIds).size).toBe(1200);
    const staffView = await search(database, staff, '班车', { kinds: ['batch'] });
    expect(staffView.total).toBe(800);
    expect((await search(database, office, '班车', { kinds: ['batch'] })).total).toBe(1200);
    expect((await search(database, staff, '班车 时间', { kinds: ['batch'] })).total).toBe(
      batch.filter((b, i) => i % 2 && i % 3).length,
    );
    const doc = await repo.getDocument(database.db, {
      unitId: unit.unitId,
      recordKind: 'batch',
      recordId: '999',
    });
    expect(doc?.id).toBe(docIds[999]);
    expect(doc?.grant_tokens).toBe(`u${unit.unitId}_role_office`);

    const dup = await database.db
      .transaction()
      .execute((tx) =>
        indexDocuments(tx, kind, [
          { ...batch[0]!, title: '改过的班车' },
          { ...batch[0]!, title: '又改过的班车' },
        ]),
      )
      .catch((e: unknown) => e);
    expect((dup as AppError).code).toBe('SEARCH_DOCUMENT_INVALID');
    expect(await ids(office, '改过')).toEqual([]);
  });

  it('keeps long text to its limit and still finds it', async () => {
    const body = `${'无关内容。'.repeat(5000)}洗衣房`;
    await put({ recordId: 60, title: 'x'.repeat(800), text: `开头洗衣房 ${body}` });
    const doc = await repo.getDocument(database.db, {
      unitId: unit.unitId,
      recordKind: 'opinion',
      recordId: '60',
    });
    expect(doc?.title).toHaveLength(500);
    expect(doc?.body.length).toBe(20_000);
    expect(await ids(staff, '洗衣房')).toEqual(['60']);
  });

  describe('GET /api/search', () => {
    const get = (role: string, qs: string) =>
      app.inject({ method: 'GET', url: `/api/search?${qs}`, headers: { cookie: cookies[role]! } });

    it('answers hits with plain-text highlights and no hidden fields', async () => {
      const res = await get('staff', `q=${encodeURIComponent('停車位')}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.total).toBe(3);
      const hit = body.items.find((h: { recordId: string }) => h.recordId === '2');
      expect(hit).toMatchObject({ recordKind: 'opinion', title: '停車位不夠', link: null });
      expect(hit.titleRanges).toEqual([[0, 3]]);
      expect(hit.snippetRanges.map(([s, e]: [number, number]) => hit.snippet.slice(s, e))).toEqual([
        '停車位',
      ]);
      expect(hit.abilities).toEqual({ open: false });
      expect(Object.keys(hit).sort()).toEqual(
        [
          'abilities',
          'link',
          'recordId',
          'recordKind',
          'snippet',
          'snippetRanges',
          'title',
          'titleRanges',
          'updatedAt',
        ].sort(),
      );
      expect(res.body).not.toContain('visibility');
      expect(res.body).not.toContain('tokens');
    });

    it('cuts a 10,000-character query and answers 200', async () => {
      const res = await get('staff', `q=${encodeURIComponent('停车'.repeat(5000))}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().query.truncated).toBe(true);
      expect(Array.from(res.json().query.text as string)).toHaveLength(200);
      expect(res.json().total).toBe(4);
    });

    it('finds nothing, without error, for punctuation and spaces only', async () => {
      for (const q of ['！？。', '   ', '"*()-', '']) {
        const res = await get('staff', `q=${encodeURIComponent(q)}`);
        expect(res.statusCode, q).toBe(200);
        expect(res.json()).toMatchObject({ items: [], total: 0, kinds: [] });
      }
    });

    it('answers random text of any script and symbol with 200', async () => {
      const alphabet = [
        '停',
        '車',
        '食',
        '堂',
        'a',
        'Z',
        '9',
        '"',
        "'",
        '*',
        '(',
        ')',
        '-',
        ':',
        '^',
        '{',
        '}',
        '\\',
        '%',
        '_',
        ' ',
        '，',
        '🙂',
        '\u0000',
        'NEAR',
        'AND',
        'OR',
        'NOT',
        '&',
        '|',
        '!',
      ];
      let seed = 3;
      const rnd = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      for (let i = 0; i < 150; i++) {
        const q = Array.from({ length: 1 + rnd(12) }, () => alphabet[rnd(alphabet.length)]).join(
          '',
        );
        const res = await get('staff', `q=${encodeURIComponent(q)}`);
        expect(res.statusCode, JSON.stringify(q)).toBe(200);
        const ids = res.json().items.map((h: { recordId: string }) => h.recordId);
        expect(ids, q).not.toContain('3'); // office only
        expect(ids, q).not.toContain('7'); // nobody
      }
    });

    it('answers FTS syntax as text, never 5xx', async () => {
      for (const q of ['"', '"AND"', 'NEAR(', ')', '*', '-', "'", '\\', 'a:*', '职称 AND']) {
        const res = await get('staff', `q=${encodeURIComponent(q)}`);
        expect(res.statusCode, q).toBe(200);
      }
    });

    it('refuses bad kinds and pages with VALIDATION_FAILED', async () => {
      for (const qs of ['q=a&kinds=Bad!', 'q=a&page=0', 'q=a&page=x', 'q=a&pageSize=500']) {
        const res = await get('staff', qs);
        expect(res.statusCode, qs).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
      const huge = await get('staff', `q=${'a'.repeat(20_001)}`);
      expect(huge.statusCode).toBe(400);
    });

    it('filters by kind and by the reader over HTTP', async () => {
      const n = await get('staff', `q=${encodeURIComponent('停车')}&kinds=notice`);
      expect(n.json().items.map((h: { recordId: string }) => h.recordId)).toEqual(['8']);
      const admin = await get('system_admin', `q=${encodeURIComponent('停车')}`);
      expect(admin.statusCode).toBe(200);
      expect(admin.json().total).toBe(0);
      // The department head of 心内科 is in 内科's subtree: sees 内科's document.
      const head = await get('department_head', `q=${encodeURIComponent('内科 停车')}`);
      expect(head.json().items.map((h: { recordId: string }) => h.recordId)).toEqual(['4']);
    });
  });
});
