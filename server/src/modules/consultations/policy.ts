import { CONTENT_ROLES } from '@lianxin/common';
import { hasRole, type Actor } from '../../core/actor.js';

/**
 * Who may do what with a draft consultation (docs/consultations-design.md). Pure: the caller
 * loads the department tree and the consultation.
 *
 * - The drafting side: the office for every consultation; a department head for those drafted
 *   by their department or one below it.
 * - The audience: staff (a person with a content role) of the whole unit, or of the listed
 *   departments and every department below them.
 */

/** Department id → parent id (null at the top). */
export type DepartmentTree = Map<number, number | null>;

export type Phase = 'upcoming' | 'open' | 'ended' | 'closed' | 'reported';

export interface ConsultationFacts {
  status: string;
  opens_on: string;
  closes_on: string;
  drafting_department_id: number;
  audience: string;
}

export function selfAndAncestors(tree: DepartmentTree, id: number | null): number[] {
  const out: number[] = [];
  let cur = id;
  while (cur !== null && cur !== undefined && !out.includes(cur)) {
    out.push(cur);
    cur = tree.get(cur) ?? null;
  }
  return out;
}

/** open → 'upcoming' before its first day, 'ended' after its last (not yet closed by hand). */
export function phaseOf(
  c: Pick<ConsultationFacts, 'status' | 'opens_on' | 'closes_on'>,
  today: string,
): Phase {
  if (c.status === 'reported') return 'reported';
  if (c.status === 'closed') return 'closed';
  if (today < c.opens_on) return 'upcoming';
  if (today > c.closes_on) return 'ended';
  return 'open';
}

export const consultationPolicy = {
  /** May draft at all (the menu's manage ability). */
  create: (a: Actor) =>
    hasRole(a, 'office') || (hasRole(a, 'department_head') && a.departmentId !== null),

  /** May draft for this department. */
  draftFor(a: Actor, departmentId: number, tree: DepartmentTree): boolean {
    if (hasRole(a, 'office')) return tree.has(departmentId);
    if (!hasRole(a, 'department_head') || a.departmentId === null) return false;
    return selfAndAncestors(tree, departmentId).includes(a.departmentId);
  },

  manages(a: Actor, c: Pick<ConsultationFacts, 'drafting_department_id'>, tree: DepartmentTree) {
    return consultationPolicy.draftFor(a, c.drafting_department_id, tree);
  },

  inAudience(
    a: Actor,
    c: Pick<ConsultationFacts, 'audience'>,
    audience: readonly number[],
    tree: DepartmentTree,
  ): boolean {
    if (a.personId === null || !hasRole(a, ...CONTENT_ROLES)) return false;
    if (c.audience === 'unit') return true;
    return selfAndAncestors(tree, a.departmentId).some((d) => audience.includes(d));
  },

  /** What a viewer may do now; every key is answered. */
  abilities(phase: Phase, viewer: { manages: boolean; inAudience: boolean }) {
    const ended = phase === 'ended' || phase === 'closed';
    return {
      comment: viewer.inAudience && phase === 'open',
      answer: viewer.manages && phase !== 'reported' && phase !== 'upcoming',
      close: viewer.manages && (phase === 'open' || phase === 'ended' || phase === 'upcoming'),
      publishReport: viewer.manages && ended,
      readReport: phase === 'reported' && (viewer.manages || viewer.inAudience),
      previewReport: viewer.manages,
    };
  },
};

export type ConsultationAbilities = ReturnType<typeof consultationPolicy.abilities>;
