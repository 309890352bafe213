import { ApiError, api, apiRequest, parseApiError } from '../../app/api';

/**
 * The public notices API as the pages read it (docs/notices-api.md). Dates are `YYYY-MM-DD`
 * (Shanghai), times ISO-8601 UTC.
 */
export const NOTICE_TYPES = [
  'pay',
  'title',
  'appointment',
  'award',
  'bidding',
  'hardship',
  'decision',
  'other',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

export const NOTICE_STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'closed'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export type ItemStatus = 'active' | 'withdrawn' | 'corrected';
export const FINDINGS = ['upheld', 'partly_upheld', 'not_upheld'] as const;
export type Finding = (typeof FINDINGS)[number];
export type NoticeResult = 'no_objection' | 'objections_handled';
export type ItemAction = 'withdraw' | 'correct' | 'none';

export const TITLE_MAX = 200;
export const BODY_MAX = 20000;
export const REASONS_MAX = 2000;
/** The list's page size (the server's). */
export const PAGE_SIZE = 20;

export interface NoticeTypeInfo {
  type: NoticeType;
  periodDays: number;
  anonymousObjections: boolean;
  sensitive: boolean;
}

export interface NoticeItem {
  id: number;
  seq: number;
  name: string;
  detail: string;
  status: ItemStatus;
  note: string | null;
}

export interface NoticeAttachment {
  id: string;
  name: string;
  size: number;
  sha256: string;
  url: string;
}

export interface NoticeVersionInfo {
  version: number;
  reason: string | null;
  publishedAt: string;
  fingerprint: string;
}

export interface NoticeListItem {
  id: number;
  type: NoticeType;
  title: string;
  status: NoticeStatus;
  startsOn: string | null;
  endsOn: string | null;
  publishAt: string | null;
  version: number;
  unread: boolean;
  inPeriod: boolean;
  objectionsOpen: number;
  result: NoticeResult | null;
}

export interface NoticeAbilities {
  edit: boolean;
  submitReview: boolean;
  review: boolean;
  correct: boolean;
  close: boolean;
  object: boolean;
  viewObjections: boolean;
  viewReads: boolean;
}

export interface NoticeView extends NoticeListItem {
  body: string;
  sensitive: boolean;
  anonymousObjections: boolean;
  scope: { wholeUnit: boolean; departmentIds: number[]; departmentNames: string[] };
  periodDays: number;
  /** Working days left in the period, when the server gives it (else the page computes it). */
  workingDaysLeft?: number | null;
  items: NoticeItem[];
  attachments: NoticeAttachment[];
  fingerprint: string | null;
  versions: NoticeVersionInfo[];
  resultNote: string | null;
  closedAt: string | null;
  review: { submittedBy: string | null; reviewedBy: string | null; comment: string | null } | null;
  reads: { read: number; inScope: number } | null;
  abilities: NoticeAbilities;
}

export interface ObjectionView {
  id: string;
  noticeId: number;
  noticeTitle: string;
  itemId: number;
  itemName: string;
  reasons: string;
  anonymous: boolean;
  objector: string | null;
  submittedOn: string;
  attachments: NoticeAttachment[];
  status: 'open' | 'found';
  finding: Finding | null;
  explanation: string | null;
  foundOn: string | null;
  dueOn: string | null;
}

export interface NoticeVersion {
  version: number;
  title: string;
  body: string;
  items: Array<Pick<NoticeItem, 'name' | 'detail'> & Partial<NoticeItem>>;
  attachments: NoticeAttachment[];
  periodStartsOn: string | null;
  periodEndsOn: string | null;
  reason: string | null;
  publishedAt: string;
  fingerprint: string;
  canonical: string;
}

export interface VerifyResult {
  ok: boolean;
  versions: Array<{ version: number; stored: string; recomputed: string; ok: boolean }>;
}

export interface ReadsResult {
  read: number;
  inScope: number;
  departments: Array<{ departmentId: number; name: string; read: number; inScope: number }>;
  readers: Array<{ name: string; department: string | null; readAt: string }>;
}

export interface NoticeInput {
  type: NoticeType;
  title: string;
  body: string;
  items: Array<{ name: string; detail: string }>;
  scope: { wholeUnit: boolean; departmentIds: number[] };
  periodDays?: number;
  attachmentIds: string[];
}

export interface CorrectionInput {
  reason: string;
  title: string;
  body: string;
  items: Array<{ id?: number; name: string; detail: string }>;
  attachmentIds: string[];
}

export interface ObjectionInput {
  itemId: number;
  reasons: string;
  anonymous: boolean;
  attachmentIds: string[];
}

export interface FindingInput {
  finding: Finding;
  explanation: string;
  itemAction: ItemAction;
  correction?: { name: string; detail: string };
}

export interface ListQuery {
  status?: NoticeStatus | '';
  type?: NoticeType | '';
  year?: number | '';
  q?: string;
  page?: number;
}

// ---------------------------------------------------------------- query keys and API calls

export const NOTICES_KEY = ['notices'] as const;
export const noticeKey = (id: number | string) => ['notices', 'one', String(id)] as const;
export const UNREAD_KEY = ['notices', 'unread-count'] as const;
export const TYPES_KEY = ['notices', 'types'] as const;
export const MINE_KEY = ['notices', 'objections', 'mine'] as const;

const enc = (id: number | string) => encodeURIComponent(String(id));

export const noticesApi = {
  types: () => api.get<{ types: NoticeTypeInfo[] }>('/api/notices/types'),
  list: (q: ListQuery) =>
    api.get<{ items: NoticeListItem[]; total: number }>('/api/notices', {
      status: q.status,
      type: q.type,
      year: q.year,
      q: q.q?.trim(),
      page: q.page,
    }),
  unreadCount: () => api.get<{ count: number }>('/api/notices/unread-count'),
  get: (id: number | string) => api.get<{ notice: NoticeView }>(`/api/notices/${enc(id)}`),
  version: (id: number | string, version: number) =>
    api.get<{ version: NoticeVersion }>(`/api/notices/${enc(id)}/versions/${version}`),
  verify: (id: number | string) => api.get<VerifyResult>(`/api/notices/${enc(id)}/verify`),
  reads: (id: number | string) => api.get<ReadsResult>(`/api/notices/${enc(id)}/reads`),
  create: (input: NoticeInput) =>
    apiRequest<{ notice: NoticeView }>('/api/notices', { method: 'POST', body: input }),
  update: (id: number, input: NoticeInput) =>
    apiRequest<{ notice: NoticeView }>(`/api/notices/${enc(id)}`, { method: 'PUT', body: input }),
  submitReview: (id: number) =>
    api.post<{ notice: NoticeView }>(`/api/notices/${enc(id)}/submit-review`, {}),
  review: (id: number, body: { approve: boolean; comment?: string; publishAt?: string | null }) =>
    api.post<{ notice: NoticeView }>(`/api/notices/${enc(id)}/review`, body),
  correct: (id: number, body: CorrectionInput) =>
    api.post<{ notice: NoticeView }>(`/api/notices/${enc(id)}/corrections`, body),
  close: (id: number, note?: string) =>
    api.post<{ notice: NoticeView }>(`/api/notices/${enc(id)}/close`, note ? { note } : {}),
  objections: (id: number) =>
    api.get<{ items: ObjectionView[] }>(`/api/notices/${enc(id)}/objections`),
  mine: () => api.get<{ items: ObjectionView[] }>('/api/notices/objections/mine'),
  track: (receiptCode: string) =>
    apiRequest<{ objection: ObjectionView }>('/api/notices/objections/track', {
      method: 'POST',
      body: { receiptCode },
      noAuthRedirect: true,
    }),
  finding: (objectionId: string, body: FindingInput) =>
    api.post<{ objection: ObjectionView }>(
      `/api/notices/objections/${enc(objectionId)}/finding`,
      body,
    ),
};

export const exportUrl = (q: { year?: number | ''; type?: string }) => {
  const search = new URLSearchParams();
  if (q.year) search.set('year', String(q.year));
  if (q.type) search.set('type', q.type);
  const text = search.toString();
  return `/api/notices/export.xlsx${text ? `?${text}` : ''}`;
};
export const noticeExportUrl = (id: number) => `/api/notices/${enc(id)}/export.xlsx`;

/**
 * POST /api/notices/:id/objections with the form's Idempotency-Key: a retry after a lost answer
 * gets the first answer (and the same receipt code) back instead of a second objection.
 */
export async function submitObjection(
  noticeId: number,
  body: ObjectionInput,
  idempotencyKey: string,
): Promise<{ objection: ObjectionView; receiptCode?: string }> {
  let res: Response;
  try {
    res = await fetch(`/api/notices/${enc(noticeId)}/objections`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'Idempotency-Key': idempotencyKey,
      },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'NETWORK');
  }
  const text = await res.text();
  let payload: unknown;
  try {
    payload = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    payload = undefined;
  }
  if (!res.ok) throw parseApiError(res.status, payload);
  return payload as { objection: ObjectionView; receiptCode?: string };
}

