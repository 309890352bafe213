import type { Case, Ctx } from './types.js';

/** The opinion box's routes for the office's and departments' handling: accept, dispatch, sign, bounce, ask, reply, extend, merge, publish, in the authorization matrix. */
export function opinionHandlingCases(_c: Ctx): Case[] {
  return [];
}
