import { z } from 'zod';
import { requireActor } from '../../plugins/session.js';
import { hasRole, type Actor } from '../../core/actor.js';
import { AppError } from '../../core/errors.js';
import { errors, idParam, typed, type RoutePlugin } from '../../core/http.js';
import type { Database } from '../../db/database.js';
import { QUESTION_TYPES } from './questions.js';
import { surveyPolicy } from './policy.js';
import { findSurvey } from './repository.js';
import { resultsWorkbook, surveyResults, XLSX_TYPE } from './results.js';

const count = z.number().int();
const rateRow = z.object({
  departmentId: z.number().int(),
  name: z.string(),
  invited: count,
  answered: count.nullable(),
  rate: z.number().nullable(),
  suppressed: z.boolean(),
});
/** `SurveyResults` of docs/surveys-api.md. */
export const surveyResultsSchema = z.object({
  k: count,
  commentK: count,
  rate: z.object({
    invited: count,
    answered: count,
    rate: z.number(),
    byDepartment: z.array(rateRow),
  }),
  questions: z.array(
    z.object({
      id: z.string(),
      type: z.enum(QUESTION_TYPES),
      title: z.string(),
      answered: count,
      options: z.array(z.object({ label: z.string(), count, share: z.number() })).optional(),
      average: z.number().optional(),
      distribution: z.array(z.object({ value: z.number(), count })).optional(),
      nps: z
        .object({ promoters: count, passives: count, detractors: count, score: z.number() })
        .optional(),
      matrix: z
        .object({
          rows: z.array(z.string()),
          columns: z.array(z.string()),
          counts: z.array(z.array(count)),
        })
        .optional(),
      ranking: z
        .array(z.object({ label: z.string(), averageRank: z.number(), firstCount: count }))
        .optional(),
      texts: z.object({ shown: z.boolean(), items: z.array(z.string()), total: count }).optional(),
    }),
  ),
  crossTab: z
    .object({
      by: z.enum(['department', 'role']),
      questionId: z.string(),
      columns: z.array(z.string()),
      rows: z.array(
        z.object({
          group: z.string(),
          n: count.nullable(),
          counts: z.array(count.nullable()),
          suppressed: z.boolean(),
        }),
      ),
    })
    .nullable(),
});

const resultsQuery = z.object({
  by: z.enum(['department', 'role']).optional(),
  questionId: z.string().max(20).optional(),
});

/**
 * The survey, when the actor may see its results. Roles that never see results are refused
 * before the lookup (403); a survey not found, of another unit or outside a head's department
 * answers 404.
 */
async function surveyForResults(database: Database, actor: Actor, id: number) {
  if (!hasRole(actor, 'office', 'department_head', 'leader')) throw new AppError('FORBIDDEN');
  const survey = await findSurvey(database.db, actor.unitId, id);
  if (!survey || !surveyPolicy.viewResults(actor, survey)) {
    throw new AppError('SURVEY_RESULTS_NOT_FOUND', undefined, 404);
  }
  return survey;
}

/** Survey routes: results, cross tabs and the .xlsx export. */
export const surveyResultsRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;

  app.get(
    '/surveys/:id/results',
    {
      schema: {
        tags: ['surveys'],
        summary:
          'Results: response rate, each question, and a cross tab by department or role (k rule)',
        params: idParam,
        querystring: resultsQuery,
        response: { 200: surveyResultsSchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const survey = await surveyForResults(database, actor, req.params.id);
      return surveyResults(database, survey, { ...req.query, locale: req.locale });
    },
  );

  app.get(
    '/surveys/:id/results.xlsx',
    {
      schema: {
        tags: ['surveys'],
        summary: 'The same results as an .xlsx file (the k rule applied as on screen)',
        params: idParam,
        querystring: resultsQuery,
        produces: [XLSX_TYPE],
        response: { 200: z.unknown().describe('the .xlsx file'), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const survey = await surveyForResults(database, actor, req.params.id);
      // The file always carries a cross tab: by department unless asked otherwise.
      const results = await surveyResults(database, survey, {
        by: req.query.by ?? 'department',
        questionId: req.query.questionId,
        locale: req.locale,
      });
      const file = await resultsWorkbook(survey, results, req.locale);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="survey-${survey.id}-results.xlsx"`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  );
};
