import { ApiError, parseApiError } from '../../app/api';
import type { Attachment } from '../files/types';

/**
 * The opinion box's API shapes as the web reads them (docs/opinions-design.md). Optional fields
 * are the ones a view may leave out (the tracked view carries no names, for instance).
 */
export const OPINION_KINDS = ['opinion', 'suggestion', 'request', 'complaint', 'enquiry'] as const;
export type OpinionKind = (typeof OPINION_KINDS)[number];

export const OPINION_STATUSES = [
  'submitted',
  'accepted',
  'dispatched',
  'signed',
  'replied',
  'closed',
  'merged',
] as const;
export type OpinionStatus = (typeof OPINION_STATUSES)[number];

export const SATISFACTIONS = ['satisfied', 'basically', 'dissatisfied'] as const;
export const SOLVED = ['solved', 'partly', 'not_solved'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export type Solved = (typeof SOLVED)[number];

export const TITLE_MAX = 100;
export const CONTENT_MAX = 5000;
export const BODY_MAX = 5000;

export interface OpinionEvent {
  id?: number | string;
  type: string;
  visibleToSubmitter?: boolean;
  author: 'office' | 'department' | 'submitter' | 'system';
  authorName?: string | null;
  /** The staff view names the department flat, the handling view as an object. */
  departmentId?: number | null;
  departmentName?: string | null;
  department?: DepartmentRef | null;
  body?: string | null;
  on: string;
  at?: string | null;
}

export interface DepartmentRef {
  id: number;
  name: string;
}

export interface OpinionDepartment {
  department: DepartmentRef;
  role: 'lead' | 'co';
  status: 'dispatched' | 'signed' | 'bounced';
  dispatchedOn?: string | null;
  signedOn?: string | null;
  bounceReason?: string | null;
}

/** Every action a view may allow; a missing key means "not now". */
export interface OpinionAbilities {
  accept?: boolean;
  notAccept?: boolean;
  dispatch?: boolean;
  sign?: boolean;
  bounce?: boolean;
  ask?: boolean;
  reply?: boolean;
  requestExtension?: boolean;
  decideExtension?: boolean;
  merge?: boolean;
  publish?: boolean;
  answer?: boolean;
  rate?: boolean;
  meToo?: boolean;
}

export interface OpinionView {
  id: string;
  kind: OpinionKind;
  category?: string | null;
  title: string;
  content: string;
  status: OpinionStatus;
  anonymous?: boolean;
  /** Handlers only, named items only. */
  submitterName?: string | null;
  /** GET /api/opinions/:id: who is looking (a handler, or the named submitter). */
  viewer?: 'handler' | 'submitter';
  targetDepartmentId?: number | null;
  targetDepartmentName?: string | null;
  targetDepartment?: DepartmentRef | null;
  leadDepartment?: DepartmentRef | null;
  deadlines?: OpinionDeadline[];
  followed?: {
    opinionId: string;
    status: string;
    events: OpinionEvent[];
  } | null;
  departments?: OpinionDepartment[];
  consentPublish?: boolean;
  published?: boolean;
  publicTitle?: string | null;
  publicContent?: string | null;
  publicReply?: string | null;
  notAcceptedReason?: string | null;
  suggestedChannel?: string | null;
  closeReason?: string | null;
  mergedIntoId?: string | null;
  satisfaction?: Satisfaction | null;
  solved?: Solved | null;
  ratingComment?: string | null;
  redoUsed?: boolean;
  meTooCount?: number;
  submittedOn: string;
  acceptedOn?: string | null;
  repliedOn?: string | null;
  closedOn?: string | null;
  /** Inbox rows: the reply deadline and whether any open deadline is past. */
  replyDue?: string | null;
  late?: boolean;
  bounceCount?: number;
  attachments?: Attachment[];
  timeline?: OpinionEvent[];
  abilities: OpinionAbilities;
}

export interface OpinionDeadline {
  step: string;
  dueDate: string;
  late: boolean;
  extensionStatus?: string | null;
  extensionDays?: number | null;
  extensionReason?: string | null;
}

export interface WallItem {
  id: string;
  kind: OpinionKind;
  title: string;
  content: string;
  reply?: string | null;
  publicTitle?: string | null;
  publicContent?: string | null;
  publicReply?: string | null;
  meTooCount: number;
  meTooByMe?: boolean;
  submittedOn?: string;
  repliedOn?: string | null;
  abilities?: OpinionAbilities;
}

export interface SubmitResult {
  opinion: OpinionView;
  receiptCode?: string;
}

/** The 16 digits of a receipt code, or null: spaces and dashes are ignored, as on the server. */
export function normalizeReceipt(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{16}$/.test(digits) ? digits : null;
}

/** `1234 5678 9012 3456`: the way a code is shown and read aloud. */
export function groupReceipt(input: string): string {
  const digits = input.replace(/[\s-]/g, '');
  return digits.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Late: the server's flag, else an open deadline (or the reply due date) before today. */
export function isLate(
  item: Pick<OpinionView, 'late' | 'replyDue' | 'deadlines' | 'status'>,
  today: string,
): boolean {
  if (item.late !== undefined) return item.late;
  if (item.status === 'closed' || item.status === 'merged') return false;
  if (item.deadlines?.length) return item.deadlines.some((d) => d.late || d.dueDate < today);
  return !!item.replyDue && item.replyDue < today;
}

/** A timeline step's department name, whichever shape the view used. */
export function eventDepartment(e: OpinionEvent): string | null {
  return e.department?.name ?? e.departmentName ?? null;
}

/**
 * What the named submitter may do on their own item (GET /api/opinions/:id carries handling
 * abilities only): rate a reply; answer while a question is open (as the server's presenter).
 */
export function submitterAbilities(o: Pick<OpinionView, 'status' | 'timeline'>): {
  answer: boolean;
  rate: boolean;
} {
  let open = 0;
  for (const e of o.timeline ?? []) {
    if (e.type === 'question') open += 1;
    else if (e.type === 'answer') open = 0;
  }
  return {
    answer: ['accepted', 'dispatched', 'signed'].includes(o.status) && open > 0,
    rate: o.status === 'replied',
  };
}

/** The key to send with one submission form: the same for every retry of that form. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * POST /api/opinions with the form's Idempotency-Key, so a retry after a lost answer gets the
 * first answer back (and, for an anonymous item, the same receipt code) instead of a duplicate.
 */
export async function submitOpinion(body: unknown, idempotencyKey: string): Promise<SubmitResult> {
  let res: Response;
  try {
    res = await fetch('/api/opinions', {
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
  return payload as SubmitResult;
}

/** Status → tag colour. */
export const STATUS_COLOR: Record<string, string> = {
  submitted: 'orange',
  accepted: 'gold',
  dispatched: 'blue',
  signed: 'processing',
  replied: 'cyan',
  closed: 'green',
  merged: 'default',
};

/** The name of a dispatched department. */
export function departmentLabel(d: OpinionDepartment): string {
  return d.department.name || String(d.department.id);
}