// ---------------------------------------------------------------- pure helpers

/** In-period notices first (ending soonest first), then the rest newest first. */
export function sortForReading(items: NoticeListItem[]): NoticeListItem[] {
  return [...items].sort((a, b) => {
    if (a.inPeriod !== b.inPeriod) return a.inPeriod ? -1 : 1;
    if (a.inPeriod) return (a.endsOn ?? '').localeCompare(b.endsOn ?? '') || b.id - a.id;
    return (b.startsOn ?? '').localeCompare(a.startsOn ?? '') || b.id - a.id;
  });
}

/** Day of the week of a `YYYY-MM-DD` date (0 = Sunday), independent of the browser's zone. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
}

function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

/**
 * Working days from `today` to `endsOn`, both included (0 once the period is over). `special`
 * holds the calendar's changed days (holiday or make-up working day); the rest follow the week.
 */
export function workingDaysLeft(
  today: string,
  endsOn: string,
  special: ReadonlyMap<string, 'holiday' | 'workday'> = new Map(),
): number {
  if (endsOn < today) return 0;
  let count = 0;
  for (let d = today; d <= endsOn; d = nextDate(d)) {
    const kind = special.get(d);
    const wd = weekdayOf(d);
    if (kind ? kind === 'workday' : wd !== 0 && wd !== 6) count += 1;
    if (count > 400) break;
  }
  return count;
}

/** `3f2a…9c1d` grouped in fours, so a person can compare it by eye. */
export function groupFingerprint(hex: string): string {
  return hex.replace(/(.{4})(?=.)/g, '$1 ');
}
