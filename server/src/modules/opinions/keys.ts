import crypto from 'node:crypto';
import type { Queryable } from '../../db/database.js';
import * as repo from './repository.js';

/** The unit's receipt salt (16 bytes) and secret (32 bytes), hex; created on first use. */
export async function unitKeys(db: Queryable, unitId: number) {
  const found = await repo.getUnitKeys(db, unitId);
  if (found) return found;
  await repo.insertUnitKeysIfAbsent(db, {
    unit_id: unitId,
    salt: crypto.randomBytes(16).toString('hex'),
    secret: crypto.randomBytes(32).toString('hex'),
  });
  const row = await repo.getUnitKeys(db, unitId);
  if (!row) throw new Error('opinion unit keys missing after insert');
  return row;
}
