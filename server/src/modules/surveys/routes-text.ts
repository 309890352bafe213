import type { RoutePlugin } from '../../core/http.js';

/** Survey routes: questionnaire text import and export. */
export const surveyTextRoutes: RoutePlugin = async () => {};
