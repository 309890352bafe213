// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, Route, Routes } from 'react-router';
import { App as AntApp } from 'antd';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { installDomStubs, officeMe } from '../../test/dom';
import { AppProviders } from '../../app/AppProviders';
import { queryClient } from '../../app/queryClient';
import AnswerSurveyPage from './AnswerSurveyPage';
import ManageSurveysPage from './ManageSurveysPage';
import ResultsView from './ResultsView';
import SurveyListPage from './SurveyListPage';
import type { Question, SurveyResults, SurveySummary, SurveyView } from './types';

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

async function render(path: string) {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  await act(async () =>
    root!.render(
      <AppProviders>
        <AntApp>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path="/surveys" element={<SurveyListPage />} />
              <Route path="/surveys/manage" element={<ManageSurveysPage />} />
              <Route path="/surveys/:id" element={<AnswerSurveyPage />} />
              <Route path="/results/:id" element={<ResultsView surveyId={7} backTo="/" />} />
            </Routes>
          </MemoryRouter>
        </AntApp>
      </AppProviders>,
    ),
  );
}

const byId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const flush = () => act(() => new Promise((r) => setTimeout(r, 30)));

async function find(id: string, timeout = 3000): Promise<HTMLElement> {
  const start = Date.now();
  for (;;) {
    const el = byId(id);
    if (el) return el;
    if (Date.now() - start > timeout) {
      throw new Error(`not found: ${id}\n${document.body.innerHTML.slice(0, 3000)}`);
    }
    await flush();
  }
}

/** The clickable input inside an antd radio / checkbox (the test id may sit on its label). */
function input(id: string): HTMLInputElement {
  const el = byId(id);
  if (!el) throw new Error(`not found: ${id}`);
  return el instanceof HTMLInputElement ? el : el.querySelector('input')!;
}

function type(el: HTMLElement, value: string) {
  const field = (
    el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
      ? el
      : el.querySelector('input, textarea')
  ) as HTMLInputElement | HTMLTextAreaElement;
  const proto =
    field instanceof HTMLTextAreaElement
      ? HTMLTextAreaElement.prototype
      : HTMLInputElement.prototype;
  act(() => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(field, value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

type Handler = (init: RequestInit, url: string) => { status?: number; body: unknown };

/** A fetch that answers by "METHOD /path" (query ignored) and records every call. */
function stubApi(routes: Record<string, Handler>) {
  const calls: Array<{ key: string; url: string; init: RequestInit }> = [];
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const key = `${init.method ?? 'GET'} ${url.split('?')[0]}`;
    calls.push({ key, url, init });
    const handler = routes[key];
    if (!handler) {
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: key } }), {
        status: 404,
        headers: { 'content-type': 'application/json' },
      });
    }
    const { status = 200, body } = handler(init, url);
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

