import type { RoutePlugin } from '../../core/http.js';

export const opinionRoutes: RoutePlugin = async () => {};
