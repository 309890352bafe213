import type { RoutePlugin } from '../../core/http.js';

/** Routes for submitting, tracking with a receipt, answering, rating, the public wall. */
export const opinionStaffRoutes: RoutePlugin = async () => {};
