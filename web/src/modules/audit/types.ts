export interface AuditEntry {
  id: number;
  seq: number;
  /** ISO-8601 UTC. */
  at: string;
  actor: string | null;
  action: string;
  targetType: string | null;
  targetId: string | number | null;
  detail: unknown;
}

export interface AuditList {
  items: AuditEntry[];
  total: number;
}

export interface ChainBreak {
  unitId: number;
  seq: number;
  id: number;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  breaks: ChainBreak[];
}
