import type { RoutePlugin } from './http.js';
import { healthRoutes } from './health/routes.js';
import { authRoutes } from './auth/routes.js';
import { setupRoutes } from './setup/routes.js';
import { orgRoutes } from './org/routes.js';
import { rosterRoutes } from './roster/routes.js';
import { auditRoutes } from './audit/routes.js';

/** The core's routes, mounted under /api. Mechanism modules add theirs through manifests. */
export const CORE_ROUTES: RoutePlugin[] = [
  healthRoutes,
  authRoutes,
  setupRoutes,
  orgRoutes,
  rosterRoutes,
  auditRoutes,
];
