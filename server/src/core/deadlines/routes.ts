import type { RoutePlugin } from '../http.js';

export const deadlineRoutes: RoutePlugin = async () => {};
