import type { Case, Ctx } from './types.js';

/** The opinion box's routes in the authorization matrix. */
export function opinionsCases(_c: Ctx): Case[] {
  return [];
}
