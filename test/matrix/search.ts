import type { Case, Ctx } from './types.js';

/** The search service's routes in the authorization matrix. */
export function searchCases(_c: Ctx): Case[] {
  return [];
}
