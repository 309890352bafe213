import type { RoutePlugin } from '../../core/http.js';

/** Every route of the notices module, under /api. */
export const noticesRoutes: RoutePlugin = async () => {};
