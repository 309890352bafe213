import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../server/src/core/actor.js';
import { runCommand } from '../server/src/core/command.js';
import { createDeadline, requestExtension } from '../server/src/core/deadlines/service.js';
import {
  describeBrowser,
  signIn,
  openServerDatabase,
  launchBrowser,
  newPhonePage,
  screenshot,
  startServer,
  type RunningServer,
} from './harness.js';

/** The office changes a day of the working-day calendar on a phone; a leader opens the board. */
describeBrowser('working-day calendar and supervision board', () => {
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

  it('the office marks a day of this month as a day off, with a reason', async () => {
    const { context, page, errors } = await newPhonePage(browser);
    await loginAs(page, '101002');
    await page.goto(`${server.url}/calendar`);
    await page.getByTestId('calendar-page').waitFor();
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const date = `${month}-15`;
    const cell = page.getByTestId(`calendar-day-${date}`);
    await cell.waitFor();
    const before = await cell.getAttribute('data-off');
    await cell.click();
    await page.getByTestId('calendar-edit-modal').waitFor();
    // The form proposes the opposite of the day's current state.
    await page.getByTestId('calendar-edit-reason').fill('全院消防演练');
    await page.getByTestId('calendar-edit-save').click();
    await page.getByTestId('calendar-edit-modal').waitFor({ state: 'hidden' });
    await expect
      .poll(() => cell.getAttribute('data-off'), { timeout: 10_000 })
      .toBe(before === '1' ? '0' : '1');
    await screenshot(page, 'calendar-office-360');
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows names and reasons in the full calendar on a desktop screen', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    await loginAs(page, '101002');
    await page.goto(`${server.url}/calendar`);
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const cell = page.getByTestId(`calendar-day-${month}-15`);
    await expect.poll(() => cell.innerText(), { timeout: 10_000 }).toContain('全院消防演练');
    await screenshot(page, 'calendar-office-1280');
    await context.close();
  });

  /** What a mechanism would do: two deadlines in the demo unit, one late with an extension asked. */
  async function seedDeadlines() {
    const database = openServerDatabase(server);
    try {
      const deps = await database.db
        .selectFrom('departments')
        .select(['id', 'unit_id'])
        .where('active', '=', 1)
        .orderBy('id')
        .limit(2)
        .execute();
      const ctx = { database, actor: systemActor(deps[0]!.unit_id) };
      const today = new Date(Date.now() + 8 * 3_600_000);
      const past = new Date(today.getTime() - 40 * 86_400_000).toISOString().slice(0, 10);
      return await runCommand(ctx, async (tx, audit) => {
        const late = await createDeadline(tx, ctx, audit, {
          subject: { type: 'e2e', id: 1 },
          title: '食堂夜班供餐整改',
          departmentId: deps[0]!.id,
          startDate: past,
          workingDays: 5,
        });
        await requestExtension(tx, ctx, audit, late.id, { days: 3, reason: '设备到货延迟' });
        const near = await createDeadline(tx, ctx, audit, {
          subject: { type: 'e2e', id: 2 },
          title: '职工休息室改造方案',
          departmentId: deps[1]!.id,
          startDate: today.toISOString().slice(0, 10),
          workingDays: 1,
        });
        return { late: late.id, near: near.id };
      });
    } finally {
      await database.close();
    }
  }

  it('the office sees late (red) and near (amber) items and approves an extension', async () => {
    const ids = await seedDeadlines();
    const { context, page, errors } = await newPhonePage(browser);
    await loginAs(page, '101002');
    await page.goto(`${server.url}/supervision`);
    const late = page.getByTestId(`deadline-${ids.late}`);
    await late.waitFor({ timeout: 15_000 });
    expect(await late.getAttribute('data-state')).toBe('late');
    expect(await page.getByTestId(`deadline-${ids.near}`).getAttribute('data-state')).toBe('near');
    expect(await page.getByTestId('supervision-totals').innerText()).toContain('1');
    await screenshot(page, 'supervision-office-360');
    await page.getByTestId(`deadline-decide-${ids.late}`).click();
    await page.getByTestId('extension-approve').click();
    await expect
      .poll(() => page.getByTestId(`deadline-decide-${ids.late}`).count(), { timeout: 10_000 })
      .toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a leader opens the supervision board on a phone', async () => {
    const { context, page, errors } = await newPhonePage(browser);
    await loginAs(page, '102001');
    await page.goto(`${server.url}/supervision`);
    await page.getByTestId('supervision-page').waitFor();
    await page.getByTestId('supervision-totals').waitFor({ timeout: 10_000 });
    await screenshot(page, 'supervision-leader-360');
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
