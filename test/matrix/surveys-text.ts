import type { Case, Ctx } from './types.js';

/** The surveys-text routes in the authorization matrix (owned by that part of the module). */
export function surveysTextCases(_c: Ctx): Case[] {
  return [];
}
