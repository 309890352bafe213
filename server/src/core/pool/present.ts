import type { Actor } from '../actor.js';
import { poolPolicy } from './policy.js';
import { scoreOf } from './repository.js';
import type { PoolWeights } from './score.js';

export function presentEntry(
  actor: Actor,
  w: PoolWeights,
  e: {
    id: number;
    source_kind: string;
    source_id: string;
    title: string;
    category: string | null;
    department_id: number | null;
    department_path?: string | null;
    people_affected: number;
    me_too_count: number;
    repeat_count: number;
    urgency: number;
    feasibility: number;
    status: string;
    opened_on: string;
    updated_at: string;
  },
) {
  const breakdown = scoreOf(e, w);
  return {
    id: e.id,
    source: { kind: e.source_kind, id: e.source_id },
    title: e.title,
    category: e.category,
    departmentId: e.department_id,
    departmentPath: e.department_path ?? null,
    peopleAffected: e.people_affected,
    meToo: e.me_too_count,
    repeats: e.repeat_count,
    urgency: e.urgency,
    feasibility: e.feasibility,
    status: e.status,
    openedOn: e.opened_on,
    updatedAt: e.updated_at,
    score: breakdown,
    abilities: { assess: poolPolicy.manage(actor) },
  };
}
