import type { RoutePlugin } from '../http.js';

export const poolRoutes: RoutePlugin = async () => {};
