import type { RoutePlugin } from '../http.js';

export const rosterRoutes: RoutePlugin = async () => {};
