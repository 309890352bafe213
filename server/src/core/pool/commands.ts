import type { Tx } from '../../db/database.js';
import { runCommand, type CommandContext } from '../command.js';
import { AppError } from '../errors.js';
import { todayInShanghai } from '../calendar/working-days.js';
import * as org from '../org/repository.js';
import * as repo from './repository.js';
import type { PoolWeights } from './score.js';

export const POOL_STATUSES = ['open', 'scheduled', 'in_progress', 'resolved', 'closed'] as const;
export type PoolStatus = (typeof POOL_STATUSES)[number];
const CLOSED: readonly string[] = ['resolved', 'closed'];

/**
 * What a mechanism registers when a matter opens (an opinion accepted, an objection filed, a
 * motion admitted). Called inside the mechanism's own command transaction, so the pool never
 * shows a matter whose source rolled back.
 */
export interface PoolRegistration {
  unitId: number;
  sourceKind: string;
  sourceId: string | number;
  title: string;
  category?: string | null;
  departmentId?: number | null;
  peopleAffected?: number;
  urgency?: number;
  feasibility?: number;
}

/** Create the entry, or refresh its title and department if the source is already there. */
export async function registerPoolEntry(tx: Tx, r: PoolRegistration): Promise<number> {
  const now = new Date().toISOString();
  const weights = await repo.getWeights(tx, r.unitId);
  const existing = await repo.findBySource(tx, r.unitId, r.sourceKind, String(r.sourceId));
  if (existing) {
    const next = {
      ...existing,
      title: r.title,
      category: r.category ?? existing.category,
      department_id: r.departmentId === undefined ? existing.department_id : r.departmentId,
      people_affected: r.peopleAffected ?? existing.people_affected,
    };
    await repo.updateEntry(
      tx,
      existing.id,
      {
        title: next.title,
        category: next.category,
        department_id: next.department_id,
        people_affected: next.people_affected,
        score: repo.scoreOf(next, weights).score,
      },
      now,
    );
    return existing.id;
  }
  const values: repo.EntryValues = {
    title: r.title,
    category: r.category ?? null,
    department_id: r.departmentId ?? null,
    people_affected: Math.max(1, r.peopleAffected ?? 1),
    me_too_count: 0,
    repeat_count: 0,
    urgency: clamp(r.urgency ?? 3),
    feasibility: clamp(r.feasibility ?? 3),
    status: 'open',
  };
  return repo.insertEntry(
    tx,
    r.unitId,
    { kind: r.sourceKind, id: String(r.sourceId) },
    values,
    repo.scoreOf(values, weights).score,
    now,
    todayInShanghai(),
  );
}

/** "Me too" (同问) and repeats raise concern; a mechanism calls this as they happen. */
export async function bumpPoolConcern(
  tx: Tx,
  unitId: number,
  source: { kind: string; id: string | number },
  delta: { meToo?: number; repeats?: number; peopleAffected?: number },
) {
  const entry = await repo.findBySource(tx, unitId, source.kind, String(source.id));
  if (!entry) return;
  const weights = await repo.getWeights(tx, unitId);
  const next = {
    ...entry,
    me_too_count: Math.max(0, entry.me_too_count + (delta.meToo ?? 0)),
    repeat_count: Math.max(0, entry.repeat_count + (delta.repeats ?? 0)),
    people_affected: Math.max(1, entry.people_affected + (delta.peopleAffected ?? 0)),
  };
  await repo.updateEntry(
    tx,
    entry.id,
    {
      me_too_count: next.me_too_count,
      repeat_count: next.repeat_count,
      people_affected: next.people_affected,
      score: repo.scoreOf(next, weights).score,
    },
    new Date().toISOString(),
  );
}

/** A mechanism moves its matter along (scheduled for a meeting, resolved, closed). */
export async function setPoolStatusBySource(
  tx: Tx,
  unitId: number,
  source: { kind: string; id: string | number },
  status: PoolStatus,
) {
  const entry = await repo.findBySource(tx, unitId, source.kind, String(source.id));
  if (!entry) return;
  const now = new Date().toISOString();
  await repo.updateEntry(
    tx,
    entry.id,
    { status, score: entry.score, closed_at: CLOSED.includes(status) ? now : null },
    now,
  );
}

// ---- the office's own commands ----

export async function addManualEntry(
  ctx: CommandContext,
  input: {
    title: string;
    category?: string | null;
    departmentId?: number | null;
    peopleAffected: number;
    urgency: number;
    feasibility: number;
  },
) {
  return runCommand(ctx, async (tx, audit) => {
    if (
      input.departmentId &&
      !(await org.getDepartment(tx, ctx.actor.unitId, input.departmentId))
    ) {
      throw new AppError('DEPARTMENT_NOT_FOUND');
    }
    // A manual matter (raised at a forum or a field visit by the office) gets its own source id.
    const id = await registerPoolEntry(tx, {
      unitId: ctx.actor.unitId,
      sourceKind: 'manual',
      sourceId: `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
      ...input,
    });
    await audit('pool.entry_added', { type: 'pool_entry', id }, { title: input.title });
    return id;
  });
}

export async function assessEntry(
  ctx: CommandContext,
  id: number,
  input: { urgency?: number; feasibility?: number; status?: PoolStatus },
) {
  return runCommand(ctx, async (tx, audit) => {
    const entry = await repo.getEntry(tx, ctx.actor.unitId, id);
    if (!entry) throw new AppError('POOL_ENTRY_NOT_FOUND', undefined, 404);
    const weights = await repo.getWeights(tx, ctx.actor.unitId);
    const next = {
      ...entry,
      urgency: input.urgency ?? entry.urgency,
      feasibility: input.feasibility ?? entry.feasibility,
      status: input.status ?? entry.status,
    };
    const now = new Date().toISOString();
    await repo.updateEntry(
      tx,
      id,
      {
        urgency: next.urgency,
        feasibility: next.feasibility,
        status: next.status,
        score: repo.scoreOf(next, weights).score,
        closed_at: CLOSED.includes(next.status) ? (entry.closed_at ?? now) : null,
      },
      now,
    );
    await audit(
      'pool.entry_assessed',
      { type: 'pool_entry', id },
      { from: pick(entry), to: pick(next) },
    );
  });
}

export async function setWeights(ctx: CommandContext, weights: PoolWeights) {
  return runCommand(ctx, async (tx, audit) => {
    const before = await repo.getWeights(tx, ctx.actor.unitId);
    await repo.saveWeights(tx, ctx.actor.unitId, weights);
    const rescored = await repo.rescoreUnit(tx, ctx.actor.unitId, weights);
    await audit(
      'pool.weights_changed',
      { type: 'unit', id: ctx.actor.unitId },
      { from: before, to: weights, rescored },
    );
  });
}

const pick = (e: { urgency: number; feasibility: number; status: string }) => ({
  urgency: e.urgency,
  feasibility: e.feasibility,
  status: e.status,
});
const clamp = (n: number) => Math.min(5, Math.max(1, Math.round(n)));
