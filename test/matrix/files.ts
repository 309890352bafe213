import type { Case, Ctx } from './types.js';

/** The files service's routes in the authorization matrix. */
export function filesCases(_c: Ctx): Case[] {
  return [];
}
