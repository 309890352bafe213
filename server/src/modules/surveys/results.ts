import ExcelJS from 'exceljs';
import { translate, type Locale } from '@lianxin/common';
import type { Database } from '../../db/database.js';
import { AppError } from '../../core/errors.js';
import type { Question, QuestionType } from './questions.js';
import type { SurveyRecord } from './repository.js';
import {
  applyToCrossTab,
  applyToRates,
  commentsShown,
  COMMENT_K,
  K,
  ratio,
  type RawGroupRow,
  type ShownGroupRow,
  type ShownRateRow,
} from './k-rule.js';
import * as repo from './results-repository.js';
import type { AnswerCountRow, BreakdownBy } from './results-repository.js';

/**
 * Survey results (docs/surveys-api.md `SurveyResults`, docs/surveys-results.md): the response
 * rate overall and by department, a result per question, and a cross tab of one question by
 * department or role, breakdowns under the k rule (k-rule.ts) on screen and in the export alike.
 */

/** At most this many free-text answers per question are listed (`texts.total` has them all). */
export const MAX_TEXTS = 1000;

/** Types a cross tab can break down (one value or option per cell). */
export const CROSS_TAB_TYPES: readonly QuestionType[] = ['single', 'multiple', 'scale', 'nps'];

export interface QuestionResult {
  id: string;
  type: QuestionType;
  title: string;
  /** Responses that answered this question. */
  answered: number;
  options?: Array<{ label: string; count: number; share: number }>;
  average?: number;
  distribution?: Array<{ value: number; count: number }>;
  nps?: { promoters: number; passives: number; detractors: number; score: number };
  matrix?: { rows: string[]; columns: string[]; counts: number[][] };
  ranking?: Array<{ label: string; averageRank: number; firstCount: number }>;
  texts?: { shown: boolean; items: string[]; total: number };
}

export interface CrossTab {
  by: BreakdownBy;
  questionId: string;
  columns: string[];
  rows: ShownGroupRow[];
}

export interface SurveyResults {
  k: number;
  commentK: number;
  rate: { invited: number; answered: number; rate: number; byDepartment: ShownRateRow[] };
  questions: QuestionResult[];
  crossTab: CrossTab | null;
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** The values a scale or NPS question can take. */
export function valuesOf(q: Question): number[] {
  const [min, max] = q.type === 'nps' ? [0, 10] : [q.scale?.min ?? 1, q.scale?.max ?? 5];
  const out: number[] = [];
  for (let v = min; v <= max; v++) out.push(v);
  return out;
}

/** NPS from the counts of each value 0..10: promoters 9–10, passives 7–8, detractors 0–6. */
export function npsOf(distribution: Array<{ value: number; count: number }>) {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const { value, count } of distribution) {
    if (value >= 9) promoters += count;
    else if (value >= 7) passives += count;
    else detractors += count;
  }
  const total = promoters + passives + detractors;
  const score = total ? round(((promoters - detractors) / total) * 100, 1) : 0;
  return { promoters, passives, detractors, score };
}

/**
 * The result of one question from its answer rows grouped by (option, row, value), with the
 * number of responses that answered it (`respondents`, known for multiple and matrix questions,
 * where a response has several rows) and its listed free-text answers.
 */
