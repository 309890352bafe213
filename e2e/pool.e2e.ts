import { DEMO_POOL } from '../server/src/core/demo/generator.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  describeBrowser,
  signIn,
  launchBrowser,
  newPhonePage,
  screenshot,
  startServer,
  type RunningServer,
} from './harness.js';

/** The office works the issue pool on a desktop screen; a leader reads it on a phone. */
describeBrowser('issue pool', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const loginAs = (page: Page, username: string, password?: string) =>
    signIn(page, server, username, password);

  it('the office raises a matter to the top by judging it most urgent and quickest', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await loginAs(page, '101002'); // 群工办主任 of the demo unit
    await page.goto(`${server.url}/pool`);
    const table = page.getByTestId('pool-table');
    await expect.poll(() => table.innerText(), { timeout: 15_000 }).toContain('夜班职工就餐难');
    const rows = table.locator('tbody tr.ant-table-row');
    const titles = () => table.locator('tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();
    // The office's own demo matters (the mechanisms' entries rank among them too).
    const matter = (t: string) => DEMO_POOL.some((m) => m.title === t);
    const before = (await titles()).filter(matter);
    expect(before.length).toBe(DEMO_POOL.length);
    const lastTitle = before[before.length - 1]!;
    expect(before[0]).not.toBe(lastTitle);
    // Judge the last-ranked of them as most urgent and quickest to show results.
    await rows.filter({ hasText: lastTitle }).getByTestId('pool-assess').click();
    await page.getByTestId('pool-urgency').getByText('5 高').click();
    await page.getByTestId('pool-feasibility').getByText('5 高').click();
    await page.getByTestId('pool-assess-save').click();
    await page.getByTestId('pool-assess-save').waitFor({ state: 'hidden' });
    await expect
      .poll(async () => (await titles()).filter(matter)[0], { timeout: 10_000 })
      .toBe(lastTitle);
    await screenshot(page, 'pool-office-1280');
    await context.close();
  });

  it('a leader reads the pool on a phone, without the office actions', async () => {
    const { context, page, errors } = await newPhonePage(browser);
    await loginAs(page, '102001'); // 院长
    await page.goto(`${server.url}/pool`);
    const list = page.getByTestId('pool-list');
    await expect.poll(() => list.innerText(), { timeout: 15_000 }).toContain('停车位');
    expect(await page.getByTestId('pool-assess').count()).toBe(0);
    expect(await page.getByTestId('pool-add').count()).toBe(0);
    await screenshot(page, 'pool-leader-360');
    expect(errors.filter((e) => !/status of 40[13]/.test(e))).toEqual([]);
    await context.close();
  });
});
