import type { RoutePlugin } from '../http.js';

export const orgRoutes: RoutePlugin = async () => {};
