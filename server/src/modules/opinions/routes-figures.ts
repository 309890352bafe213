import type { RoutePlugin } from '../../core/http.js';

/** Routes for the figures per department and month, their dashboard and export. */
export const opinionFiguresRoutes: RoutePlugin = async () => {};
