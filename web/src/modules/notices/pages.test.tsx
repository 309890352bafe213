// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, Route, Routes } from 'react-router';
import { App as AntApp } from 'antd';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { installDomStubs } from '../../test/dom';
import { AppProviders } from '../../app/AppProviders';
import { queryClient } from '../../app/queryClient';
import { Markdown } from './markdown';
import NoticeListPage from './NoticeListPage';
import NoticePage from './NoticePage';
import ManageNoticesPage from './ManageNoticesPage';
import type { NoticeListItem, NoticeView, ObjectionView } from './types';

beforeAll(installDomStubs);

let root: Root | null = null;
let host: HTMLElement | null = null;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
  queryClient.clear();
  vi.unstubAllGlobals();
});

function render(node: React.ReactNode, path = '/') {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  act(() =>
    root!.render(
      <AppProviders>
        <AntApp>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path="/notices" element={<NoticeListPage />} />
              <Route path="/notices/manage" element={<ManageNoticesPage />} />
              <Route path="/notices/:id" element={<NoticePage />} />
              <Route path="*" element={node} />
            </Routes>
          </MemoryRouter>
        </AntApp>
      </AppProviders>,
    ),
  );
  return host;
}

const byId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const allById = (id: string) =>
  Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
const flush = () => act(() => new Promise((r) => setTimeout(r, 30)));
async function waitFor(id: string, tries = 60): Promise<HTMLElement> {
  for (let i = 0; i < tries; i++) {
    const el = byId(id);
    if (el) return el;
    await flush();
  }
  throw new Error(`not found: ${id}\n${document.body.innerHTML.slice(0, 1500)}`);
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const ABILITIES = {
  edit: false,
  submitReview: false,
  review: false,
  correct: false,
  close: false,
  object: true,
  viewObjections: false,
  viewReads: false,
};

const notice = (over: Partial<NoticeView> = {}): NoticeView => ({
  id: 7,
  type: 'title',
  title: '2026 年职称评审拟推荐人选公示',
  status: 'published',
  startsOn: '2026-11-27',
  endsOn: '2026-12-03',
  publishAt: null,
  version: 2,
  unread: false,
  inPeriod: true,
  workingDaysLeft: 4,
  objectionsOpen: 0,
  result: null,
  body: '# 说明\n\n<script>window.__noticeXss = 1</script>**加粗** [坏链接](javascript:alert(1))',
  sensitive: false,
  anonymousObjections: false,
  scope: { wholeUnit: true, departmentIds: [], departmentNames: [] },
  periodDays: 5,
  items: [
    { id: 1, seq: 1, name: '王小明', detail: '心内科 副主任医师', status: 'active', note: null },
    { id: 2, seq: 2, name: '李华', detail: '外科', status: 'withdrawn', note: '资格不符' },
    { id: 3, seq: 3, name: '赵强', detail: '药剂科', status: 'corrected', note: '科室更正' },
  ],
  attachments: [
    { id: 'a1', name: '名单.pdf', size: 2048, sha256: 'f'.repeat(64), url: '/api/files/a1' },
  ],
  fingerprint: 'ab'.repeat(32),
  versions: [
    { version: 1, reason: null, publishedAt: '2026-11-27T01:00:00Z', fingerprint: 'cd'.repeat(32) },
    {
      version: 2,
      reason: '更正科室',
      publishedAt: '2026-11-27T03:00:00Z',
      fingerprint: 'ab'.repeat(32),
    },
  ],
  resultNote: null,
  closedAt: null,
  review: null,
  reads: null,
  abilities: ABILITIES,
  ...over,
});

/** A fetch stub answering by "METHOD path" (the query string ignored); unknown calls fail. */
function stubApi(routes: Record<string, (init?: RequestInit) => Response>) {
  const calls: Array<{ key: string; url: string; init?: RequestInit }> = [];
  const fetchMock = vi.fn((url: string, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${url.split('?')[0]}`;
    calls.push({ key, url, init });
    const handler = routes[key];
    return Promise.resolve(
      handler ? handler(init) : json({ error: { code: 'NOT_FOUND', message: key } }, 404),
    );
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

describe('Markdown', () => {
  it('renders the subset as elements and raw HTML as text', () => {
    render(
      <Markdown
        testId="md"
        source={
          '## 公示\n\n<img src=x onerror="window.__noticeXss=2">**甲** *乙* `丙`\n\n- [官网](https://example.org)\n- [坏](javascript:alert(1))'
        }
      />,
    );
    const md = byId('md')!;
    expect(md.querySelector('h4')!.textContent).toBe('公示');
    expect(md.querySelector('strong')!.textContent).toBe('甲');
    expect(md.querySelector('em')!.textContent).toBe('乙');
    expect(md.querySelector('code')!.textContent).toBe('丙');
    expect(md.querySelector('img, script')).toBeNull();
    expect(md.textContent).toContain('<img src=x onerror="window.__noticeXss=2">');
    const links = Array.from(md.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.org']);
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(md.textContent).toContain('[坏](javascript:alert(1))');
  });
});

describe('NoticePage (staff)', { timeout: 60_000 }, () => {
  it('shows items with their status, attachments with SHA-256, days left and the history', async () => {
    stubApi({ 'GET /api/notices/7': () => json({ notice: notice() }) });
    render(null, '/notices/7');
    await waitFor('notice-page');
    expect(byId('notice-title')!.textContent).toBe('2026 年职称评审拟推荐人选公示');
    expect(byId('notice-days-left')!.textContent).toContain('4');
    const items = allById('notice-item');
    expect(items.map((i) => i.dataset.status)).toEqual(['active', 'withdrawn', 'corrected']);
    expect(items[1]!.textContent).toContain('已撤回');
    expect(items[1]!.textContent).toContain('资格不符');
    expect(items[2]!.textContent).toContain('已更正');
    // A withdrawn item cannot be objected to.
    expect(allById('notice-object')).toHaveLength(2);
    expect(byId('notice-attachments')!.textContent).toContain('f'.repeat(64));
    expect(byId('notice-body')!.querySelector('script')).toBeNull();
    expect(byId('notice-body')!.querySelector('a')).toBeNull();
    expect(allById('notice-version')).toHaveLength(2);
    expect(byId('notice-versions')!.textContent).toContain('更正科室');
    expect(byId('notice-office-bar')).toBeNull();
  });

  it('核验 calls /verify and reports a mismatch with both fingerprints', async () => {
    const calls = stubApi({
      'GET /api/notices/7': () => json({ notice: notice() }),
      'GET /api/notices/7/verify': () =>
        json({
          ok: false,
          versions: [
            { version: 1, stored: 'cd'.repeat(32), recomputed: 'cd'.repeat(32), ok: true },
            { version: 2, stored: 'ab'.repeat(32), recomputed: '99'.repeat(32), ok: false },
          ],
        }),
    });
    render(null, '/notices/7');
    (await waitFor('notice-verify')).click();
    const result = await waitFor('notice-verify-result');
    expect(calls.some((c) => c.key === 'GET /api/notices/7/verify')).toBe(true);
    expect(result.dataset.ok).toBe('false');
    expect(result.textContent).toContain('核验不通过');
    expect(result.textContent).toContain('99'.repeat(32));
  });

  it('objects to an item, named only when the type does not allow anonymity', async () => {
    const objection: ObjectionView = {
      id: 'o'.repeat(22),
      noticeId: 7,
      noticeTitle: 'x',
      itemId: 1,
      itemName: '王小明',
      reasons: '论文造假',
      anonymous: false,
      objector: null,
      submittedOn: '2026-11-27',
      attachments: [],
      status: 'open',
      finding: null,
      explanation: null,
      foundOn: null,
      dueOn: null,
    };
    const calls = stubApi({
      'GET /api/notices/7': () => json({ notice: notice() }),
      'POST /api/notices/7/objections': () => json({ objection }),
    });
    render(null, '/notices/7');
    await waitFor('notice-page');
    act(() => allById('notice-object')[0]!.click());
    await waitFor('objection-form');
    expect(byId('objection-anonymous')).toBeNull();
    expect(byId('objection-named-only')).not.toBeNull();
    const textarea = byId('objection-reasons-input') as HTMLTextAreaElement;
    act(() => {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      setter.call(textarea, '论文造假');
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => byId('objection-submit')!.click());
    await waitFor('objection-submitted');
    const post = calls.find((c) => c.key === 'POST /api/notices/7/objections')!;
    expect(JSON.parse(post.init!.body as string)).toEqual({
      itemId: 1,
      reasons: '论文造假',
      anonymous: false,
      attachmentIds: [],
    });
    expect((post.init!.headers as Record<string, string>)['Idempotency-Key']).toMatch(/.{16,}/);
  });

  it('shows the anonymous switch where allowed, and the receipt code after submitting', async () => {
    stubApi({
      'GET /api/notices/7': () => json({ notice: notice({ anonymousObjections: true }) }),
      'POST /api/notices/7/objections': () =>
        json({ objection: { id: 'x' }, receiptCode: '1234567890123456' }),
    });
    render(null, '/notices/7');
    await waitFor('notice-page');
    act(() => allById('notice-object')[0]!.click());
    await waitFor('objection-anonymous');
    act(() => byId('objection-anonymous')!.click());
    const textarea = byId('objection-reasons-input') as HTMLTextAreaElement;
    act(() => {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      setter.call(textarea, '理由');
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => byId('objection-submit')!.click());
    const code = await waitFor('objection-receipt-code');
    expect(code.textContent).toBe('1234 5678 9012 3456');
  });

  it('shows the result of a closed notice and no objection buttons', async () => {
    stubApi({
      'GET /api/notices/7': () =>
        json({
          notice: notice({
            status: 'closed',
            inPeriod: false,
            result: 'objections_handled',
            closedAt: '2026-12-05T02:00:00Z',
            abilities: { ...ABILITIES, object: false },
          }),
        }),
    });
    render(null, '/notices/7');
    const result = await waitFor('notice-result');
    expect(result.dataset.result).toBe('objections_handled');
    expect(result.textContent).toContain('异议已处理');
    expect(result.textContent).toContain('李华');
    expect(allById('notice-object')).toHaveLength(0);
  });
});

describe('NoticePage (office)', () => {
  it('shows the API reason in Chinese when closing is refused', async () => {
    stubApi({
      'GET /api/notices/7': () =>
        json({
          notice: notice({
            inPeriod: false,
            objectionsOpen: 1,
            abilities: { ...ABILITIES, object: false, viewObjections: true, correct: true },
          }),
        }),
      'GET /api/notices/7/objections': () => json({ items: [] }),
      'POST /api/notices/7/close': () =>
        json({ error: { code: 'NOTICE_OBJECTIONS_OPEN', message: 'x' } }, 409),
    });
    render(null, '/notices/7');
    (await waitFor('notice-close')).click();
    (await waitFor('notice-close-ok')).click();
    const error = await waitFor('notice-close-error');
    expect(error.textContent).toContain('还有异议未作出处理结论');
  });
});

describe('NoticeListPage', () => {
  const list: NoticeListItem[] = [
    { ...notice({ id: 1, title: '已结束的公示', inPeriod: false, startsOn: '2026-10-01' }) },
    { ...notice({ id: 2, title: '正在公示', unread: true }) },
  ];

  it('lists in-period notices first and marks the unread', async () => {
    const calls = stubApi({ 'GET /api/notices': () => json({ items: list, total: 2 }) });
    render(null, '/notices');
    await waitFor('notices-item');
    await flush();
    const rows = allById('notices-item');
    expect(rows.map((r) => r.querySelector('[data-testid="notices-link"]')!.textContent)).toEqual([
      '正在公示',
      '已结束的公示',
    ]);
    expect(rows[0]!.dataset.unread).toBe('true');
    expect(rows[1]!.dataset.unread).toBe('false');
    expect(calls[0]!.url).toBe('/api/notices?page=1');
  });

  it('sends the filters of the address to the API', async () => {
    const calls = stubApi({ 'GET /api/notices': () => json({ items: [], total: 0 }) });
    render(null, '/notices?type=title&year=2026&q=%E8%81%8C%E7%A7%B0');
    await waitFor('notices-list');
    await flush();
    expect(calls[0]!.url).toBe('/api/notices?type=title&year=2026&q=%E8%81%8C%E7%A7%B0&page=1');
  });

  it('shows my objections with their findings', async () => {
    const found: ObjectionView = {
      id: 'o'.repeat(22),
      noticeId: 7,
      noticeTitle: '职称公示',
      itemId: 1,
      itemName: '王小明',
      reasons: '论文造假',
      anonymous: false,
      objector: null,
      submittedOn: '2026-11-27',
      attachments: [],
      status: 'found',
      finding: 'upheld',
      explanation: '经核查属实，撤回推荐',
      foundOn: '2026-11-30',
      dueOn: '2026-12-04',
    };
    stubApi({ 'GET /api/notices/objections/mine': () => json({ items: [found] }) });
    render(null, '/notices?tab=mine');
    const finding = await waitFor('objection-finding');
    expect(finding.textContent).toContain('异议成立');
    expect(finding.textContent).toContain('经核查属实，撤回推荐');
    expect(byId('objection-notice-link')!.getAttribute('href')).toBe('/notices/7');
  });
});

/** Set an input's or a textarea's value the way React notices. */
function typeInto(el: HTMLElement, value: string) {
  const proto =
    el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  act(() => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('tracking an anonymous objection', () => {
  it('sends the receipt digits only and shows the finding', async () => {
    const tracked: ObjectionView = {
      id: 'q'.repeat(22),
      noticeId: 9,
      noticeTitle: '困难帮扶公示',
      itemId: 1,
      itemName: '张*明',
      reasons: '家庭收入不符',
      anonymous: true,
      objector: null,
      submittedOn: '2026-11-27',
      attachments: [],
      status: 'found',
      finding: 'not_upheld',
      explanation: '经核实收入符合条件',
      foundOn: '2026-11-30',
      dueOn: null,
    };
    const calls = stubApi({
      'POST /api/notices/objections/track': () => json({ objection: tracked }),
    });
    render(null, '/notices?tab=track');
    const input = (await waitFor('objection-track-code')) as HTMLInputElement;
    typeInto(input, '1234 5678');
    act(() => byId('objection-track-submit')!.click());
    await flush();
    await flush();
    expect(calls).toHaveLength(0);
    typeInto(input, '1234-5678-9012-3456');
    act(() => byId('objection-track-submit')!.click());
    const finding = await waitFor('objection-finding');
    expect(JSON.parse(calls[0]!.init!.body as string)).toEqual({
      receiptCode: '1234567890123456',
    });
    expect(finding.textContent).toContain('异议不成立');
    expect(byId('objection')!.textContent).toContain('匿名');
  });
});

describe('office forms', { timeout: 60_000 }, () => {
  const officeAbilities = { ...ABILITIES, object: false, viewObjections: true };
  const open: ObjectionView = {
    id: 'p'.repeat(22),
    noticeId: 7,
    noticeTitle: 'x',
    itemId: 1,
    itemName: '王小明',
    reasons: '论文造假',
    anonymous: false,
    objector: '彭颖',
    submittedOn: '2026-11-27',
    attachments: [],
    status: 'open',
    finding: null,
    explanation: null,
    foundOn: null,
    dueOn: '2026-12-04',
  };

  it('records an upheld finding that withdraws the item', async () => {
    const calls = stubApi({
      'GET /api/notices/7': () => json({ notice: notice({ abilities: officeAbilities }) }),
      'GET /api/notices/7/objections': () => json({ items: [open] }),
      [`POST /api/notices/objections/${open.id}/finding`]: () =>
        json({ objection: { ...open, status: 'found', finding: 'upheld' } }),
    });
    render(null, '/notices/7');
    const form = await waitFor('objection-finding-form');
    expect(byId('objection')!.textContent).toContain('提出人：彭颖');
    const upheld = form.querySelector<HTMLElement>('[data-testid="objection-finding-upheld"]')!;
    act(() => (upheld.querySelector('input') ?? upheld).click());
    await flush();
    typeInto(byId('objection-finding-explanation')!, '属实');
    const withdraw = Array.from(form.querySelectorAll<HTMLElement>('.ant-segmented-item')).find(
      (el) => el.textContent === '撤回',
    )!;
    act(() => withdraw.click());
    await flush();
    act(() => byId('objection-finding-save')!.click());
    for (let i = 0; i < 40 && !calls.some((c) => c.key.endsWith('/finding')); i++) await flush();
    const post = calls.find((c) => c.key.endsWith('/finding'))!;
    expect(JSON.parse(post.init!.body as string)).toEqual({
      finding: 'upheld',
      explanation: '属实',
      itemAction: 'withdraw',
    });
  });

  it('a rejection needs a comment before anything is sent', async () => {
    const calls = stubApi({
      'GET /api/notices/7': () =>
        json({
          notice: notice({
            status: 'in_review',
            inPeriod: false,
            versions: [],
            fingerprint: null,
            abilities: { ...officeAbilities, review: true },
          }),
        }),
      'POST /api/notices/7/review': () => json({ notice: notice() }),
    });
    render(null, '/notices/7');
    act(() => void waitFor('notice-review').then((b) => b.click()));
    await waitFor('notice-review-form');
    const reject = byId('notice-review-reject')!;
    act(() => (reject.querySelector('input') ?? reject).click());
    await flush();
    act(() => byId('notice-review-ok')!.click());
    await flush();
    await flush();
    expect(calls.some((c) => c.key === 'POST /api/notices/7/review')).toBe(false);
    typeInto(byId('notice-review-comment')!, '请补充评审依据');
    act(() => byId('notice-review-ok')!.click());
    for (let i = 0; i < 40 && !calls.some((c) => c.key.endsWith('/review')); i++) await flush();
    const post = calls.find((c) => c.key === 'POST /api/notices/7/review')!;
    expect(JSON.parse(post.init!.body as string)).toEqual({
      approve: false,
      comment: '请补充评审依据',
      publishAt: null,
    });
  });

  it('saves an edited draft with its scope, period and items, then submits it for review', async () => {
    const draft = notice({
      status: 'draft',
      inPeriod: false,
      startsOn: null,
      endsOn: null,
      version: 0,
      versions: [],
      fingerprint: null,
      items: [{ id: 11, seq: 1, name: '王小明', detail: '心内科', status: 'active', note: null }],
      attachments: [],
      scope: { wholeUnit: false, departmentIds: [4], departmentNames: ['心内科'] },
      abilities: { ...officeAbilities, edit: true, submitReview: true },
    });
    const calls = stubApi({
      'GET /api/notices': () => json({ items: [draft], total: 1 }),
      'GET /api/notices/types': () =>
        json({
          types: [{ type: 'title', periodDays: 5, anonymousObjections: false, sensitive: false }],
        }),
      'GET /api/org/departments': () =>
        json({
          items: [
            {
              id: 4,
              parentId: null,
              name: '心内科',
              path: '心内科',
              sort: 1,
              active: true,
              peopleCount: 3,
              abilities: { update: false, deactivate: false, addChild: false },
            },
          ],
        }),
      'GET /api/notices/7': () => json({ notice: draft }),
      'PUT /api/notices/7': () => json({ notice: draft }),
      'POST /api/notices/7/submit-review': () =>
        json({ notice: { ...draft, status: 'in_review' } }),
    });
    render(null, '/notices/manage?edit=7');
    await waitFor('notice-editor');
    await flush();
    typeInto(byId('notice-editor-title')!, '更新后的标题');
    const submitAfter = byId('notice-editor-submit-after')!;
    act(() => (submitAfter.querySelector('input') ?? submitAfter).click());
    act(() => byId('notice-editor-save')!.click());
    for (let i = 0; i < 60 && !calls.some((c) => c.key.endsWith('/submit-review')); i++) {
      await flush();
    }
    const put = calls.find((c) => c.key === 'PUT /api/notices/7')!;
    expect(JSON.parse(put.init!.body as string)).toEqual({
      type: 'title',
      title: '更新后的标题',
      body: draft.body,
      items: [{ name: '王小明', detail: '心内科' }],
      scope: { wholeUnit: false, departmentIds: [4] },
      periodDays: 5,
      attachmentIds: [],
    });
    expect(calls.some((c) => c.key === 'POST /api/notices/7/submit-review')).toBe(true);
  });

  it('a correction keeps the item ids and needs its reason', async () => {
    const calls = stubApi({
      'GET /api/notices/7': () =>
        json({ notice: notice({ abilities: { ...officeAbilities, correct: true } }) }),
      'GET /api/notices/7/objections': () => json({ items: [] }),
      'POST /api/notices/7/corrections': () => json({ notice: notice({ version: 3 }) }),
    });
    render(null, '/notices/7');
    act(() => void waitFor('notice-correct').then((b) => b.click()));
    await waitFor('notice-correction-form');
    act(() => byId('notice-editor-save')!.click());
    await flush();
    await flush();
    expect(calls.some((c) => c.key.endsWith('/corrections'))).toBe(false);
    typeInto(byId('notice-correction-reason')!, '科室名称有误');
    act(() => byId('notice-editor-save')!.click());
    for (let i = 0; i < 60 && !calls.some((c) => c.key.endsWith('/corrections')); i++) {
      await flush();
    }
    const post = calls.find((c) => c.key === 'POST /api/notices/7/corrections')!;
    const body = JSON.parse(post.init!.body as string) as {
      reason: string;
      items: Array<{ id?: number; name: string }>;
      attachmentIds: string[];
    };
    expect(body.reason).toBe('科室名称有误');
    expect(body.items.map((i) => [i.id, i.name])).toEqual([
      [1, '王小明'],
      [2, '李华'],
      [3, '赵强'],
    ]);
    expect(body.attachmentIds).toEqual(['a1']);
  });
});
