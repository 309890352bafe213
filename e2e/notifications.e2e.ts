import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../server/src/core/actor.js';
import { runCommand } from '../server/src/core/command.js';
import {
  describeBrowser,
  signIn,
  openServerDatabase,
  launchBrowser,
  newPhonePage,
  screenshot,
  startServer,
  type RunningServer,
  outboxSettled,
} from './harness.js';

/**
 * A command notifies the office member; on a phone the bell shows it, the inbox reads it, the
 * preferences take an e-mail address, and the channels page adds a group robot.
 */
describeBrowser('notifications: bell, inbox, preferences, channels', () => {
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

  /** What a mechanism does: a command that emits an event naming the recipient. */
  async function notify(username: string, title: string) {
    const database = openServerDatabase(server);
    try {
      const account = await database.db
        .selectFrom('accounts')
        .select(['id', 'unit_id'])
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      await runCommand(
        { database, actor: systemActor(account.unit_id) },
        async (_tx, audit, emit) => {
          await audit('e2e.notify');
          await emit({ type: 'e2e.notice', recipients: [account.id], data: { title } });
        },
      );
    } finally {
      await database.close();
    }
  }

  it('shows the unread count on the bell and reads the message in the inbox', async () => {
    const { context, page, errors } = await newPhonePage(browser);
    await loginAs(page, '101002');
    // The demo's own notifications (its sample survey and notices) first; then one more.
    await outboxSettled(server);
    await page.goto(`${server.url}/inbox`);
    const bell = page.getByTestId('inbox-bell');
    await bell.waitFor({ state: 'attached' });
    const unread = Number(await bell.getAttribute('data-count'));
    await notify('101002', '食堂整改');
    // The outbox job runs every 2 s; the bell polls every 30 s and on navigation.
    await page.goto(`${server.url}/inbox`);
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('inbox-list').waitFor();
          return page.getByTestId('inbox-item').count();
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBe(unread + 1);
    await expect
      .poll(() => bell.getAttribute('data-count'), { timeout: 10_000 })
      .toBe(String(unread + 1));
    const item = page.getByTestId('inbox-item').first();
    expect(await item.getAttribute('data-read')).toBe('false');
    await screenshot(page, 'notifications-inbox-360');
    await page.getByTestId('inbox-mark-read').first().click();
    await expect.poll(() => item.getAttribute('data-read'), { timeout: 10_000 }).toBe('true');
    await expect
      .poll(() => bell.getAttribute('data-count'), { timeout: 10_000 })
      .toBe(String(unread));
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('saves my e-mail preferences', async () => {
    const { context, page, errors } = await newPhonePage(browser);
    await loginAs(page, '101002');
    await page.goto(`${server.url}/account/notifications`);
    await page.getByTestId('prefs-email').fill('office@example.cn');
    await page.getByText('每日汇总（18:00）').click();
    await page.getByTestId('prefs-save').click();
    await page.getByText('已保存').waitFor();
    await page.reload();
    await expect
      .poll(() => page.getByTestId('prefs-email').inputValue(), { timeout: 10_000 })
      .toBe('office@example.cn');
    await screenshot(page, 'notifications-prefs-360');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the office adds a group robot on the channels page', async () => {
    const { context, page, errors } = await newPhonePage(browser);
    await loginAs(page, '101002');
    await page.goto(`${server.url}/settings/channels`);
    await page.getByTestId('webhook-add').click();
    await page.getByTestId('webhook-name').fill('党办企业微信群');
    await page
      .getByTestId('webhook-url')
      .fill('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=e2e-key');
    await page.getByTestId('webhook-save').click();
    await page.getByTestId('webhook-item').first().waitFor();
    const text = await page.getByTestId('webhooks').innerText();
    expect(text).toContain('党办企业微信群');
    expect(text).not.toContain('e2e-key');
    await screenshot(page, 'notifications-channels-360');
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
