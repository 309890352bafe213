import type { Case, Ctx } from './types.js';

/** The deadlines service's routes in the authorization matrix. */
export function deadlinesCases(_c: Ctx): Case[] {
  return [];
}
