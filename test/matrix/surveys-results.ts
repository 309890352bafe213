import type { Case, Ctx } from './types.js';

/** The surveys-results routes in the authorization matrix (owned by that part of the module). */
export function surveysResultsCases(_c: Ctx): Case[] {
  return [];
}
