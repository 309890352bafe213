import type { Case, Ctx } from './types.js';

/** The notifications service's routes in the authorization matrix. */
export function notificationsCases(_c: Ctx): Case[] {
  return [];
}