export function questionResult(
  q: Question,
  groups: readonly AnswerCountRow[],
  opts: {
    respondents?: number;
    texts?: string[];
    anonymous: boolean;
    commentK?: number;
  },
): QuestionResult {
  const base = { id: q.id, type: q.type, title: q.title };
  const total = groups.reduce((s, g) => s + g.count, 0);
  switch (q.type) {
    case 'single':
    case 'multiple': {
      const answered = q.type === 'single' ? total : (opts.respondents ?? 0);
      const counts = q.options.map(() => 0);
      for (const g of groups) {
        if (g.optionIndex !== null && g.optionIndex < counts.length)
          counts[g.optionIndex]! += g.count;
      }
      return {
        ...base,
        answered,
        options: q.options.map((label, i) => ({
          label,
          count: counts[i]!,
          share: ratio(counts[i]!, answered),
        })),
      };
    }
    case 'scale':
    case 'nps': {
      const values = valuesOf(q);
      const byValue = new Map(values.map((v) => [v, 0]));
      for (const g of groups) {
        if (g.valueNum !== null && byValue.has(g.valueNum)) {
          byValue.set(g.valueNum, byValue.get(g.valueNum)! + g.count);
        }
      }
      const distribution = values.map((value) => ({ value, count: byValue.get(value)! }));
      const answered = distribution.reduce((s, d) => s + d.count, 0);
      const sum = distribution.reduce((s, d) => s + d.value * d.count, 0);
      return {
        ...base,
        answered,
        average: answered ? round(sum / answered, 2) : 0,
        distribution,
        ...(q.type === 'nps' ? { nps: npsOf(distribution) } : {}),
      };
    }
    case 'matrix': {
      const counts = q.rows.map(() => q.options.map(() => 0));
      for (const g of groups) {
        if (g.rowIndex === null || g.optionIndex === null) continue;
        const row = counts[g.rowIndex];
        if (row && g.optionIndex < row.length) row[g.optionIndex]! += g.count;
      }
      return {
        ...base,
        answered: opts.respondents ?? 0,
        matrix: { rows: [...q.rows], columns: [...q.options], counts },
      };
    }
    case 'ranking': {
      const rankSum = q.options.map(() => 0);
      const ranked = q.options.map(() => 0);
      const first = q.options.map(() => 0);
      let answered = 0;
      for (const g of groups) {
        if (g.optionIndex === null || g.rowIndex === null) continue;
        // Every ranking response has exactly one option at rank 0 (the first).
        if (g.rowIndex === 0) answered += g.count;
        if (g.optionIndex >= q.options.length) continue;
        rankSum[g.optionIndex]! += (g.rowIndex + 1) * g.count;
        ranked[g.optionIndex]! += g.count;
        if (g.rowIndex === 0) first[g.optionIndex]! += g.count;
      }
      return {
        ...base,
        answered,
        ranking: q.options.map((label, i) => ({
          label,
          averageRank: ranked[i] ? round(rankSum[i]! / ranked[i]!, 2) : 0,
          firstCount: first[i]!,
        })),
      };
    }
    case 'text': {
      // Under commentK writers, an anonymous survey's answers are not listed (the count stays).
      const shown = !opts.anonymous || commentsShown(total, opts.commentK ?? COMMENT_K);
      return {
        ...base,
        answered: total,
        texts: { shown, items: shown ? (opts.texts ?? []) : [], total },
      };
    }
  }
}

/** The column labels of a cross tab of this question: its options, or its values. */
export function crossTabColumns(q: Question): string[] {
  return q.type === 'scale' || q.type === 'nps' ? valuesOf(q).map(String) : [...q.options];
}

/**
 * A cross tab before the rule: one row per group (in the order of `groups`, which also names
 * them), one count per column, and the group's responses that answered the question.
 */
export function rawCrossTab(
  q: Question,
  cells: ReadonlyArray<{
    group: string | null;
    optionIndex: number | null;
    valueNum: number | null;
    count: number;
  }>,
  respondents: ReadonlyArray<{ group: string | null; count: number }>,
  label: (group: string | null) => string,
): RawGroupRow[] {
  const values = q.type === 'scale' || q.type === 'nps' ? valuesOf(q) : null;
  const width = values ? values.length : q.options.length;
  const rows = new Map<string | null, RawGroupRow>();
  for (const r of respondents) {
    rows.set(r.group, { group: label(r.group), n: r.count, counts: Array<number>(width).fill(0) });
  }
  for (const c of cells) {
    const row = rows.get(c.group);
    if (!row) continue;
    const col = values
      ? c.valueNum === null
        ? -1
        : values.indexOf(c.valueNum)
      : (c.optionIndex ?? -1);
    if (col >= 0 && col < width) row.counts[col]! += c.count;
  }
  return [...rows.values()].sort((a, b) => a.group.localeCompare(b.group, 'zh-CN'));
}

/** Choice and value questions that a cross tab can break down. */
export function crossTabQuestion(survey: SurveyRecord, questionId: string | undefined) {
  if (questionId === undefined) {
    return survey.questions.find((q) => CROSS_TAB_TYPES.includes(q.type)) ?? null;
  }
  const q = survey.questions.find((x) => x.id === questionId);
  if (!q) throw new AppError('SURVEY_RESULTS_QUESTION_INVALID', { questionId });
  if (!CROSS_TAB_TYPES.includes(q.type)) {
    throw new AppError('SURVEY_RESULTS_CROSS_TAB_TYPE', { questionId, type: q.type });
  }
  return q;
}

/**
 * A survey's results, read-only: one GROUP BY over the survey's answers for every question, one
 * GROUP BY (question, response) for its multiple-choice and matrix questions, one over its
 * participants, one index range per listed text question and, with `by`, one (a multiple choice:
 * two) over one question's answers by group.
 */
