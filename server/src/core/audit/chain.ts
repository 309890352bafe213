import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  unit_id: number;
  seq: number;
  at: string;
  actor_account_id: number | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: string;
  prev_hash: string;
}

/** The hash of one entry: SHA-256 over a fixed-order JSON array of its fields. Pure. */
export function entryHash(e: ChainedFields): string {
  const canonical = JSON.stringify([
    e.unit_id,
    e.seq,
    e.at,
    e.actor_account_id,
    e.actor_label,
    e.action,
    e.target_type,
    e.target_id,
    e.detail,
    e.prev_hash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** JSON with sorted keys, so the same detail always serialises to the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    }
    return v;
  });
}

export interface ChainBreak {
  unitId: number;
  seq: number;
  id: number;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'head_mismatch';
}
