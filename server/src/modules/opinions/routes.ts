import type { RoutePlugin } from '../../core/http.js';
import { opinionStaffRoutes } from './routes-staff.js';
import { opinionHandlingRoutes } from './routes-handling.js';
import { opinionFiguresRoutes } from './routes-figures.js';

/** Every route of the opinion box, under /api. */
export const opinionRoutes: RoutePlugin = async (app) => {
  await app.register(opinionStaffRoutes);
  await app.register(opinionHandlingRoutes);
  await app.register(opinionFiguresRoutes);
};
