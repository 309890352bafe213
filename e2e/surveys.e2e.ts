import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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
 * Surveys in a phone's browser (360 px). The office creates and opens an anonymous survey with a
 * show-if question through the API; a member of staff sees the follow-up question appear and
 * disappear with the answer it depends on, saves a draft, reloads and finds it, submits, and the
 * answer is counted (in the staff list and in the office's results). The office imports a pasted
 * questionnaire in the builder, sees the line it could not read, and saves the draft survey.
 */
describeBrowser('surveys', () => {
  let server: RunningServer;
  let browser: Browser;
  const STAFF = '104012';
  const OFFICE = '101002';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function phone(username: string) {
    const opened = await newPhonePage(browser);
    await signIn(opened.page, server, username);
    return opened;
  }

  /** Nothing wider than the 360 px screen (no sideways scrolling). */
  async function fitsThePhone(page: Page) {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
  }

  /** A JSON call from inside the signed-in page (same origin, its session cookie). */
  async function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
    const res = await page.evaluate(
      async ({ method, path, body }) => {
        const r = await fetch(path, {
          method,
          headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          credentials: 'same-origin',
        });
        return { status: r.status, text: await r.text() };
      },
      { method, path, body },
    );
    if (res.status !== 200) throw new Error(`${method} ${path} → ${res.status}: ${res.text}`);
    return JSON.parse(res.text) as T;
  }

  /** The input of an antd radio or checkbox, wherever its test id landed. */
  const choiceInput = (page: Page, testId: string) =>
    page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

  const question = (over: Record<string, unknown>) => ({
    description: '',
    required: false,
    options: [],
    rows: [],
    randomize: false,
    maxChoices: null,
    long: false,
    scale: null,
    showIf: null,
    ...over,
  });

  it('staff answer a show-if survey on a phone, keep a draft across a reload, and are counted', async () => {
    const title = `职工满意度调查 ${Date.now()}`;
    const office = await phone(OFFICE);
    const created = await call<{ survey: { id: number } }>(office.page, 'POST', '/api/surveys', {
      title,
      description: '请根据实际感受填写。',
      anonymous: true,
      audience: { departmentIds: [], roles: [] },
      opensAt: null,
      closesAt: null,
      questions: [
        question({
          id: 'q1',
          type: 'single',
          title: '您对本单位的总体满意度？',
          required: true,
          options: ['满意', '一般', '不满意'],
        }),
        question({
          id: 'q2',
          type: 'text',
          title: '您不满意的主要原因是？',
          required: true,
          long: true,
          showIf: { questionId: 'q1', optionIndexes: [2] },
        }),
        question({
          id: 'q3',
          type: 'multiple',
          title: '您最希望改进的方面（最多两项）',
          options: ['食堂', '班车', '排班', '培训'],
          maxChoices: 2,
        }),
        question({ id: 'q4', type: 'nps', title: '您有多大可能向朋友推荐来本单位工作？' }),
      ],
    });
    const id = created.survey.id;
    await call(office.page, 'POST', `/api/surveys/${id}/open`);

    // 1. The member of staff finds it on the phone.
    const staff = await phone(STAFF);
    const page = staff.page;
    await page.goto(`${server.url}/surveys`);
    const item = page
      .getByTestId('survey-todo-list')
      .getByTestId('survey-link')
      .filter({ hasText: title });
    await item.waitFor({ timeout: 15_000 });
    await fitsThePhone(page);
    await item.click();
    await page.getByTestId('survey-q-q1').waitFor();
    await page.getByTestId('survey-anonymous-note').waitFor();

    // 2. The follow-up question shows only while "不满意" is chosen.
    const followUp = page.getByTestId('survey-q-q2');
    expect(await followUp.count()).toBe(0);
    await page.getByTestId('survey-q-q1-opt-2').click();
    await followUp.waitFor();
    await page.getByTestId('survey-q-q1-opt-0').click();
    await followUp.waitFor({ state: 'detached' });
    await page.getByTestId('survey-q-q1-opt-2').click();
    await followUp.waitFor();
    await page.getByTestId('survey-q-q2-text').fill('夜班排班太紧，休息不够。');
    await page.getByTestId('survey-q-q3-opt-0').click();
    await page.getByTestId('survey-q-q3-opt-2').click();
    // The maximum of two: the other boxes cannot be ticked.
    expect(await choiceInput(page, 'survey-q-q3-opt-1').isDisabled()).toBe(true);
    await fitsThePhone(page);
    await screenshot(page, 'surveys-answer-360');

    // 3. Save a draft, reload, and find it.
    await page.getByTestId('survey-save-draft').click();
    await page.getByTestId('survey-draft-saved').waitFor({ timeout: 15_000 });
    await page.reload();
    await page.getByTestId('survey-draft-restored').waitFor({ timeout: 15_000 });
    await followUp.waitFor();
    expect(await page.getByTestId('survey-q-q2-text').inputValue()).toBe(
      '夜班排班太紧，休息不够。',
    );
    expect(await choiceInput(page, 'survey-q-q1-opt-2').isChecked()).toBe(true);

    // 4. Submit (the NPS too), and see the thanks.
    await page.getByTestId('survey-q-q4-value-8').click();
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('survey-thanks').waitFor({ timeout: 15_000 });
    await fitsThePhone(page);

    // 5. Counted: answered in the staff list, and in the office's results.
    await page.getByTestId('survey-back').click();
    const done = page
      .getByTestId('survey-done-list')
      .getByTestId('survey-item')
      .filter({ hasText: title });
    await done.waitFor({ timeout: 15_000 });
    expect(await done.getByTestId('survey-response-count').innerText()).toContain('1');
    expect(
      await page
        .getByTestId('survey-todo-list')
        .getByTestId('survey-link')
        .filter({ hasText: title })
        .count(),
    ).toBe(0);
    // Opening it again shows it answered, with no form.
    await done.getByTestId('survey-link').click();
    await page.getByTestId('survey-already-answered').waitFor();

    await office.page.goto(`${server.url}/surveys/manage`);
    const row = office.page.getByTestId('manage-item').filter({ hasText: title });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('manage-rate').innerText()).toMatch(/已答 1 \//);
    await row.getByTestId('manage-results').click();
    await office.page.getByTestId('survey-results').waitFor({ timeout: 15_000 });
    expect(await office.page.getByTestId('results-answered').innerText()).toMatch(
      /(^|\s)1\s*\/\s*\d+$/,
    );
    await office.page.getByTestId('results-q-q1').waitFor();
    await fitsThePhone(office.page);
    await screenshot(office.page, 'surveys-results-360');
    // The .xlsx export behind the page's link answers a workbook.
    const xlsx = await office.page.evaluate(
      async (href) => {
        const r = await fetch(href!, { credentials: 'same-origin' });
        return { status: r.status, type: r.headers.get('content-type') ?? '' };
      },
      await office.page.getByTestId('results-export').getAttribute('href'),
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toContain('spreadsheetml');

    expect(staff.errors).toEqual([]);
    expect(office.errors).toEqual([]);
    await staff.context.close();
    await office.context.close();
  });

  it('the office imports a pasted questionnaire, sees the line it could not read, and saves the draft', async () => {
    const office = await phone(OFFICE);
    const page = office.page;
    await page.goto(`${server.url}/surveys/manage`);
    await page.getByTestId('survey-new').click();
    await page.getByTestId('survey-builder').waitFor();
    await page.getByTestId('builder-import').click();
    const title = `职工食堂满意度调查 ${Date.now()}`;
    const text = [
      title,
      '一、基本情况',
      '1. 您对食堂饭菜的总体评价？[单选题]',
      'A. 满意 B. 一般 C. 不满意',
      '2、您最常在哪个时段就餐？[多选题]',
      'A．早餐',
      'B．午餐',
      '请在下午下班前交回', // line 8: neither a question nor an option
      'C．晚餐',
      '',
      '3. 您对食堂还有什么建议？[填空题]',
    ].join('\n');
    await page.getByTestId('import-text').fill(text);
    await page.getByTestId('import-parse').click();
    await page.getByTestId('import-report').waitFor({ timeout: 15_000 });
    const problem = page.locator('[data-testid="import-problem"][data-line="8"]');
    await problem.waitFor();
    expect(await problem.innerText()).toContain('第 8 行');
    expect(await page.getByTestId('import-question').count()).toBe(3);
    await screenshot(page, 'surveys-import-360');
    await page.getByTestId('import-use').click();
    await page.getByTestId('builder-question-2').waitFor();
    expect(await page.getByTestId('builder-title').inputValue()).toBe(title);
    await fitsThePhone(page);
    await screenshot(page, 'surveys-builder-360');
    await page.getByTestId('builder-preview').click();
    await page.getByTestId('builder-preview-frame').getByTestId('survey-q-q1').waitFor();
    await screenshot(page, 'surveys-preview-360');
    await page.keyboard.press('Escape');
    await page.getByTestId('builder-preview-frame').waitFor({ state: 'detached' });
    await fitsThePhone(page);

    await page.getByTestId('builder-save').click();
    // Saved: the builder now edits the stored survey.
    await page.waitForURL(/\/surveys\/manage\?edit=\d+$/, { timeout: 15_000 });
    const id = Number(new URL(page.url()).searchParams.get('edit'));
    const stored = await call<{
      survey: {
        status: string;
        title: string;
        questions: Array<{ type: string; options: string[] }>;
      };
    }>(page, 'GET', `/api/surveys/${id}`);
    expect(stored.survey.status).toBe('draft');
    expect(stored.survey.title).toBe(title);
    expect(stored.survey.questions.map((q) => q.type)).toEqual(['single', 'multiple', 'text']);
    expect(stored.survey.questions[1]!.options).toEqual(['早餐', '午餐', '晚餐']);

    // "导出文本" gives the survey back in the import format.
    const href = await page.getByTestId('builder-export-text').getAttribute('href');
    expect(href).toBe(`/api/surveys/${id}/export-text`);
    const exported = await page.evaluate(async (url) => {
      const r = await fetch(url, { credentials: 'same-origin' });
      return r.text();
    }, href!);
    expect(exported).toContain('您最常在哪个时段就餐？');
    expect(exported).toContain('[多选题]');

    // The list shows it as a draft.
    await page.getByTestId('builder-back').click();
    await page.getByTestId('manage-item').filter({ hasText: title }).waitFor({ timeout: 15_000 });
    expect(office.errors).toEqual([]);
    await office.context.close();
  });
});
