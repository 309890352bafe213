import type { Dayjs } from 'dayjs';
import type { QueryValue } from '../../app/api';

export interface AuditFilters {
  actor?: string;
  action?: string;
  /** Calendar dates picked in the page (a range picker); they mean Beijing dates. */
  range?: [Dayjs | null, Dayjs | null] | null;
  /** The same as two pickers, on small screens where a range picker does not fit. */
  from?: Dayjs | null;
  to?: Dayjs | null;
}

/**
 * `GET /api/audit` parameters. The picker's calendar date is sent as it reads (`YYYY-MM-DD`); the
 * server takes it as an Asia/Shanghai date, `to` inclusive.
 */
export function auditQuery(
  f: AuditFilters,
  page: number,
  pageSize: number,
): Record<string, QueryValue> {
  const from = f.range?.[0] ?? f.from ?? null;
  const to = f.range?.[1] ?? f.to ?? null;
  return {
    actor: f.actor?.trim() || undefined,
    action: f.action || undefined,
    from: from ? from.format('YYYY-MM-DD') : undefined,
    to: to ? to.format('YYYY-MM-DD') : undefined,
    page,
    pageSize,
  };
}

/** An audit record's detail as plain text: compact JSON, never HTML. */
export function formatDetail(detail: unknown): string {
  if (detail === null || detail === undefined) return '—';
  if (typeof detail === 'string') return detail;
  if (typeof detail === 'object' && Object.keys(detail).length === 0) return '—';
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}

/** `person #12`, or '—' when the record has no target. */
export function formatTarget(type: string | null, id: string | number | null): string {
  if (!type && (id === null || id === undefined)) return '—';
  return [type, id === null || id === undefined ? null : `#${id}`].filter(Boolean).join(' ');
}
