import type { RoutePlugin } from './http.js';
import { healthRoutes } from './health/routes.js';
import { authRoutes } from './auth/routes.js';
import { setupRoutes } from './setup/routes.js';
import { orgRoutes } from './org/routes.js';
import { rosterRoutes } from './roster/routes.js';
import { auditRoutes } from './audit/routes.js';
import { calendarRoutes } from './calendar/routes.js';
import { deadlineRoutes } from './deadlines/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { fileRoutes } from './files/routes.js';
import { searchRoutes } from './search/routes.js';
import { poolRoutes } from './pool/routes.js';

/** The core's routes, mounted under /api. Mechanism modules add theirs through manifests. */
export const CORE_ROUTES: RoutePlugin[] = [
  healthRoutes,
  authRoutes,
  setupRoutes,
  orgRoutes,
  rosterRoutes,
  auditRoutes,
  calendarRoutes,
  deadlineRoutes,
  notificationRoutes,
  fileRoutes,
  searchRoutes,
  poolRoutes,
];
