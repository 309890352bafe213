import type { Case, Ctx } from './types.js';

/** The opinion box's routes for the figures per department and month, their dashboard and export, in the authorization matrix. */
export function opinionFiguresCases(_c: Ctx): Case[] {
  return [];
}
