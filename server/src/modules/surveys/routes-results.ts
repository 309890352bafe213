import type { RoutePlugin } from '../../core/http.js';

/** Survey routes: results, cross tabs and the .xlsx export. */
export const surveyResultsRoutes: RoutePlugin = async () => {};
