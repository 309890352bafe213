/// <reference lib="dom" />
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { indexDocuments } from '../server/src/core/search/commands.js';
import type { Database } from '../server/src/db/database.js';
import {
  describeBrowser,
  signIn,
  openServerDatabase,
  demoLogins,
  launchBrowser,
  newPhonePage,
  screenshot,
  startServer,
  type RunningServer,
} from './harness.js';

/**
 * The search box of the shell and the results page. No mechanism feeds the index yet, so the
 * suite writes documents the way a module will, with `indexDocuments` on the server's database.
 */
describeBrowser('search', () => {
  let server: RunningServer;
  let browser: Browser;
  let database: Database;
  let logins: Array<{ role: string; username: string }>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    logins = demoLogins(server);
    database = openServerDatabase(server);
    const unit = await database.db.selectFrom('units').select('id').executeTakeFirstOrThrow();
    const base = { unitId: unit.id, visibility: { unit: true } };
    await database.db.transaction().execute((tx) =>
      indexDocuments(tx, database.kind, [
        {
          ...base,
          recordKind: 'opinion',
          recordId: 1,
          title: '夜班职工就餐难',
          text: '夜班结束后职工食堂已经关门，希望延长供应时间。',
        },
        {
          ...base,
          recordKind: 'notice',
          recordId: 2,
          title: '停車位調整公示',
          text: '地下車庫停車位重新分配，<script>alert(1)</script> 有意见请在五个工作日内提出。',
          link: '/',
        },
        {
          ...base,
          recordKind: 'opinion',
          recordId: 3,
          title: '食堂承包合同',
          text: '只给群工办看的食堂材料',
          visibility: { roles: ['office'] },
        },
      ]),
    );
  });
  afterAll(async () => {
    await database?.close();
    await browser?.close();
    await server?.stop();
  });

  const login = (role: string) => logins.find((l) => l.role === role)!.username;
  const loginAs = (page: Page, username: string, password?: string) =>
    signIn(page, server, username, password);

  const searchInput = (page: Page) => page.getByTestId('search-bar').locator('input');

  it('searches from the header box on a desktop, showing only what the reader may see', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await loginAs(page, login('staff'));
    await page.getByTestId('header-search').fill('食堂');
    await page.getByTestId('header-search').press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const hits = page.getByTestId('search-hit');
    await expect.poll(() => hits.count(), { timeout: 15_000 }).toBe(1);
    expect(await hits.first().innerText()).toContain('夜班职工就餐难');
    expect(await hits.first().locator('mark').allInnerTexts()).toEqual(['食堂']);
    expect(await page.getByTestId('search-results').innerText()).not.toContain('承包合同');
    await screenshot(page, 'search-desktop-1280');

    // Punctuation only: a hint, not an error.
    await searchInput(page).fill('！？。');
    await searchInput(page).press('Enter');
    await page.getByTestId('search-empty').waitFor();
    expect(await page.getByTestId('error-alert').count()).toBe(0);
    await context.close();
  });

  it('finds traditional text with simplified words on a phone, marks as elements', async () => {
    const { context, page, errors } = await newPhonePage(browser);
    await loginAs(page, login('staff'));
    await page.getByTestId('search-open').click();
    await page.waitForURL(/\/search$/);
    await page.getByTestId('search-start').waitFor();
    await searchInput(page).fill('停车位');
    await searchInput(page).press('Enter');
    const hits = page.getByTestId('search-hit');
    await expect.poll(() => hits.count(), { timeout: 15_000 }).toBe(1);
    expect(await hits.first().locator('mark').first().innerText()).toBe('停車位');
    // User text stays text: the script tag is shown, never run or parsed.
    expect(await hits.first().locator('script').count()).toBe(0);
    await page.getByTestId('search-kinds').waitFor();
    expect(await page.getByTestId('search-kind-notice').innerText()).toContain('1');
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'search-phone-360');

    await searchInput(page).fill('没有这种内容的词语');
    await searchInput(page).press('Enter');
    await page.getByTestId('search-empty').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
