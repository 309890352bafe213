import type { Case, Ctx } from './types.js';

/** The pool service's routes in the authorization matrix. */
export function poolCases(_c: Ctx): Case[] {
  return [];
}
