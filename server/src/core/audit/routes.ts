import type { RoutePlugin } from '../http.js';

export const auditRoutes: RoutePlugin = async () => {};
