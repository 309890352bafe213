import { hasRole, type Actor } from '../actor.js';

/** The working-day calendar: everyone reads it, the office edits it. */
export const calendarPolicy = {
  read: (a: Actor) => !!a,
  edit: (a: Actor) => hasRole(a, 'office'),
};
