import type { RoutePlugin } from '../http.js';

export const notificationRoutes: RoutePlugin = async () => {};
