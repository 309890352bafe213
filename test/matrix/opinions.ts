import type { Case, Ctx } from './types.js';
import { opinionStaffCases } from './opinions-staff.js';
import { opinionHandlingCases } from './opinions-handling.js';
import { opinionFiguresCases } from './opinions-figures.js';

/** The opinion box's routes in the authorization matrix. */
export function opinionsCases(c: Ctx): Case[] {
  return [...opinionStaffCases(c), ...opinionHandlingCases(c), ...opinionFiguresCases(c)];
}
