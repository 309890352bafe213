import type { ErrorCode } from '@lianxin/common';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  INTERNAL: 500,
  AUTH_FAILED: 401,
  PASSWORD_CHANGE_REQUIRED: 403,
  PASSWORD_WRONG: 400,
  SESSION_NOT_FOUND: 404,
  SETUP_NOT_AVAILABLE: 409,
  SETUP_TOKEN_INVALID: 400,
  DEPARTMENT_NOT_FOUND: 404,
  PERSON_NOT_FOUND: 404,
  ACCOUNT_NOT_FOUND: 404,
  IMPORT_NOT_FOUND: 404,
  STAFF_NO_TAKEN: 409,
  USERNAME_TAKEN: 409,
  DEPARTMENT_NAME_TAKEN: 409,
  IMPORT_FILE_TOO_LARGE: 413,
};

/** A typed failure with a stable code. Commands throw it; the error handler renders it. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    status?: number,
  ) {
    super(code);
    this.name = 'AppError';
    this.status = status ?? STATUS[code] ?? 400;
  }
}

export const notFound = (code: ErrorCode = 'NOT_FOUND') => new AppError(code);
export const forbidden = () => new AppError('FORBIDDEN');
