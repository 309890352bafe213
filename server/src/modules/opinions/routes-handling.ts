import type { RoutePlugin } from '../../core/http.js';

/** Routes for the office's and departments' handling: accept, dispatch, sign, bounce, ask, reply, extend, merge, publish. */
export const opinionHandlingRoutes: RoutePlugin = async () => {};
