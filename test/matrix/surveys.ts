import type { Case, Ctx } from './types.js';

/** The surveys routes in the authorization matrix (owned by that part of the module). */
export function surveysCases(_c: Ctx): Case[] {
  return [];
}
