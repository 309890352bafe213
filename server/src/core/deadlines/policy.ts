import { hasRole, type Actor } from '../actor.js';

/** Supervision (督办): the board is for the office, leaders and the supervisor role. */
export const deadlinePolicy = {
  viewBoard: (a: Actor) => hasRole(a, 'office', 'leader', 'supervisor'),
};