export async function surveyResults(
  database: Database,
  survey: SurveyRecord,
  opts: { by?: BreakdownBy; questionId?: string; locale: Locale },
): Promise<SurveyResults> {
  const db = database.db;
  const t = (key: string) => translate(opts.locale, key);
  const crossQ = opts.by ? crossTabQuestion(survey, opts.questionId) : null;
  const multiIds = survey.questions
    .filter((q) => q.type === 'multiple' || q.type === 'matrix')
    .map((q) => q.id);
  const by = opts.by;
  // Independent reads, concurrent on PostgreSQL's pool (SQLite runs them one after another).
  const [counts, respondents, departments, rawCross, names] = await Promise.all([
    repo.answerCounts(db, survey.id),
    repo.respondentsPerQuestion(db, survey.id, multiIds),
    repo.participantsByDepartment(db, survey.id),
    by && crossQ
      ? repo.crossTabCounts(db, survey.id, crossQ.id, by, crossQ.type === 'multiple')
      : null,
    by === 'department' && crossQ ? repo.departmentNames(db, survey.unitId) : null,
  ]);
  const byQuestion = new Map<string, AnswerCountRow[]>();
  for (const c of counts) {
    const list = byQuestion.get(c.questionId);
    if (list) list.push(c);
    else byQuestion.set(c.questionId, [c]);
  }
  // Texts are read only for the questions whose answers will be listed.
  const textIds = survey.questions
    .filter((q) => q.type === 'text')
    .filter((q) => {
      const n = (byQuestion.get(q.id) ?? []).reduce((s, g) => s + g.count, 0);
      return n > 0 && (!survey.anonymous || commentsShown(n));
    })
    .map((q) => q.id);
  const texts = new Map<string, string[]>();
  for (const r of await repo.textAnswers(db, survey.id, textIds, MAX_TEXTS)) {
    const list = texts.get(r.questionId);
    if (list) list.push(r.text);
    else texts.set(r.questionId, [r.text]);
  }
  const questions = survey.questions.map((q) =>
    questionResult(q, byQuestion.get(q.id) ?? [], {
      respondents: respondents.get(q.id) ?? 0,
      texts: texts.get(q.id) ?? [],
      anonymous: survey.anonymous,
    }),
  );

  const invited = departments.reduce((s, d) => s + d.invited, 0);
  const answered = departments.reduce((s, d) => s + d.answered, 0);
  const rate = {
    invited,
    answered,
    rate: ratio(answered, invited),
    byDepartment: applyToRates(departments),
  };

  let crossTab: CrossTab | null = null;
  if (by && crossQ && rawCross) {
    const label = (g: string | null) =>
      g === null
        ? t(by === 'department' ? 'surveys.results.noDepartment' : 'surveys.results.noRole')
        : names
          ? (names.get(Number(g)) ?? g)
          : t(`role.${g}`);
    crossTab = {
      by,
      questionId: crossQ.id,
      columns: crossTabColumns(crossQ),
      rows: applyToCrossTab(rawCrossTab(crossQ, rawCross.cells, rawCross.respondents, label)),
    };
  }
  return { k: K, commentK: COMMENT_K, rate, questions, crossTab };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A text cell is never read as a formula: a leading = + - @ gets a ' in front. */
export function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * The results as an .xlsx file: a sheet of question results, one of response rates, one of the
 * cross tab and one of the listed text answers; the figures are those of `results`, already under
 * the k rule, so the file shows exactly what the screen shows (a hidden group: a note, no number).
 */
export async function resultsWorkbook(
  survey: Pick<SurveyRecord, 'title'>,
  results: SurveyResults,
  locale: Locale,
): Promise<Buffer> {
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const c = (key: string) => t(`surveys.results.col.${key}`);
  const hiddenNote = t('surveys.results.suppressed', { k: results.k });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '连心';
  workbook.title = safeText(survey.title);

  const qs = workbook.addWorksheet(t('surveys.results.sheet.questions'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  qs.columns = [
    { header: c('question'), key: 'question', width: 36 },
    { header: c('type'), key: 'type', width: 10 },
    { header: c('answered'), key: 'answered', width: 10 },
    { header: c('row'), key: 'row', width: 20 },
    { header: c('item'), key: 'item', width: 24 },
    { header: c('count'), key: 'count', width: 10 },
    { header: c('share'), key: 'share', width: 10 },
    { header: c('average'), key: 'average', width: 10 },
    { header: c('averageRank'), key: 'averageRank', width: 10 },
    { header: c('firstCount'), key: 'firstCount', width: 12 },
  ];
  qs.getRow(1).font = { bold: true };
  for (const q of results.questions) {
    const head = {
      question: safeText(q.title),
      type: t(`surveys.results.type.${q.type}`),
      answered: q.answered,
    };
    const share = (n: number) => ratio(n, q.answered);
    const add = (values: Record<string, string | number | null>) => {
      const row = qs.addRow({ ...head, ...values });
      row.getCell('share').numFmt = '0.0%';
    };
    for (const o of q.options ?? [])
      add({ item: safeText(o.label), count: o.count, share: o.share });
    for (const d of q.distribution ?? [])
      add({ item: d.value, count: d.count, share: share(d.count) });
    if (q.average !== undefined) add({ average: q.average });
    if (q.nps) {
      add({
        item: t('surveys.results.nps.promoters'),
        count: q.nps.promoters,
        share: share(q.nps.promoters),
      });
      add({
        item: t('surveys.results.nps.passives'),
        count: q.nps.passives,
        share: share(q.nps.passives),
      });
      add({
        item: t('surveys.results.nps.detractors'),
        count: q.nps.detractors,
        share: share(q.nps.detractors),
      });
      add({ item: t('surveys.results.nps.score'), average: q.nps.score });
    }
    if (q.matrix) {
      q.matrix.rows.forEach((r, i) =>
        q.matrix!.columns.forEach((col, j) => {
          const n = q.matrix!.counts[i]![j]!;
          add({ row: safeText(r), item: safeText(col), count: n, share: share(n) });
        }),
      );
    }
    for (const r of q.ranking ?? []) {
      add({ item: safeText(r.label), averageRank: r.averageRank, firstCount: r.firstCount });
    }
    if (q.texts) {
      add({
        item: q.texts.shown ? null : t('surveys.results.textsHidden', { k: results.commentK }),
        count: q.texts.total,
      });
    }
  }

  const rs = workbook.addWorksheet(t('surveys.results.sheet.rates'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  rs.columns = [
    { header: c('department'), key: 'department', width: 24 },
    { header: c('invited'), key: 'invited', width: 10 },
    { header: c('respondents'), key: 'answered', width: 18 },
    { header: c('rate'), key: 'rate', width: 10 },
  ];
  rs.getRow(1).font = { bold: true };
  for (const d of results.rate.byDepartment) {
    const row = rs.addRow({
      department: safeText(d.name),
      invited: d.invited,
      answered: d.suppressed ? hiddenNote : d.answered,
      rate: d.suppressed ? null : d.rate,
    });
    row.getCell('rate').numFmt = '0.0%';
  }
  const total = rs.addRow({
    department: t('surveys.results.total'),
    invited: results.rate.invited,
    answered: results.rate.answered,
    rate: results.rate.rate,
  });
  total.font = { bold: true };
  total.getCell('rate').numFmt = '0.0%';
  rs.addRow([]);
  rs.addRow([t('surveys.results.kNote', { k: results.k })]);

  const ct = workbook.addWorksheet(t('surveys.results.sheet.crossTab'), {
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  if (results.crossTab) {
    const x = results.crossTab;
    const q = results.questions.find((y) => y.id === x.questionId);
    ct.addRow([`${t(`surveys.results.by.${x.by}`)} · ${safeText(q?.title ?? x.questionId)}`]).font =
      { bold: true };
    ct.addRow([c('group'), c('n'), ...x.columns.map(safeText)]).font = { bold: true };
    for (const r of x.rows) {
      ct.addRow(
        r.suppressed ? [safeText(r.group), hiddenNote] : [safeText(r.group), r.n, ...r.counts],
      );
    }
    ct.addRow([]);
    ct.addRow([t('surveys.results.kNote', { k: results.k })]);
    ct.getColumn(1).width = 24;
  }

  const ts = workbook.addWorksheet(t('surveys.results.sheet.texts'));
  ts.columns = [
    { header: c('question'), key: 'question', width: 36 },
    { header: c('text'), key: 'text', width: 80 },
  ];
  ts.getRow(1).font = { bold: true };
  for (const q of results.questions) {
    if (!q.texts?.shown) continue;
    for (const item of q.texts.items)
      ts.addRow({ question: safeText(q.title), text: safeText(item) });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
