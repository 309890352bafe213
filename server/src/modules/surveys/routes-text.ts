import { z } from 'zod';
import { requireActor } from '../../plugins/session.js';
import { AppError } from '../../core/errors.js';
import { errors, idParam, typed, type RoutePlugin } from '../../core/http.js';
import { contentDisposition, sanitizeName } from '../../core/files/names.js';
import { surveyPolicy } from './policy.js';
import { questionSchema } from './questions.js';
import { findSurvey } from './repository.js';
import {
  MAX_TEXT_LENGTH,
  parseQuestionnaire,
  surveyToText,
  TEXT_PROBLEM_CODES,
} from './text-format.js';

const importBody = z.object({
  /** Checked by hand (SURVEY_TEXT_EMPTY / SURVEY_TEXT_TOO_LONG); the body limit bounds it first. */
  text: z.string(),
});

export const importResponse = z.object({
  /** The first line before question 1 (the survey's title), if any. */
  title: z.string().nullable(),
  /** The other lines before question 1. */
  description: z.string(),
  questions: z.array(questionSchema),
  problems: z.array(
    z.object({
      line: z.number().int().min(1),
      code: z.enum(TEXT_PROBLEM_CODES),
      message: z.string(),
    }),
  ),
});

/** Survey routes: questionnaire text import and export (docs/surveys-api.md). */
export const surveyTextRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;
  const tags = ['surveys'];

  app.post(
    '/surveys/import-text',
    {
      schema: {
        tags,
        summary:
          'Read a questionnaire pasted as text into draft questions, with a line-by-line report (saves nothing)',
        body: importBody,
        response: { 200: importResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!surveyPolicy.build(actor)) throw new AppError('FORBIDDEN');
      const { text } = req.body;
      if (text.trim() === '') throw new AppError('SURVEY_TEXT_EMPTY');
      if (text.length > MAX_TEXT_LENGTH) throw new AppError('SURVEY_TEXT_TOO_LONG');
      return parseQuestionnaire(text, req.locale);
    },
  );

  app.get(
    '/surveys/:id/export-text',
    {
      schema: {
        tags,
        summary: 'A survey as text in the import format (its manager)',
        params: idParam,
        produces: ['text/plain'],
        response: { 200: z.string().describe('the questionnaire as text'), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!surveyPolicy.build(actor)) throw new AppError('FORBIDDEN');
      const survey = await findSurvey(database.db, actor.unitId, req.params.id);
      if (!survey || !surveyPolicy.manage(actor, survey)) {
        throw new AppError('SURVEY_NOT_FOUND', undefined, 404);
      }
      // Stored questions were validated when saved; defaults filled again for older rows.
      const questions = survey.questions.map((q) => {
        const parsed = questionSchema.safeParse(q);
        return parsed.success ? parsed.data : q;
      });
      const text = surveyToText(survey.title, questions, survey.description);
      return reply
        .type('text/plain; charset=utf-8')
        .header(
          'content-disposition',
          contentDisposition('attachment', sanitizeName(`${survey.title}.txt`)),
        )
        .header('cache-control', 'no-store')
        .send(text);
    },
  );
};
