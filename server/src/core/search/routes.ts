import type { RoutePlugin } from '../http.js';

export const searchRoutes: RoutePlugin = async () => {};
