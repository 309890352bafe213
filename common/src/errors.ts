import { CALENDAR_ERRORS } from './services/calendar.js';
import { NOTIFICATIONS_ERRORS } from './services/notifications.js';
import { FILES_ERRORS } from './services/files.js';
import { SEARCH_ERRORS } from './services/search.js';
import { POOL_ERRORS } from './services/pool.js';
import { OPINIONS_ERRORS } from './modules/opinions.js';
import { OPINIONS_HANDLING_ERRORS } from './modules/opinions-handling.js';
import { OPINIONS_FIGURES_ERRORS } from './modules/opinions-figures.js';
import { OPINIONS_WEB_ERRORS } from './modules/opinions-web.js';
import { NOTICES_ERRORS } from './modules/notices.js';
import { NOTICES_WEB_ERRORS } from './modules/notices-web.js';
import { SURVEYS_ERRORS } from './modules/surveys.js';
import { SURVEYS_TEXT_ERRORS } from './modules/surveys-text.js';
import { SURVEYS_RESULTS_ERRORS } from './modules/surveys-results.js';
import { SURVEYS_WEB_ERRORS } from './modules/surveys-web.js';
import { CONSULTATIONS_ERRORS } from './modules/consultations.js';

/**
 * Stable error codes of the API. A response that fails carries
 * `{ error: { code, message, details? } }`; the code never changes once published,
 * the message is for people and follows the request's language.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF_REJECTED',
  'RATE_LIMITED',
  'CONFLICT',
  'INTERNAL',
  'AUTH_FAILED',
  'PASSWORD_CHANGE_REQUIRED',
  'PASSWORD_WEAK',
  'PASSWORD_TOO_LONG',
  'PASSWORD_COMMON',
  'PASSWORD_REUSED',
  'PASSWORD_WRONG',
  'SESSION_NOT_FOUND',
  'SETUP_NOT_AVAILABLE',
  'SETUP_TOKEN_INVALID',
  'UNIT_REQUIRED',
  'DEPARTMENT_NOT_FOUND',
  'DEPARTMENT_NAME_TAKEN',
  'DEPARTMENT_CYCLE',
  'DEPARTMENT_NOT_EMPTY',
  'PERSON_NOT_FOUND',
  'STAFF_NO_TAKEN',
  'USERNAME_TAKEN',
  'ACCOUNT_NOT_FOUND',
  'ROLE_UNKNOWN',
  'ROLE_ADMIN_CONFLICT',
  'ROLE_ADMIN_EXCLUSIVE',
  'ROLE_SELF_ADMIN_CHANGE',
  'IMPORT_FILE_EMPTY',
  'IMPORT_FILE_UNREADABLE',
  'IMPORT_FILE_TOO_LARGE',
  'IMPORT_HEADERS_INVALID',
  'IMPORT_ROWS_INVALID',
  'IMPORT_NOT_FOUND',
  // Shared services: each lists its own codes beside its messages.
  ...CALENDAR_ERRORS,
  ...NOTIFICATIONS_ERRORS,
  ...FILES_ERRORS,
  ...SEARCH_ERRORS,
  ...POOL_ERRORS,
  // Mechanism modules.
  ...OPINIONS_ERRORS,
  ...OPINIONS_HANDLING_ERRORS,
  ...OPINIONS_FIGURES_ERRORS,
  ...OPINIONS_WEB_ERRORS,
  ...NOTICES_ERRORS,
  ...NOTICES_WEB_ERRORS,
  ...SURVEYS_ERRORS,
  ...SURVEYS_TEXT_ERRORS,
  ...SURVEYS_RESULTS_ERRORS,
  ...SURVEYS_WEB_ERRORS,
  ...CONSULTATIONS_ERRORS,
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Row-level problems found in a roster file (dry run or refused real run). */
export const IMPORT_ROW_PROBLEMS = [
  'staffNoMissing',
  'staffNoInvalid',
  'staffNoDuplicate',
  'nameMissing',
  'nameTooLong',
  'departmentMissing',
  'departmentPathInvalid',
  'phoneInvalid',
  'politicalStatusUnknown',
  'roleUnknown',
  'roleAdminNotImportable',
  'positionTooLong',
  'congressDelegateInvalid',
  'departmentInactive',
  'staffNoAccountTaken',
  'headerMissing',
  'headerDuplicate',
] as const;
export type ImportRowProblem = (typeof IMPORT_ROW_PROBLEMS)[number];
