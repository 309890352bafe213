import { ERROR_CODES, type ErrorCode } from '@lianxin/common';

/** An API error code, or NETWORK when no answer came back at all. */
export type ApiErrorCode = ErrorCode | 'NETWORK';

/** What every failed call throws: the HTTP status and the API's stable error code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;

  constructor(status: number, code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** The code to assume when a response carries no readable error body (a proxy's page, say). */
export function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'BODY_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'INTERNAL';
  return 'BAD_REQUEST';
}

/** Read `{ error: { code, message, details? } }`; anything else becomes the status's code. */
export function parseApiError(status: number, body: unknown): ApiError {
  const error =
    body && typeof body === 'object' && 'error' in body
      ? (body as { error: unknown }).error
      : undefined;
  if (error && typeof error === 'object') {
    const { code, message, details } = error as Record<string, unknown>;
    if (typeof code === 'string' && KNOWN_CODES.has(code)) {
      return new ApiError(
        status,
        code as ErrorCode,
        typeof message === 'string' ? message : code,
        details,
      );
    }
  }
  const code = codeForStatus(status);
  return new ApiError(status, code, code);
}

export type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x` from the set values only (empty strings, null and undefined are left out). */
export function buildQuery(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** What the app does when the server says "sign in" or "change your password first". */
export interface ApiHandlers {
  onUnauthenticated: () => void;
  onPasswordChangeRequired: () => void;
}

let handlers: ApiHandlers = {
  onUnauthenticated: () => {
    if (!window.location.pathname.startsWith('/login')) window.location.assign('/login');
  },
  onPasswordChangeRequired: () => window.location.assign('/account/password'),
};

export function setApiHandlers(next: ApiHandlers): void {
  handlers = next;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data instead of `body`. */
  form?: FormData;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Leave a 401 to the caller (the login form shows its own message). */
  noAuthRedirect?: boolean;
}

async function readBody(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined;
  const text = await res.text();
  if (!text) return undefined;
  if (!(res.headers.get('content-type') ?? '').includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Call the API on the same origin; resolves with the JSON answer or throws an ApiError. */
export async function apiRequest<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.form) {
    body = opts.form; // the browser sets the multipart boundary
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(path + buildQuery(opts.query ?? {}), {
      method: opts.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'NETWORK');
  }
  const payload = await readBody(res);
  if (res.ok) return payload as T;

  const error = parseApiError(res.status, payload);
  if (!opts.noAuthRedirect) {
    if (error.status === 401 && error.code === 'UNAUTHENTICATED') handlers.onUnauthenticated();
    if (error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') {
      handlers.onPasswordChangeRequired();
    }
  }
  throw error;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  upload: <T>(path: string, form: FormData) => apiRequest<T>(path, { method: 'POST', form }),
};
