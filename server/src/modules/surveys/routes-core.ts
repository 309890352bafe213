import type { RoutePlugin } from '../../core/http.js';

/** Survey routes: builder, answering, reminders. */
export const surveyCoreRoutes: RoutePlugin = async () => {};