const question = (over: Partial<Question> & Pick<Question, 'id' | 'type'>): Question => ({
  title: `题目 ${over.id}`,
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

const QUESTIONS: Question[] = [
  question({ id: 'q1', type: 'single', required: true, options: ['满意', '不满意'] }),
  question({
    id: 'q2',
    type: 'text',
    required: true,
    title: '哪里不满意？',
    showIf: { questionId: 'q1', optionIndexes: [1] },
  }),
  question({ id: 'q3', type: 'multiple', options: ['食堂', '班车', '排班'], maxChoices: 2 }),
  question({ id: 'q4', type: 'nps' }),
];

const survey = (over: Partial<SurveyView> = {}): SurveyView => ({
  id: 5,
  title: '职工满意度调查',
  status: 'open',
  anonymous: true,
  opensAt: null,
  closesAt: '2026-12-31T10:00:00.000Z',
  responseCount: 3,
  invited: 40,
  answered: false,
  ownerDepartment: null,
  description: '',
  audience: { departmentIds: [], roles: [], departmentNames: [] },
  locked: true,
  questions: QUESTIONS,
  draft: null,
  abilities: {
    edit: false,
    open: false,
    close: false,
    answer: true,
    viewResults: false,
    remind: false,
  },
  ...over,
});

describe('AnswerSurveyPage', { timeout: 30_000 }, () => {
  it('shows a show-if question only while its option is chosen and sends only shown answers', async () => {
    const calls = stubApi({
      'GET /api/surveys/5': () => ({ body: { survey: survey() } }),
      'POST /api/surveys/5/responses': () => ({ body: { ok: true } }),
    });
    await render('/surveys/5');
    await find('survey-q-q1');
    expect(byId('survey-anonymous-note')).not.toBeNull();
    expect(byId('survey-q-q2')).toBeNull();

    act(() => input('survey-q-q1-opt-1').click());
    expect(byId('survey-q-q2')).not.toBeNull();
    type(byId('survey-q-q2-text')!, '夜班没有热饭');
    act(() => input('survey-q-q1-opt-0').click());
    expect(byId('survey-q-q2')).toBeNull();

    // The maximum of a multiple choice: the third box cannot be ticked.
    act(() => input('survey-q-q3-opt-0').click());
    act(() => input('survey-q-q3-opt-2').click());
    expect(input('survey-q-q3-opt-1').disabled).toBe(true);
    act(() => byId('survey-q-q4-value-9')!.click());

    await act(async () => byId('survey-submit')!.click());
    await find('survey-thanks');
    const post = calls.find((c) => c.key === 'POST /api/surveys/5/responses')!;
    // The hidden question's text is dropped.
    expect(JSON.parse(post.init.body as string)).toEqual({
      answers: { q1: { choice: 0 }, q3: { choices: [0, 2] }, q4: { value: 9 } },
    });
    const headers = post.init.headers as Record<string, string>;
    expect(headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{16,}$/);
  });

  it('stops on an unanswered required question without sending, then shows the server’s refusal', async () => {
    const calls = stubApi({
      'GET /api/surveys/5': () => ({ body: { survey: survey() } }),
      'POST /api/surveys/5/responses': () => ({
        status: 400,
        body: {
          error: {
            code: 'SURVEY_ANSWER_INVALID',
            message: 'x',
            details: { questionId: 'q3', problem: 'too_many_choices' },
          },
        },
      }),
    });
    await render('/surveys/5');
    await find('survey-q-q1');
    act(() => input('survey-q-q1-opt-1').click());
    await act(async () => byId('survey-submit')!.click());
    expect(byId('survey-q-q2-problem')).not.toBeNull();
    expect(byId('survey-problems')).not.toBeNull();
    expect(calls.some((c) => c.key.startsWith('POST'))).toBe(false);

    type(byId('survey-q-q2-text')!, '排班太紧');
    expect(byId('survey-q-q2-problem')).toBeNull();
    await act(async () => byId('survey-submit')!.click());
    await find('survey-error');
    expect(byId('survey-q-q3-problem')!.textContent).toContain('2');
    expect(byId('survey-thanks')).toBeNull();
  });

  it('restores a saved draft and saves the current answers as a draft', async () => {
    const calls = stubApi({
      'GET /api/surveys/5': () => ({
        body: { survey: survey({ draft: { q1: { choice: 1 }, q2: { text: '草稿内容' } } }) },
      }),
      'PUT /api/surveys/5/draft': () => ({ body: { savedAt: '2026-11-27T02:00:00.000Z' } }),
    });
    await render('/surveys/5');
    await find('survey-draft-restored');
    expect(input('survey-q-q1-opt-1').checked).toBe(true);
    expect((byId('survey-q-q2-text') as HTMLInputElement).value).toBe('草稿内容');
    act(() => byId('survey-q-q4-value-3')!.click());
    await act(async () => byId('survey-save-draft')!.click());
    await find('survey-draft-saved');
    expect(byId('survey-draft-saved')!.textContent).toContain('2026-11-27 10:00');
    const put = calls.find((c) => c.key === 'PUT /api/surveys/5/draft')!;
    expect(JSON.parse(put.init.body as string)).toEqual({
      answers: { q1: { choice: 1 }, q2: { text: '草稿内容' }, q4: { value: 3 } },
    });
  });

  it('shows an answered survey as answered, without the form', async () => {
    stubApi({
      'GET /api/surveys/5': () => ({
        body: {
          survey: survey({
            answered: true,
            abilities: { ...survey().abilities, answer: false },
          }),
        },
      }),
    });
    await render('/surveys/5');
    await find('survey-already-answered');
    expect(byId('survey-submit')).toBeNull();
  });

  it('shows the survey as answered when the server says it was answered already', async () => {
    let answered = false;
    stubApi({
      'GET /api/surveys/5': () => ({
        body: {
          survey: survey({
            answered,
            abilities: { ...survey().abilities, answer: !answered },
          }),
        },
      }),
      'POST /api/surveys/5/responses': () => {
        answered = true;
        return {
          status: 409,
          body: { error: { code: 'SURVEY_ALREADY_ANSWERED', message: 'x' } },
        };
      },
    });
    await render('/surveys/5');
    await find('survey-q-q1');
    act(() => input('survey-q-q1-opt-0').click());
    await act(async () => byId('survey-submit')!.click());
    await find('survey-already-answered');
    expect(byId('survey-submit')).toBeNull();
  });

  it('orders a ranking with the up and down buttons', async () => {
    const ranking = question({
      id: 'r',
      type: 'ranking',
      options: ['甲', '乙', '丙'],
      optionOrder: [2, 0, 1],
    });
    const calls = stubApi({
      'GET /api/surveys/5': () => ({ body: { survey: survey({ questions: [ranking] }) } }),
      'POST /api/surveys/5/responses': () => ({ body: { ok: true } }),
    });
    await render('/surveys/5');
    await find('survey-q-r');
    // Shown in the person's order: 丙 甲 乙.
    expect(byId('survey-q-r-rank-0')!.dataset.option).toBe('2');
    act(() => byId('survey-q-r-up-2')!.click());
    expect(byId('survey-q-r-rank-1')!.dataset.option).toBe('1');
    await act(async () => byId('survey-submit')!.click());
    await find('survey-thanks');
    const post = calls.find((c) => c.key === 'POST /api/surveys/5/responses')!;
    expect(JSON.parse(post.init.body as string)).toEqual({ answers: { r: { order: [2, 1, 0] } } });
  });
});

const summary = (
  id: number,
  answered: boolean,
  status: SurveySummary['status'] = 'open',
): SurveySummary => ({
  id,
  title: `问卷 ${id}`,
  status,
  anonymous: false,
  opensAt: null,
  closesAt: null,
  responseCount: id,
  invited: 10,
  answered,
  ownerDepartment: null,
});

describe('SurveyListPage', () => {
  it('lists the surveys to answer apart from the answered ones', async () => {
    const calls = stubApi({
      'GET /api/surveys': () => ({ body: { items: [summary(1, false), summary(2, true)] } }),
    });
    await render('/surveys');
    await find('survey-item');
    expect(calls.find((c) => c.key === 'GET /api/surveys')!.url).toBe('/api/surveys?scope=mine');
    expect(byId('survey-todo-list')!.textContent).toContain('问卷 1');
    expect(byId('survey-todo-list')!.textContent).not.toContain('问卷 2');
    expect(byId('survey-done-list')!.textContent).toContain('问卷 2');
    // Not a leader: no results list.
    expect(byId('survey-results-list')).toBeNull();
  });

  it('gives a leader who manages no survey the results of the unit’s opened surveys', async () => {
    const leader = officeMe({ answerSurveys: true });
    leader.roles = ['staff', 'leader'];
    stubApi({
      'GET /api/auth/me': () => ({ body: { me: leader } }),
      'GET /api/surveys': (_init, url) => ({
        body: {
          items: url.includes('scope=manage')
            ? [summary(3, false, 'closed'), summary(4, false, 'draft')]
            : [],
        },
      }),
    });
    await render('/surveys');
    await find('survey-results-item');
    const links = [
      ...document.querySelectorAll<HTMLAnchorElement>('[data-testid="survey-results-link"]'),
    ];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/surveys/3?view=results']);
  });
});

// The builder re-renders a large form on every keystroke: slow in jsdom on a busy machine.
describe('builder', { timeout: 60_000 }, () => {
  it('imports pasted text, shows the problem lines, and saves the draft survey', async () => {
    const imported = [
      question({
        id: 'q1',
        type: 'single',
        title: '您对食堂满意吗？',
        options: ['满意', '不满意'],
      }),
      question({ id: 'q2', type: 'text', title: '您的建议', long: true }),
    ];
    const calls = stubApi({
      'GET /api/org/departments': () => ({ body: { items: [] } }),
      'POST /api/surveys/import-text': () => ({
        body: {
          title: '食堂调查',
          questions: imported,
          problems: [{ line: 4, message: '无法识别的行' }],
        },
      }),
      'POST /api/surveys': (init) => ({
        body: {
          survey: survey({
            id: 9,
            status: 'draft',
            locked: false,
            ...(JSON.parse(init.body as string) as object),
            abilities: { ...survey().abilities, edit: true, open: true },
          }),
        },
      }),
      'GET /api/surveys/9': () => ({ body: { survey: survey({ id: 9, status: 'draft' }) } }),
    });
    await render('/surveys/manage?edit=new');
    await find('survey-builder');
    act(() => byId('builder-import')!.click());
    type(
      await find('import-text'),
      '食堂调查\n1. 您对食堂满意吗？[单选题]\nA. 满意 B. 不满意\n???\n2. 您的建议 [填空题]',
    );
    await act(async () => byId('import-parse')!.click());
    await find('import-report');
    const problem = byId('import-problem')!;
    expect(problem.dataset.line).toBe('4');
    expect(problem.textContent).toContain('第 4 行');
    expect(document.querySelectorAll('[data-testid="import-question"]')).toHaveLength(2);
    act(() => byId('import-use')!.click());
    await flush();
    expect(byId('builder-question-1')).not.toBeNull();
    expect((byId('builder-title') as HTMLInputElement).value).toBe('食堂调查');

    await act(async () => byId('builder-save')!.click());
    await flush();
    const post = calls.find((c) => c.key === 'POST /api/surveys')!;
    const body = JSON.parse(post.init.body as string) as { title: string; questions: Question[] };
    expect(body.title).toBe('食堂调查');
    expect(body.questions.map((q) => q.title)).toEqual(['您对食堂满意吗？', '您的建议']);
    expect(body.questions[1]!.long).toBe(true);
  });

  it('builds a show-if question and previews it on a phone, the condition working live', async () => {
    const calls = stubApi({
      'GET /api/org/departments': () => ({ body: { items: [] } }),
      'POST /api/surveys': (init) => ({
        body: {
          survey: survey({
            id: 9,
            status: 'draft',
            locked: false,
            ...(JSON.parse(init.body as string) as object),
          }),
        },
      }),
    });
    await render('/surveys/manage?edit=new');
    await find('survey-builder');
    type(byId('builder-title')!, '班车调查');
    const add = async (kind: string) => {
      await act(async () => byId('builder-add')!.click());
      await act(async () => (await find(`builder-add-${kind}`)).click());
    };
    await add('single');
    type(byId('builder-q0-title')!, '您坐班车吗？');
    type(byId('builder-q0-option-0')!, '坐');
    type(byId('builder-q0-option-1')!, '不坐');
    await add('text');
    type(byId('builder-q1-title')!, '为什么不坐？');
    // The condition: question 1, option "不坐".
    const select = byId('builder-q1-showif-question')!;
    await act(async () => {
      const target = select.querySelector('.ant-select-selector') ?? select;
      target.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    });
    const option = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find(
      (o) => o.textContent?.includes('您坐班车吗'),
    )!;
    await act(async () => option.click());
    const boxes = (await find('builder-q1-showif-options')).querySelectorAll('input');
    expect(boxes).toHaveLength(2);
    act(() => boxes[1]!.click());

    await act(async () => byId('builder-preview')!.click());
    const frame = await find('builder-preview-frame');
    expect(frame.querySelector('[data-testid="survey-q-q2"]')).toBeNull();
    act(() => input('survey-q-q1-opt-1').click());
    expect(frame.querySelector('[data-testid="survey-q-q2"]')).not.toBeNull();
    act(() => input('survey-q-q1-opt-0').click());
    expect(frame.querySelector('[data-testid="survey-q-q2"]')).toBeNull();

    await act(async () => byId('builder-save')!.click());
    await flush();
    const post = calls.find((c) => c.key === 'POST /api/surveys')!;
    const body = JSON.parse(post.init.body as string) as { questions: Question[] };
    expect(body.questions[1]!.showIf).toEqual({ questionId: 'q1', optionIndexes: [1] });
    expect(body.questions[0]!.options).toEqual(['坐', '不坐']);
  });

  it('does not send a survey with problems, and names them', async () => {
    const calls = stubApi({ 'GET /api/org/departments': () => ({ body: { items: [] } }) });
    await render('/surveys/manage?edit=new');
    await find('survey-builder');
    await act(async () => byId('builder-save')!.click());
    expect(byId('builder-problems')!.textContent).toContain('请填写问卷标题');
    expect(calls.some((c) => c.key === 'POST /api/surveys')).toBe(false);
  });

  it('shows the questions of a survey someone answered read-only', async () => {
    stubApi({
      'GET /api/org/departments': () => ({ body: { items: [] } }),
      'GET /api/surveys/5': () => ({
        body: { survey: survey({ abilities: { ...survey().abilities, edit: true } }) },
      }),
    });
    await render('/surveys/manage?edit=5');
    await find('builder-locked');
    const title = byId('builder-q0-title') as HTMLTextAreaElement;
    expect(title.value).toBe('题目 q1');
    expect(title.disabled).toBe(true);
    expect(byId('builder-q0-delete')).toBeNull();
    expect(byId('builder-add')).toBeNull();
    expect(byId('builder-import')).toBeNull();
    expect((byId('builder-title') as HTMLInputElement).disabled).toBe(false);
  });
});

describe('ResultsView', () => {
  it('shows suppressed cells as "—" and hides free text under the comment threshold', async () => {
    const results: SurveyResults = {
      k: 5,
      commentK: 10,
      rate: {
        invited: 40,
        answered: 12,
        rate: 0.3,
        byDepartment: [
          {
            departmentId: 1,
            name: '心内科',
            invited: 20,
            answered: 9,
            rate: 0.45,
            suppressed: false,
          },
          {
            departmentId: 2,
            name: '药剂科',
            invited: 8,
            answered: null,
            rate: null,
            suppressed: true,
          },
        ],
      },
      questions: [
        {
          id: 'q1',
          type: 'single',
          title: '您满意吗',
          answered: 12,
          options: [
            { label: '满意', count: 8, share: 8 / 12 },
            { label: '不满意', count: 4, share: 4 / 12 },
          ],
        },
        {
          id: 'q4',
          type: 'nps',
          title: '推荐',
          answered: 12,
          average: 7.5,
          distribution: [{ value: 9, count: 12 }],
          nps: { promoters: 12, passives: 0, detractors: 0, score: 100 },
        },
        { id: 'q2', type: 'text', title: '建议', answered: 3, texts: { shown: false, items: [] } },
      ],
      crossTab: {
        by: 'department',
        questionId: 'q1',
        columns: ['满意', '不满意'],
        rows: [
          { group: '心内科', n: 9, counts: [6, 3], suppressed: false },
          { group: '药剂科', n: null, counts: [null, null], suppressed: true },
        ],
      },
    };
    const calls = stubApi({ 'GET /api/surveys/7/results': () => ({ body: results }) });
    await render('/results/7');
    await find('survey-results');
    expect(calls[0]!.url).toBe('/api/surveys/7/results?by=department');
    expect(byId('results-texts-hidden')!.textContent).toBe('少于 10 条，不予显示');
    expect(byId('results-nps-q4')!.textContent).toContain('100');
    const table = byId('crosstab-table')!;
    expect(table.textContent).toContain('心内科');
    expect(table.querySelectorAll('[data-testid="suppressed-cell"]')).toHaveLength(3);
    expect(
      byId('results-rate-table')!.querySelectorAll('[data-testid="suppressed-cell"]'),
    ).toHaveLength(2);
    expect(byId('results-export')!.getAttribute('href')).toBe('/api/surveys/7/results.xlsx');
  });
});
