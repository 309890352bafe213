import { hasRole, type Actor } from '../actor.js';

/** Supervision (督办): the board is for the office, leaders and the supervisor role. */
export const deadlinePolicy = {
  viewBoard: (a: Actor) => hasRole(a, 'office', 'leader', 'supervisor'),
  /** The office, or the head of the owner department (or of a department above it). */
  requestExtension: (a: Actor, d?: { inActorsDepartment: boolean }) =>
    hasRole(a, 'office') || (hasRole(a, 'department_head') && (d?.inActorsDepartment ?? true)),
  decideExtension: (a: Actor) => hasRole(a, 'office'),
};

/** Abilities on one deadline, carried in every response that shows one. */
export function deadlineAbilities(
  a: Actor,
  d: { status: string; extension_status: string | null; inActorsDepartment: boolean },
) {
  const open = d.status === 'open';
  return {
    requestExtension: open && d.extension_status === null && deadlinePolicy.requestExtension(a, d),
    decideExtension:
      open && d.extension_status === 'requested' && deadlinePolicy.decideExtension(a),
  };
}
