import type { QueryValue } from '../../../app/api';

export type ActiveFilter = 'true' | 'false' | 'all';

/** The people list's search, kept in the address so it survives reloads and the back button. */
export interface PeopleQuery {
  q: string;
  departmentId: number | undefined;
  active: ActiveFilter;
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [20, 50, 100];

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function readPeopleQuery(sp: URLSearchParams): PeopleQuery {
  const active = sp.get('active');
  const dep = sp.get('departmentId');
  const size = positiveInt(sp.get('pageSize'), 20);
  return {
    q: sp.get('q') ?? '',
    departmentId: dep && positiveInt(dep, 0) > 0 ? Number(dep) : undefined,
    active: active === 'false' || active === 'all' ? active : 'true',
    page: positiveInt(sp.get('page'), 1),
    pageSize: PAGE_SIZES.includes(size) ? size : 20,
  };
}

/** Address parameters: defaults left out to keep links short. */
export function writePeopleQuery(q: PeopleQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.q) out.q = q.q;
  if (q.departmentId) out.departmentId = String(q.departmentId);
  if (q.active !== 'true') out.active = q.active;
  if (q.page !== 1) out.page = String(q.page);
  if (q.pageSize !== 20) out.pageSize = String(q.pageSize);
  return out;
}

/** `GET /api/org/people` parameters (`active` left out for "all"). */
export function apiPeopleQuery(q: PeopleQuery): Record<string, QueryValue> {
  return {
    q: q.q.trim() || undefined,
    departmentId: q.departmentId,
    active: q.active === 'all' ? undefined : q.active,
    page: q.page,
    pageSize: q.pageSize,
  };
}
