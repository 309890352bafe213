import type { ModuleManifest } from '../manifest.js';
import { surveyPolicy } from './policy.js';
import { surveysRoutes } from './routes.js';
import { surveyStatistics } from './statistics.js';

/** 问卷、意见征集表 (mechanisms.md §3). */
export const surveysModule: ModuleManifest = {
  name: 'surveys',
  routes: surveysRoutes,
  shellAbilities: (a) => ({
    answerSurveys: surveyPolicy.answer(a),
    manageSurveys: surveyPolicy.build(a),
  }),
  statistics: surveyStatistics,
};
