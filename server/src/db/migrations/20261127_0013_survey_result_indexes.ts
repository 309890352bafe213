import type { LianxinMigration } from './helpers.js';

/**
 * Survey results (docs/surveys-results.md): 20,000 responses of 20 answer rows aggregate in
 * well under 500 ms when every read is an index range.
 * - `survey_answers_results` covers the one GROUP BY (question, option, row, value) of a survey:
 *   on SQLite an index-only scan (survey_answers is WITHOUT ROWID, so without it every one of the
 *   400,000 rows is a primary-key lookup: seconds).
 * - `survey_answers_respondent` serves the responses per multiple-choice / matrix question
 *   (GROUP BY question, response over an index-only range) and the listed texts of a question in
 *   the order of the random response ids (an index walk that stops at the limit).
 * - `survey_participants_department` covers the response rate by department.
 */
export const surveyResultIndexes: LianxinMigration = {
  name: '20261127_0013_survey_result_indexes',
  async up({ db }) {
    await db.schema
      .createIndex('survey_answers_results')
      .on('survey_answers')
      .columns(['survey_id', 'question_id', 'option_index', 'row_index', 'value_num'])
      .execute();
    await db.schema
      .createIndex('survey_answers_respondent')
      .on('survey_answers')
      .columns(['survey_id', 'question_id', 'response_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('survey_participants_department')
      .on('survey_participants')
      .columns(['survey_id', 'department_id', 'answered'])
      .execute();
  },
};
