import type { Case, Ctx } from './types.js';

/** The opinion box's routes for submitting, tracking with a receipt, answering, rating, the public wall, in the authorization matrix. */
export function opinionStaffCases(_c: Ctx): Case[] {
  return [];
}
