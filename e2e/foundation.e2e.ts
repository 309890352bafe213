import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  describeBrowser,
  signIn,
  demoLogins,
  E2E_DEMO_PASSWORD,
  launchBrowser,
  newPhonePage,
  screenshot,
  startServer,
  type RunningServer,
} from './harness.js';

/**
 * The foundation as people use it, on a phone-sized screen: log in with a printed demo login,
 * import a roster file (dry run, then for real), change a password, and find that change in
 * the audit trail as the audit administrator.
 */
describeBrowser('foundation flows', () => {
  let server: RunningServer;
  let browser: Browser;
  let logins: Array<{ role: string; username: string; name: string }>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-e2e-files-'));

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // The logins a newcomer would read off the console, as scripts get them.
    logins = demoLogins(server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const loginAs = (page: Page, username: string, password?: string) =>
    signIn(page, server, username, password);
  const openMenuItem = async (page: Page, id: string) => {
    // At 360 px the menu lives in a drawer behind the toggle.
    const toggle = page.getByTestId('menu-toggle');
    if (await toggle.isVisible()) await toggle.click();
    await page.getByTestId(id).click();
  };
  const login = (role: string) => logins.find((l) => l.role === role)!;

  it('prints one login per role, and a printed login works at once', async () => {
    expect(logins.map((l) => l.role)).toEqual(
      expect.arrayContaining(['staff', 'office', 'audit_admin', 'system_admin', 'security_admin']),
    );
    const { context, page } = await newPhonePage(browser);
    await loginAs(page, login('staff').username);
    await expect
      .poll(() => page.getByTestId('user-name').innerText())
      .toContain(login('staff').name);
    await context.close();
  });

  it('the office imports a roster file: dry run, then for real', async () => {
    const file = path.join(dir, '花名册.csv');
    fs.writeFileSync(
      file,
      '\uFEFF工号,姓名,部门,职务,手机,政治面貌,角色\n' +
        'E2E001,欧阳娜娜,内科/肾内科,住院医师,13800001111,中共党员,职工\n' +
        'E2E002,司马光明,内科/肾内科,主治医师,13800002222,群众,科室负责人\n' +
        'E2E003,诸葛青,医技/超声科,技师,,共青团员,\n',
    );
    const { context, page, errors } = await newPhonePage(browser);
    await loginAs(page, login('office').username);
    await openMenuItem(page, 'menu-org-import');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-dry-clean').waitFor({ timeout: 20_000 });
    await page.getByTestId('import-run').click();
    const confirm = page.getByTestId('import-confirm');
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 30_000 });
    await expect.poll(() => result.innerText()).toMatch(/3/);
    await screenshot(page, 'foundation-import-360');

    // The people are there, in departments made from the paths.
    await openMenuItem(page, 'menu-org-people');
    await page.getByTestId('people-search').fill('E2E00');
    await page.getByTestId('people-search').press('Enter');
    await expect
      .poll(() => page.getByTestId('people-table').innerText(), { timeout: 10_000 })
      .toContain('司马光明');
    expect(await page.getByTestId('people-table').innerText()).toContain('肾内科');
    expect(errors.filter((e) => !/status of 40[13]/.test(e))).toEqual([]);
    await context.close();
  });

  it('a bad roster file is refused with every bad row by number, and nothing is imported', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      file,
      '工号,姓名,部门,角色\nB1,甲,内科,职工\nB1,乙,内科,职工\nB3,丙,内科//x,院长夫人\n',
    );
    const { context, page } = await newPhonePage(browser);
    await loginAs(page, login('office').username);
    await openMenuItem(page, 'menu-org-import');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-dry-run').click();
    const problems = page.getByTestId('import-problems');
    await problems.waitFor({ timeout: 20_000 });
    const text = await problems.innerText();
    expect(text).toMatch(/3/); // row numbers
    expect(text).toContain('重复');
    expect(text).toContain('院长夫人');
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);
    await context.close();
  });

  it('a member of staff changes their password and the audit administrator sees it', async () => {
    const staff = login('staff');
    const { context, page } = await newPhonePage(browser);
    await loginAs(page, staff.username);
    await page.goto(`${server.url}/account/password`);
    await page.getByTestId('pw-current').fill(E2E_DEMO_PASSWORD);
    await page.getByTestId('pw-new').fill('Spring-Field-2027');
    await page.getByTestId('pw-confirm').fill('Spring-Field-2027');
    await page.getByTestId('pw-submit').click();
    await page.waitForTimeout(300);
    await page.getByTestId('logout').click();
    await page.getByTestId('login-submit').waitFor();
    // The old password no longer works; the new one does.
    await page.getByTestId('login-username').fill(staff.username);
    await page.getByTestId('login-password').fill(E2E_DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('error-alert').or(page.locator('.ant-alert-error')).first().waitFor();
    await loginAs(page, staff.username, 'Spring-Field-2027');
    await context.close();

    const audit = await newPhonePage(browser);
    await loginAs(audit.page, login('audit_admin').username);
    await openMenuItem(audit.page, 'menu-audit');
    await audit.page.getByTestId('audit-actor').fill(staff.name);
    await audit.page.getByTestId('audit-search').click();
    const table = audit.page.getByTestId('audit-table');
    await expect.poll(() => table.innerText(), { timeout: 10_000 }).toMatch(/修改密码|password/i);
    expect(await table.innerText()).toContain(staff.name);
    await screenshot(audit.page, 'foundation-audit-360');
    await audit.context.close();
  });
});
