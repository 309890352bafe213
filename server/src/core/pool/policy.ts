import { hasRole, type Actor } from '../actor.js';

/** The issue pool: the office works it; leaders read it; the weights are the office's setting. */
export const poolPolicy = {
  view: (a: Actor) => hasRole(a, 'office', 'leader'),
  manage: (a: Actor) => hasRole(a, 'office'),
};
