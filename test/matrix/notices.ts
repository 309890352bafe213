import type { Case, Ctx } from './types.js';

/** The notices routes in the authorization matrix (owned by that part of the module). */
export function noticesCases(_c: Ctx): Case[] {
  return [];
}
