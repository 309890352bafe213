import type { RoutePlugin } from '../http.js';

export const calendarRoutes: RoutePlugin = async () => {};
