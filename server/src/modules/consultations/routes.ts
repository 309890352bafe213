import type { RoutePlugin } from '../../core/http.js';

/** Every route of the consultations module, under /api. */
export const consultationsRoutes: RoutePlugin = async () => {};
