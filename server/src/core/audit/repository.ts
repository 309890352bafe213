import type { Database, Queryable, Tx } from '../../db/database.js';
import { containsText } from '../../db/database.js';
import { canonicalJson, entryHash, GENESIS_HASH, type ChainBreak } from './chain.js';

export interface AuditInput {
  unitId: number;
  actorAccountId: number | null;
  actorLabel: string;
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  detail?: Record<string, unknown>;
}

/**
 * Append one entry to the unit's chain inside the caller's transaction. The chain head row
 * is locked (PostgreSQL `FOR UPDATE`; SQLite has one writer) so two writers never fork it.
 */
export async function appendAudit(tx: Tx, kind: Database['kind'], input: AuditInput) {
  let head = await lockHead(tx, kind, input.unitId);
  if (!head) {
    await tx
      .insertInto('audit_heads')
      .values({ unit_id: input.unitId, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('unit_id').doNothing())
      .execute();
    head = await lockHead(tx, kind, input.unitId);
  }
  if (!head) throw new Error('audit head missing');
  const entry = {
    unit_id: input.unitId,
    seq: head.seq + 1,
    at: new Date().toISOString(),
    actor_account_id: input.actorAccountId,
    actor_label: input.actorLabel,
    action: input.action,
    target_type: input.targetType ?? null,
    target_id: input.targetId == null ? null : String(input.targetId),
    detail: canonicalJson(input.detail ?? {}),
    prev_hash: head.hash,
  };
  const hash = entryHash(entry);
  await tx
    .insertInto('audit_log')
    .values({ ...entry, hash })
    .execute();
  await tx
    .updateTable('audit_heads')
    .set({ seq: entry.seq, hash })
    .where('unit_id', '=', input.unitId)
    .execute();
}

async function lockHead(tx: Tx, kind: Database['kind'], unitId: number) {
  let q = tx.selectFrom('audit_heads').select(['seq', 'hash']).where('unit_id', '=', unitId);
  if (kind === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export interface AuditSearch {
  unitId: number;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function searchAudit(database: Database, s: AuditSearch) {
  let q = database.db.selectFrom('audit_log').where('unit_id', '=', s.unitId);
  if (s.actor) q = q.where(containsText(database.kind, 'actor_label', s.actor));
  if (s.action) q = q.where('action', '=', s.action);
  if (s.from) q = q.where('at', '>=', s.from);
  if (s.to) q = q.where('at', '<', s.to);
  const [{ total } = { total: 0 }] = await q
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .execute();
  const items = await q
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(s.pageSize)
    .offset((s.page - 1) * s.pageSize)
    .execute();
  return { items, total: Number(total) };
}

export async function distinctActions(db: Queryable, unitId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('action')
    .distinct()
    .where('unit_id', '=', unitId)
    .orderBy('action')
    .execute();
  return rows.map((r) => r.action);
}

/** Walk every unit's chain in order; return the first broken link of each unit (or none). */
export async function verifyChains(
  database: Database,
  onProgress?: (done: number, total: number) => void,
  unitId?: number,
): Promise<{ checked: number; breaks: ChainBreak[] }> {
  const db = database.db;
  let headQuery = db.selectFrom('audit_heads').select(['unit_id', 'seq', 'hash']);
  if (unitId !== undefined) headQuery = headQuery.where('unit_id', '=', unitId);
  const units = await headQuery.orderBy('unit_id').execute();
  let countQuery = db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('total'));
  if (unitId !== undefined) countQuery = countQuery.where('unit_id', '=', unitId);
  const [{ total } = { total: 0 }] = await countQuery.execute();
  const breaks: ChainBreak[] = [];
  let checked = 0;
  for (const head of units) {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let lastId = 0;
    let broken = false;
    const batch = 5000;
    for (let after = 0; !broken;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('unit_id', '=', head.unit_id)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(batch)
        .execute();
      for (const row of rows) {
        checked++;
        lastId = row.id;
        const reason =
          row.seq !== expectedSeq
            ? 'seq_gap'
            : row.prev_hash !== prev
              ? 'prev_hash_mismatch'
              : entryHash(row) !== row.hash
                ? 'hash_mismatch'
                : null;
        if (reason) {
          breaks.push({ unitId: head.unit_id, seq: expectedSeq, id: row.id, reason });
          broken = true;
          break;
        }
        prev = row.hash;
        expectedSeq++;
      }
      onProgress?.(checked, Number(total));
      if (rows.length < batch) break;
      after = rows[rows.length - 1]!.seq;
    }
    // Entries removed from the end are caught by the head the writers keep.
    if (!broken && (head.seq !== expectedSeq - 1 || head.hash !== prev)) {
      breaks.push({ unitId: head.unit_id, seq: expectedSeq, id: lastId, reason: 'head_mismatch' });
    }
  }
  return { checked, breaks };
}
