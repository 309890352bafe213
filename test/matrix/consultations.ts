import type { Case, Ctx } from './types.js';

/** The consultations routes in the authorization matrix (owned by that part of the module). */
export function consultationsCases(_c: Ctx): Case[] {
  return [];
}
