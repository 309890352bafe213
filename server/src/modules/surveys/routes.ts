import type { RoutePlugin } from '../../core/http.js';

/** Every route of the surveys module, under /api. */
export const surveysRoutes: RoutePlugin = async () => {};
