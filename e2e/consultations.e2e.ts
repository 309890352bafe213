import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { deflatedZip } from '../test/files-samples.js';
import {
  describeBrowser,
  launchBrowser,
  newPhonePage,
  screenshot,
  signIn,
  startServer,
  type RunningServer,
} from './harness.js';

/**
 * Draft consultation in a real browser: the office pastes a draft with 第一条…第三条, previews the
 * split and publishes it; a staff member on a 360 px phone disagrees with 第二条 and comments;
 * the office answers "部分采纳" with a reason, closes the consultation and publishes the adoption
 * report; the staff member reads the report with the answer and no names.
 */
describeBrowser('draft consultation', () => {
  let server: RunningServer;
  let browser: Browser;
  const STAFF = '104012';
  const OFFICE = '101002';
  const TITLE = '职工食堂管理办法（征求意见稿）';
  const COMMENT = '晚餐开放到 18:00 太早，夜班职工吃不上饭，建议延长到 19:30。';
  const REASON = '晚餐延长到 19:00，另设夜班加餐。';
  const SCRIPT = '<img src=x onerror="window.__consultXss=1">';
  const DRAFT = [
    TITLE,
    '为规范职工食堂管理，制定本办法。',
    '第一条\u3000本办法适用于院本部职工食堂。',
    `第二条\u3000食堂供餐时间为：早餐 6:30—8:30，午餐 11:00—13:00，晚餐 17:00—18:00。${SCRIPT}`,
    '第三条\u3000本办法自发布之日起施行。',
  ].join('\n');

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function fitsThePhone(page: Page) {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
  }

  async function noXss(page: Page) {
    expect(
      await page.evaluate(() => (window as { __consultXss?: number }).__consultXss),
    ).toBeUndefined();
  }

  async function desktop(username: string) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, server, username);
    return { context, page, errors };
  }

  it('goes from a pasted draft to a published adoption report read on a phone', async () => {
    // The office pastes the draft, previews the split and publishes it.
    const office = await desktop(OFFICE);
    await office.page.goto(`${server.url}/consultations`);
    await office.page.getByTestId('consultation-new').click();
    await office.page.getByTestId('consultation-title-input').fill(TITLE);
    await office.page.getByTestId('consultation-text-input').fill(DRAFT);
    await office.page.getByTestId('consultation-preview').click();
    await office.page.getByTestId('consultation-preview-list').waitFor();
    const previewed = office.page.getByTestId('consultation-preview-section');
    expect(await previewed.count()).toBe(4);
    expect(await previewed.nth(2).innerText()).toContain('第二条');
    await screenshot(office.page, 'consultations-preview');
    await office.page.getByTestId('consultation-publish').click();
    await office.page.waitForURL(/\/consultations\/\d+$/, { timeout: 20_000 });
    const id = Number(new URL(office.page.url()).pathname.split('/').pop());
    expect(id).toBeGreaterThan(0);
    await office.page.getByTestId('section-3').waitFor();

    // A staff member on a phone disagrees with 第二条 and comments.
    const staff = await newPhonePage(browser);
    await signIn(staff.page, server, STAFF);
    await staff.page.goto(`${server.url}/consultations`);
    await staff.page.getByTestId(`consultation-item-${id}`).getByRole('link').click();
    await staff.page.waitForURL(new RegExp(`/consultations/${id}$`));
    await staff.page.getByTestId('section-text-3').waitFor();
    expect(await staff.page.getByTestId('section-text-3').innerText()).toContain('onerror');
    await staff.page.getByTestId('stance-disagree-3').click();
    await expect
      .poll(() => staff.page.getByTestId('stance-disagree-3').getAttribute('aria-pressed'))
      .toBe('true');
    await staff.page.getByTestId('comment-input-3').fill(COMMENT);
    await staff.page.getByTestId('comment-submit-3').click();
    await staff.page.getByText(COMMENT).waitFor();
    expect(await staff.page.getByTestId('section-3').innerText()).toContain('不赞同 1');
    await fitsThePhone(staff.page);
    await noXss(staff.page);
    await screenshot(staff.page, 'consultations-comment-360');

    // The office answers 部分采纳 with a reason, closes and publishes the report.
    await office.page.reload();
    const form = office.page.locator('[data-testid^="answer-form-"]').first();
    await form.waitFor();
    const commentId = (await form.getAttribute('data-testid'))!.replace('answer-form-', '');
    expect(await office.page.getByTestId(`comment-${commentId}`).innerText()).toContain(COMMENT);
    await office.page.getByTestId(`answer-partly-${commentId}`).click();
    // Without a reason the answer cannot be saved.
    expect(await office.page.getByTestId(`answer-submit-${commentId}`).isDisabled()).toBe(true);
    await office.page.getByTestId(`answer-reason-${commentId}`).fill(REASON);
    await office.page.getByTestId(`answer-submit-${commentId}`).click();
    await expect
      .poll(() => office.page.getByTestId(`comment-${commentId}`).innerText())
      .toContain('部分采纳');
    await office.page.getByTestId('consultation-close').click();
    await office.page.getByTestId('consultation-close-ok').click();
    await office.page.getByTestId('consultation-publish-report').waitFor();
    await office.page.getByTestId('consultation-publish-report').click();
    await office.page.getByTestId('consultation-publish-report-ok').click();
    await office.page.getByTestId('report-view').waitFor({ timeout: 20_000 });
    await office.page.getByTestId('report-chart').locator('canvas').waitFor();
    await screenshot(office.page, 'consultations-report');
    expect(office.errors).toEqual([]);

    // The staff member reads the published report with the answer, and no names.
    await staff.page.goto(`${server.url}/consultations?tab=reports`);
    await staff.page.getByTestId(`consultation-item-${id}`).getByRole('link').click();
    await staff.page.getByTestId('consultation-report-tab').click();
    const report = staff.page.getByTestId('report-view');
    await report.waitFor();
    await staff.page.getByTestId('report-section-3').getByText(COMMENT).waitFor();
    const text = await staff.page.getByTestId('report-section-3').innerText();
    expect(text).toContain('部分采纳');
    expect(text).toContain(REASON);
    expect(await report.innerText()).not.toContain(STAFF);
    await staff.page.getByTestId('report-chart').locator('canvas').waitFor();
    await fitsThePhone(staff.page);
    await noXss(staff.page);
    await screenshot(staff.page, 'consultations-report-360');

    // And finds the answer under "my comments".
    await staff.page.goto(`${server.url}/consultations?tab=mine`);
    const mine = staff.page.getByTestId('consultation-list-mine');
    await mine.getByText(REASON, { exact: false }).waitFor();
    expect(staff.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await office.context.close();
    await staff.context.close();
  });

  it('reads an uploaded .docx into the text and its split', async () => {
    const paragraphs = [
      '医院值班管理规定（征求意见稿）',
      '一、总则',
      '值班人员应坚守岗位。',
      '二、交接班',
      '交接班应当面进行。',
    ];
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="x"><w:body>' +
      paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('') +
      '</w:body></w:document>';
    const docx = deflatedZip([
      {
        name: '[Content_Types].xml',
        data:
          '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      },
      { name: 'word/document.xml', data: xml },
    ]);
    const office = await desktop(OFFICE);
    await office.page.goto(`${server.url}/consultations?new=1`);
    await office.page.getByText('上传 Word（.docx）').click();
    await office.page.locator('input[type=file]').setInputFiles({
      name: '值班管理规定.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: docx,
    });
    await office.page.getByTestId('consultation-preview-list').waitFor({ timeout: 20_000 });
    const cards = office.page.getByTestId('consultation-preview-section');
    expect(await cards.count()).toBe(3);
    expect(await cards.nth(1).innerText()).toContain('一、');
    expect(await office.page.getByTestId('consultation-text-input').inputValue()).toContain(
      '交接班应当面进行。',
    );
    expect(office.errors).toEqual([]);
    await office.context.close();
  });
});
