import type { RoutePlugin } from '../http.js';

export const setupRoutes: RoutePlugin = async () => {};
