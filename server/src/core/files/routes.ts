import type { RoutePlugin } from '../http.js';

export const fileRoutes: RoutePlugin = async () => {};
