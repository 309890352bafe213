import {
  ADMIN_ROLES,
  CONTENT_ROLES,
  POLITICAL_STATUS_BY_CHINESE,
  ROLE_BY_CHINESE,
  type ContentRole,
  type ImportRowProblem,
  type PoliticalStatus,
} from '@lianxin/common';
import { COLUMN_HEADERS, type RosterColumn, type RosterRow } from './parse.js';
import type { RowProblem } from './problems.js';

export type { RowProblem };

/**
 * Row-by-row checks of a parsed roster. Pure: no database. Everything the file says wrong is
 * reported at once, by spreadsheet row number, so one corrected file passes.
 */

/** One valid row. `undefined` means "the file has no such column: keep what is stored". */
export interface RosterPerson {
  row: number;
  staffNo: string;
  name: string;
  /** Segments joined by '/', as departments.path stores them. */
  departmentPath: string;
  position: string | null | undefined;
  phone: string | null | undefined;
  politicalStatus: PoliticalStatus | null | undefined;
  congressDelegate: 0 | 1 | undefined;
  /** Content roles including 'staff'; undefined without a 角色 column. */
  roles: ContentRole[] | undefined;
}

export interface ValidatedRoster {
  people: RosterPerson[];
  problems: RowProblem[];
}

export const LIMITS = {
  staffNo: 32,
  name: 50,
  position: 50,
  departmentLevels: 5,
  departmentName: 50,
} as const;

const STAFF_NO = /^[A-Za-z0-9_-]+$/;
const length = (s: string) => [...s].length;

export function validateRoster(parsed: {
  columns: readonly RosterColumn[];
  rows: readonly RosterRow[];
}): ValidatedRoster {
  const has = new Set(parsed.columns);
  const people: RosterPerson[] = [];
  const problems: RowProblem[] = [];
  const firstRowOf = new Map<string, number>();

  for (const r of parsed.rows) {
    const rowProblems: RowProblem[] = [];
    const problem = (column: RosterColumn, code: ImportRowProblem, params?: RowProblem['params']) =>
      rowProblems.push({
        row: r.row,
        column: COLUMN_HEADERS[column],
        code,
        ...(params ? { params } : {}),
      });

    const staffNo = normaliseStaffNo(r.staffNo);
    if (!staffNo) problem('staffNo', 'staffNoMissing');
    else if (!STAFF_NO.test(staffNo) || staffNo.length > LIMITS.staffNo)
      problem('staffNo', 'staffNoInvalid');
    else {
      const first = firstRowOf.get(staffNo);
      if (first !== undefined) problem('staffNo', 'staffNoDuplicate', { row: first });
      else firstRowOf.set(staffNo, r.row);
    }

    const name = r.name;
    if (!name) problem('name', 'nameMissing');
    else if (length(name) > LIMITS.name) problem('name', 'nameTooLong');

    let departmentPath = '';
    if (!r.department) problem('department', 'departmentMissing');
    else {
      const segments = parseDepartmentPath(r.department);
      if (!segments) problem('department', 'departmentPathInvalid', { value: r.department });
      else departmentPath = segments.join('/');
    }

    let position: string | null | undefined;
    if (has.has('position')) {
      position = r.position || null;
      if (position && length(position) > LIMITS.position) problem('position', 'positionTooLong');
    }

    let phone: string | null | undefined;
    if (has.has('phone')) {
      const p = normalisePhone(r.phone);
      if (p === false) problem('phone', 'phoneInvalid', { value: r.phone });
      else phone = p;
    }

    let politicalStatus: PoliticalStatus | null | undefined;
    if (has.has('politicalStatus')) {
      const s = parsePoliticalStatus(r.politicalStatus);
      if (s === false)
        problem('politicalStatus', 'politicalStatusUnknown', { value: r.politicalStatus });
      else politicalStatus = s;
    }

    let congressDelegate: 0 | 1 | undefined;
    if (has.has('congressDelegate')) {
      const d = parseYesNo(r.congressDelegate);
      if (d === null)
        problem('congressDelegate', 'congressDelegateInvalid', { value: r.congressDelegate });
      else congressDelegate = d;
    }

    let roles: ContentRole[] | undefined;
    if (has.has('roles')) {
      const parsed = parseRoles(r.roles);
      for (const value of parsed.admin) problem('roles', 'roleAdminNotImportable', { value });
      for (const value of parsed.unknown) problem('roles', 'roleUnknown', { value });
      roles = parsed.roles;
    }

    if (rowProblems.length) {
      problems.push(...rowProblems);
      continue;
    }
    people.push({
      row: r.row,
      staffNo,
      name,
      departmentPath,
      position,
      phone,
      politicalStatus,
      congressDelegate,
      roles,
    });
  }
  return { people, problems };
}

