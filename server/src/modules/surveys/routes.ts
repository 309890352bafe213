import type { RoutePlugin } from '../../core/http.js';
import { surveyCoreRoutes } from './routes-core.js';
import { surveyTextRoutes } from './routes-text.js';
import { surveyResultsRoutes } from './routes-results.js';

/** Every route of the surveys module, under /api. */
export const surveysRoutes: RoutePlugin = async (app) => {
  await app.register(surveyCoreRoutes);
  await app.register(surveyTextRoutes);
  await app.register(surveyResultsRoutes);
};
