import type { Database } from '../../db/database.js';
import type { Question } from './questions.js';
import { commentsShown, ratio } from './k-rule.js';
import { MAX_TEXTS } from './results.js';
import * as repo from './results-repository.js';

/** The surveys' figures of one month for the monthly report (pulse report). */
export interface SurveyMonthStatistics {
  month: string;
  /** Surveys open at some time in the month (closed in it included). */
  open: number;
  /** Surveys closed in the month. */
  closed: number;
  /** Responses submitted in the month, all surveys. */
  responses: number;
  /** The audience of the month's open surveys: invited, answered so far, their ratio. */
  rate: { invited: number; answered: number; rate: number };
  /**
   * The free-text answers of the month's responses, per survey and question, listed only when at
   * least COMMENT_K people wrote one that month (every survey, named or anonymous: the report
   * reaches further than the survey's managers); never a name, never a date finer than the month.
   */
  texts: Array<{
    surveyId: number;
    surveyTitle: string;
    questionId: string;
    questionTitle: string;
    items: string[];
  }>;
}

/** The first instant of a month in Asia/Shanghai, as an ISO string (UTC). */
function monthStart(month: string): string {
  return new Date(`${month}-01T00:00:00+08:00`).toISOString();
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Figures for the monthly report: the surveys of one unit and month ('YYYY-MM'). */
export async function surveyStatistics(
  database: Database,
  unitId: number,
  month: string,
): Promise<SurveyMonthStatistics> {
  const db = database.db;
  const from = monthStart(month);
  const to = monthStart(nextMonth(month));
  const days = { from: `${month}-01`, to: `${month}-31` };
  const surveys = await db
    .selectFrom('surveys')
    .select(['id', 'title', 'questions', 'closed_at'])
    .where('unit_id', '=', unitId)
    .where('status', 'in', ['open', 'closed'])
    .where((eb) => eb(eb.fn.coalesce('opens_at', 'created_at'), '<', to))
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', from)]))
    .execute();
  const closed = surveys.filter((s) => s.closed_at !== null && s.closed_at < to).length;
  const ids = surveys.map((s) => s.id);

  const [responses, participants, writers] = await Promise.all([
    db
      .selectFrom('survey_responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('unit_id', '=', unitId)
      .where('submitted_on', '>=', days.from)
      .where('submitted_on', '<=', days.to)
      .executeTakeFirstOrThrow(),
    ids.length
      ? db
          .selectFrom('survey_participants')
          .select([
            (eb) => eb.fn.countAll<number>().as('invited'),
            (eb) => eb.fn.sum<number>('answered').as('answered'),
          ])
          .where('survey_id', 'in', ids)
          .executeTakeFirstOrThrow()
      : { invited: 0, answered: 0 },
    db
      .selectFrom('survey_answers as a')
      .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
      .select(['a.survey_id', 'a.question_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('r.unit_id', '=', unitId)
      .where('r.submitted_on', '>=', days.from)
      .where('r.submitted_on', '<=', days.to)
      .where('a.value_text', 'is not', null)
      .where('a.value_text', '<>', '')
      .groupBy(['a.survey_id', 'a.question_id'])
      .execute(),
  ]);

  const listed = writers.filter((w) => commentsShown(Number(w.n)));
  const bySurvey = new Map<number, string[]>();
  for (const w of listed)
    bySurvey.set(w.survey_id, [...(bySurvey.get(w.survey_id) ?? []), w.question_id]);
  const titles = new Map(
    bySurvey.size
      ? (
          await db
            .selectFrom('surveys')
            .select(['id', 'title', 'questions'])
            .where('unit_id', '=', unitId)
            .where('id', 'in', [...bySurvey.keys()])
            .execute()
        ).map((s) => [s.id, { title: s.title, questions: JSON.parse(s.questions) as Question[] }])
      : [],
  );
  const texts: SurveyMonthStatistics['texts'] = [];
  for (const [surveyId, questionIds] of [...bySurvey].sort((a, b) => a[0] - b[0])) {
    const survey = titles.get(surveyId);
    if (!survey) continue;
    const items = await repo.textAnswers(db, surveyId, questionIds, MAX_TEXTS, days);
    for (const q of survey.questions.filter((x) => questionIds.includes(x.id))) {
      texts.push({
        surveyId,
        surveyTitle: survey.title,
        questionId: q.id,
        questionTitle: q.title,
        items: items.filter((i) => i.questionId === q.id).map((i) => i.text),
      });
    }
  }

  const invited = Number(participants.invited);
  const answered = Number(participants.answered ?? 0);
  return {
    month,
    open: surveys.length,
    closed,
    responses: Number(responses.n),
    rate: { invited, answered, rate: ratio(answered, invited) },
    texts,
  };
}
