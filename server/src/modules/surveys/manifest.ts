import type { ModuleManifest } from '../manifest.js';
import { seedSurveysDemo } from './demo.js';
import { surveyJobs } from './jobs.js';
import { surveyPolicy } from './policy.js';
import { registerSurveys } from './register.js';
import { surveysRoutes } from './routes.js';
import { surveyStatistics } from './statistics.js';

/** 问卷、意见征集表 (mechanisms.md §3). */
export const surveysModule: ModuleManifest = {
  name: 'surveys',
  routes: surveysRoutes,
  jobs: surveyJobs,
  shellAbilities: (a) => ({
    answerSurveys: surveyPolicy.answer(a),
    manageSurveys: surveyPolicy.build(a),
  }),
  statistics: surveyStatistics,
  register: registerSurveys,
  seedDemo: seedSurveysDemo,
};
