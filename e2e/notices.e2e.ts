import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  describeBrowser,
  launchBrowser,
  newPhonePage,
  openServerDatabase,
  screenshot,
  signIn,
  startServer,
  type RunningServer,
} from './harness.js';

/**
 * Public notices in Chromium (issue #5): the office publishes a 职称评审 notice with three
 * candidates under the four-eyes rule (a second office member approves it); a member of staff
 * objects on a phone; the period ends (moved back in the database); closing is refused while the
 * objection is open; the finding is recorded and the objector sees it; the notice closes with its
 * result. A second test changes a published snapshot row in the database and 核验 reports it.
 */
describeBrowser('public notices', () => {
  let server: RunningServer;
  let browser: Browser;
  const OFFICE = '101002'; // 群工办主任
  const REVIEWER = '101003'; // 群工办干事: the demo's second office member
  const STAFF = '104012'; // 心内科, in the whole unit's scope
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  /** Beijing's calendar date `days` from today. */
  const shanghaiDate = (days = 0) =>
    new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

  async function desktop(username: string) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    await signIn(page, server, username);
    return { page, errors };
  }

  async function phone(username: string) {
    const opened = await newPhonePage(browser);
    contexts.push(opened.context);
    await signIn(opened.page, server, username);
    return opened;
  }

  /** Nothing wider than the 360 px screen (no sideways scrolling). */
  async function fitsThePhone(page: Page) {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
  }

  /** A same-origin API call from the signed-in page (the server refuses other origins). */
  async function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
    const res = await page.evaluate(
      async ([m, p, b]) => {
        const r = await fetch(p, {
          method: m,
          headers: b === undefined ? {} : { 'Content-Type': 'application/json' },
          body: b === undefined ? undefined : JSON.stringify(b),
        });
        return { status: r.status, text: await r.text() };
      },
      [method, path, body] as const,
    );
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return JSON.parse(res.text) as T;
  }

  /** The period started today at the latest (a weekend publication starts on the next working day). */
  async function startToday(id: number) {
    const database = openServerDatabase(server);
    try {
      await database.db
        .updateTable('notices')
        .set({ starts_on: shanghaiDate() })
        .where('id', '=', id)
        .where('starts_on', '>', shanghaiDate())
        .execute();
    } finally {
      await database.close();
    }
  }

  async function noticeStatus(page: Page, status: string) {
    await page
      .locator(`[data-testid="notice-page"][data-status="${status}"]`)
      .waitFor({ timeout: 15_000 });
  }

  it('publishes a title notice, handles an objection and closes with the result', async () => {
    const title = `2026 年度职称评审拟推荐人选公示 ${Date.now()}`;
    const candidates = ['王一鸣', '李二娟', '张三丰'];

    // 1. The office writes the draft on a desktop and submits it for review.
    const office = await desktop(OFFICE);
    await office.page.goto(`${server.url}/notices/manage`);
    await office.page.getByTestId('manage-new').click();
    await office.page.getByTestId('notice-editor').waitFor();
    await office.page.getByTestId('notice-editor-type').click();
    await office.page.locator('.ant-select-item-option', { hasText: '职称评审' }).click();
    await office.page.getByTestId('notice-editor-type-info').waitFor();
    expect(await office.page.getByTestId('notice-editor-period').inputValue()).toMatch(/^\d+$/);
    await office.page.getByTestId('notice-editor-title').fill(title);
    await office.page
      .getByTestId('notice-editor-body')
      .fill('经个人申报、科室推荐、评审委员会评议，拟推荐以下人员：\n\n- 公示期内可实名提出异议');
    await office.page.getByTestId('notice-editor-add-item').click();
    await office.page.getByTestId('notice-editor-add-item').click();
    for (const [i, name] of candidates.entries()) {
      await office.page.getByTestId('notice-editor-item-name').nth(i).fill(name);
      await office.page
        .getByTestId('notice-editor-item-detail')
        .nth(i)
        .fill(`心内科 拟评副主任医师 ${i + 1}`);
    }
    await screenshot(office.page, 'notices-editor-1280');
    await office.page.getByTestId('notice-editor-submit-after').click();
    await office.page.getByTestId('notice-editor-save').click();
    await noticeStatus(office.page, 'in_review');
    const id = Number(/\/notices\/(\d+)/.exec(office.page.url())![1]);
    expect(id).toBeGreaterThan(0);
    // The submitter cannot approve their own notice.
    expect(await office.page.getByTestId('notice-review').count()).toBe(0);

    // 2. A second office member approves it.
    const reviewer = await desktop(REVIEWER);
    await reviewer.page.goto(`${server.url}/notices/${id}`);
    await reviewer.page.getByTestId('notice-review').click();
    await reviewer.page.getByTestId('notice-review-ok').click();
    await noticeStatus(reviewer.page, 'published');
    await startToday(id);

    // 3. A member of staff in scope finds it unread on a phone and objects to one candidate.
    const staff = await phone(STAFF);
    await staff.page.goto(`${server.url}/notices`);
    const row = staff.page.getByTestId('notices-item').filter({ hasText: title });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-unread')).toBe('true');
    await fitsThePhone(staff.page);
    // The menu counts the unread notices in scope.
    await staff.page.getByTestId('menu-toggle').click();
    const badge = staff.page.getByTestId('notices-unread-badge');
    await badge.waitFor({ timeout: 15_000 });
    expect(Number((await badge.innerText()).trim())).toBeGreaterThanOrEqual(1);
    await staff.page.keyboard.press('Escape');
    await row.getByTestId('notices-link').click();
    await noticeStatus(staff.page, 'published');
    await staff.page.getByTestId('notice-fingerprint-value').waitFor();
    await fitsThePhone(staff.page);
    await screenshot(staff.page, 'notices-page-360');
    const objectButtons = staff.page.getByTestId('notice-object');
    expect(await objectButtons.count()).toBe(3);
    await objectButtons.nth(1).click();
    await staff.page.getByTestId('objection-form').waitFor();
    // The title type takes named objections only.
    await staff.page.getByTestId('objection-named-only').waitFor();
    await staff.page
      .getByTestId('objection-reasons-input')
      .fill('该同志的代表作与他人论文高度重合。');
    // Evidence: a file uploaded first (POST /api/files), then sent by id with the objection.
    await staff.page
      .getByTestId('objection-attachments-upload')
      .locator('input[type=file]')
      .setInputFiles({
        name: '论文比对报告.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('重复率 62%，与 2024 年某期刊论文高度重合。\n'),
      });
    await staff.page
      .getByTestId('objection-attachments-upload')
      .locator('.ant-upload-list-item-done')
      .waitFor({ timeout: 15_000 });
    await fitsThePhone(staff.page);
    await staff.page.getByTestId('objection-submit').click();
    await staff.page.getByTestId('objection-submitted').waitFor({ timeout: 15_000 });
    await staff.page.getByTestId('objection-submitted-ok').click();

    // 4. The period ends: its dates move back in the server's database.
    const database = openServerDatabase(server);
    try {
      await database.db
        .updateTable('notices')
        .set({ starts_on: shanghaiDate(-14), ends_on: shanghaiDate(-7) })
        .where('id', '=', id)
        .execute();
    } finally {
      await database.close();
    }

    // 5. Closing is refused while the objection is open, with the reason in Chinese.
    await office.page.goto(`${server.url}/notices/${id}`);
    await noticeStatus(office.page, 'published');
    await office.page.getByTestId('notice-close').click();
    await office.page.getByTestId('notice-close-ok').click();
    const refused = office.page.getByTestId('notice-close-error');
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.innerText()).toContain('异议');
    await office.page.keyboard.press('Escape');
    await office.page.getByTestId('notice-close-form').waitFor({ state: 'hidden' });

    await screenshot(office.page, 'notices-office-refused-1280');

    // Reads per department (office only): the staff member's department has read it.
    await office.page.getByRole('tab', { name: '知情情况' }).click();
    await office.page.getByTestId('notice-reads-chart').waitFor({ timeout: 15_000 });
    expect(await office.page.getByTestId('notice-reads').innerText()).toContain('心内科');
    await office.page.getByRole('tab', { name: /^异议/ }).click();

    // 6. The office records the finding: upheld, the candidate withdrawn.
    const objection = office.page.getByTestId('objection').filter({ hasText: candidates[1]! });
    await objection.waitFor({ timeout: 15_000 });
    expect(await objection.getByTestId('objection-attachments').innerText()).toContain(
      '论文比对报告.txt',
    );
    await objection.getByTestId('objection-finding-upheld').click();
    await objection.getByTestId('objection-finding-explanation').fill('经核查属实，撤回推荐。');
    await objection.locator('.ant-segmented-item', { hasText: '撤回' }).click();
    await objection.getByTestId('objection-finding-save').click();
    await office.page
      .locator('[data-testid="objection"][data-status="found"]')
      .waitFor({ timeout: 15_000 });
    await expect
      .poll(() =>
        office.page.locator('[data-testid="notice-item"][data-status="withdrawn"]').count(),
      )
      .toBe(1);

    // 7. The objector sees the finding under "my objections".
    await staff.page.goto(`${server.url}/notices?tab=mine`);
    const finding = staff.page.getByTestId('objection-finding');
    await finding.waitFor({ timeout: 15_000 });
    expect(await finding.innerText()).toContain('经核查属实，撤回推荐。');
    expect(await finding.innerText()).toContain('异议成立');
    await fitsThePhone(staff.page);

    // 8. The office closes the notice; the result is on the notice for everyone.
    await office.page.reload();
    await noticeStatus(office.page, 'published');
    await office.page.getByTestId('notice-close').click();
    await office.page.getByTestId('notice-close-ok').click();
    await noticeStatus(office.page, 'closed');
    const result = office.page.getByTestId('notice-result');
    expect(await result.getAttribute('data-result')).toBe('objections_handled');
    expect(await result.innerText()).toContain(candidates[1]!);

    await staff.page.goto(`${server.url}/notices/${id}`);
    await noticeStatus(staff.page, 'closed');
    expect(await staff.page.getByTestId('notice-result').innerText()).toContain('异议已处理');
    expect(await staff.page.getByTestId('notice-object').count()).toBe(0);
    // The withdrawal made version 2; version 1 is still readable as published.
    expect(await staff.page.getByTestId('notice-version').count()).toBe(2);
    await staff.page.getByTestId('notice-version-view-1').click();
    const first = staff.page.getByTestId('notice-version-view');
    await first.waitFor({ timeout: 15_000 });
    expect(
      await first.locator('[data-testid="notice-item"][data-status="withdrawn"]').count(),
    ).toBe(0);
    expect(await first.innerText()).toContain(candidates[1]!);
    await staff.page.keyboard.press('Escape');
    await first.waitFor({ state: 'hidden' });
    await fitsThePhone(staff.page);
    await screenshot(staff.page, 'notices-closed-360');
    // The office's list works on a phone too.
    const officePhone = await phone(OFFICE);
    await officePhone.page.goto(`${server.url}/notices/manage?status=closed`);
    await officePhone.page
      .getByTestId('manage-link')
      .filter({ hasText: title })
      .waitFor({ timeout: 15_000 });
    await fitsThePhone(officePhone.page);
    await screenshot(officePhone.page, 'notices-manage-360');
    expect(office.errors).toEqual([]);
    expect(reviewer.errors).toEqual([]);
    expect(staff.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });

  it('核验 reports a published snapshot changed directly in the database', async () => {
    const office = await desktop(OFFICE);
    const reviewer = await desktop(REVIEWER);
    const { types } = await call<{ types: Array<{ type: string; periodDays: number }> }>(
      office.page,
      'GET',
      '/api/notices/types',
    );
    expect(types.some((t) => t.type === 'award')).toBe(true);
    const created = await call<{ notice: { id: number } }>(office.page, 'POST', '/api/notices', {
      type: 'award',
      title: `年度先进个人评选结果公示 ${Date.now()}`,
      body: '拟表彰以下先进个人。',
      items: [
        { name: '陈可', detail: '护理部' },
        { name: '周立', detail: '检验科' },
      ],
      scope: { wholeUnit: true, departmentIds: [] },
      attachmentIds: [],
    });
    const id = created.notice.id;
    await call(office.page, 'POST', `/api/notices/${id}/submit-review`, {});
    await call(reviewer.page, 'POST', `/api/notices/${id}/review`, { approve: true });

    const staff = await phone(STAFF);
    await staff.page.goto(`${server.url}/notices/${id}`);
    await noticeStatus(staff.page, 'published');
    await staff.page.getByTestId('notice-verify').click();
    const result = staff.page.getByTestId('notice-verify-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getAttribute('data-ok')).toBe('true');

    // Someone with database access rewrites a published name, getting past the append-only
    // triggers first.
    const database = openServerDatabase(server);
    try {
      if (database.kind === 'sqlite') {
        await sql`drop trigger if exists notice_version_items_no_update`.execute(database.db);
      } else {
        await sql`alter table notice_version_items disable trigger notice_version_items_no_change`.execute(
          database.db,
        );
      }
      const version = await database.db
        .selectFrom('notice_versions')
        .select('id')
        .where('notice_id', '=', id)
        .executeTakeFirstOrThrow();
      const changed = await database.db
        .updateTable('notice_version_items')
        .set({ name: '冒名者' })
        .where('version_id', '=', version.id)
        .where('name', '=', '陈可')
        .executeTakeFirst();
      expect(Number(changed.numUpdatedRows)).toBe(1);
    } finally {
      await database.close();
    }

    await staff.page.reload();
    await noticeStatus(staff.page, 'published');
    await staff.page.getByTestId('notice-verify').click();
    await expect.poll(() => result.getAttribute('data-ok'), { timeout: 15_000 }).toBe('false');
    expect(await result.innerText()).toContain('核验不通过');
    await fitsThePhone(staff.page);
    await screenshot(staff.page, 'notices-verify-mismatch-360');
  });
});
