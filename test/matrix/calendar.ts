import type { Case, Ctx } from './types.js';

/** The calendar service's routes in the authorization matrix. */
export function calendarCases(_c: Ctx): Case[] {
  return [];
}