/** Full-width letters and digits become ASCII (工号 typed with a Chinese input method). */
export function normaliseStaffNo(text: string): string {
  return text.normalize('NFKC').trim();
}

/**
 * `内科/心内科` → ['内科', '心内科']. Separators: / ／ \ (and the full-width ＼); segments
 * trimmed; none empty; at most 5 levels of at most 50 characters. Null when it does not parse.
 */
export function parseDepartmentPath(text: string): string[] | null {
  const segments = text.split(/[/／\\＼]/).map((s) => s.trim());
  if (segments.length > LIMITS.departmentLevels) return null;
  for (const s of segments) {
    if (!s || length(s) > LIMITS.departmentName) return null;
    if (/[\u0000-\u001f\u007f]/.test(s)) return null;
  }
  return segments;
}

/**
 * A mainland mobile number: 11 digits starting with 1, after removing spaces, dashes and a
 * +86 prefix. '' → null (no number); false when it is not one.
 */
export function normalisePhone(text: string): string | null | false {
  let digits = text.normalize('NFKC').replace(/[\s\-()（）]/g, '');
  if (!digits) return null;
  digits = digits.replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1\d{10}$/.test(digits) ? digits : false;
}

const POLITICAL_CODES = new Set<string>(Object.values(POLITICAL_STATUS_BY_CHINESE));

export function parsePoliticalStatus(text: string): PoliticalStatus | null | false {
  const t = text.replace(/\s+/g, '');
  if (!t) return null;
  const mapped = POLITICAL_STATUS_BY_CHINESE[t];
  if (mapped) return mapped;
  if (POLITICAL_CODES.has(t)) return t as PoliticalStatus;
  return false;
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '✔']);
const NO = new Set(['否', '', 'n', 'no', 'false', '0', '×', '✗', '✘']);

/** 是 / 否 (and the usual spreadsheet spellings); null when it is neither. */
export function parseYesNo(text: string): 0 | 1 | null {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return 1;
  if (NO.has(t)) return 0;
  return null;
}

const ADMIN_ROLE_NAMES = new Set<string>([
  '系统管理员',
  '安全管理员',
  '审计管理员',
  ...ADMIN_ROLES,
]);
const CONTENT_ROLE_CODES = new Set<string>(CONTENT_ROLES);

/**
 * The 角色 cell: names separated by 、 , ， ; ； or spaces, mapped by ROLE_BY_CHINESE (code names
 * are accepted too). Everyone is staff; administrator roles are never imported.
 */
export function parseRoles(text: string): {
  roles: ContentRole[];
  unknown: string[];
  admin: string[];
} {
  const roles = new Set<ContentRole>(['staff']);
  const unknown: string[] = [];
  const admin: string[] = [];
  for (const name of text.split(/[、,，;；\s]+/).filter(Boolean)) {
    const mapped = ROLE_BY_CHINESE[name];
    if (mapped) roles.add(mapped);
    else if (CONTENT_ROLE_CODES.has(name)) roles.add(name as ContentRole);
    else if (ADMIN_ROLE_NAMES.has(name)) admin.push(name);
    else unknown.push(name);
  }
  return { roles: CONTENT_ROLES.filter((r) => roles.has(r)), unknown, admin };
}
