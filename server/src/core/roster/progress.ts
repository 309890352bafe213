import type { Database } from '../../db/database.js';

export type ImportPhase = 'parse' | 'validate' | 'write';

export interface ImportProgress {
  phase: ImportPhase;
  processedRows: number;
  totalRows: number;
}

/**
 * Live progress of running imports, per database, in memory. The real run writes in one
 * transaction; on SQLite that transaction holds the only connection, so progress written to the
 * table would be invisible (or would wait) until the end. Pollers read this instead, and the
 * table gets the figures at each phase boundary and at the end.
 */
const live = new WeakMap<Database, Map<number, ImportProgress>>();

export function setLiveProgress(database: Database, importId: number, p: ImportProgress) {
  let map = live.get(database);
  if (!map) live.set(database, (map = new Map()));
  map.set(importId, p);
}

export function liveProgress(database: Database, importId: number): ImportProgress | undefined {
  return live.get(database)?.get(importId);
}

export function clearLiveProgress(database: Database, importId: number) {
  live.get(database)?.delete(importId);
}
