import { isAdminRole, ROLES, type Role } from '@lianxin/common';
import type { Actor } from '../actor.js';

/**
 * Who may see an indexed document. A document lists the readers it is meant for; a reader sees
 * it when any clause names them. Nothing listed: nobody (deny by default).
 * - `unit`: every member of the unit, i.e. every account holding a content role. The three
 *   administrators (三员) read no content, so `unit` does not include them.
 * - `roles`: holders of any of these roles.
 * - `departments`: members of these departments or of any department below them.
 * - `accounts`: these accounts (the author of an anonymous opinion, say).
 */
export interface Visibility {
  unit?: boolean;
  roles?: Role[];
  departments?: number[];
  accounts?: number[];
}

/** A reader as visibility needs them: their department comes with every department above it. */
export interface Reader {
  accountId: number;
  roles: readonly Role[];
  /** The reader's own department and its ancestors; empty for administrators. */
  departmentIds: readonly number[];
}

export const searchPolicy = {
  /** Everyone signed in may search; what they find is filtered by `canSee`. */
  search: (a: Actor) => !!a,
};

const isMember = (r: Reader) => r.roles.some((role) => !isAdminRole(role));

/** The pure rule: may this reader see a document with this visibility? */
export function canSee(reader: Reader, v: Visibility): boolean {
  if (v.unit === true && isMember(reader)) return true;
  if (v.roles?.some((role) => reader.roles.includes(role))) return true;
  if (v.departments?.some((d) => reader.departmentIds.includes(d))) return true;
  if (v.accounts?.includes(reader.accountId)) return true;
  return false;
}

/*
 * The same rule as keys, for the database: a document stores one key per clause it grants,
 * a reader holds one key per clause that could name them, and a document is visible exactly
 * when the two sets meet. `canSee(r, v) === intersects(readerKeys(r), grantKeys(v))` (tested).
 * Keys are [a-z0-9_] only; the repository scopes them to the unit (`u1_role_office`).
 */

export function grantKeys(v: Visibility): string[] {
  const keys = new Set<string>();
  if (v.unit === true) keys.add('unit');
  for (const role of v.roles ?? []) keys.add(`role_${role}`);
  for (const d of v.departments ?? []) keys.add(`dept_${d}`);
  for (const a of v.accounts ?? []) keys.add(`account_${a}`);
  return [...keys];
}

export function readerKeys(r: Reader): string[] {
  const keys = new Set<string>();
  if (isMember(r)) keys.add('unit');
  for (const role of r.roles) keys.add(`role_${role}`);
  for (const d of r.departmentIds) keys.add(`dept_${d}`);
  keys.add(`account_${r.accountId}`);
  return [...keys];
}

/** Read a stored visibility back, keeping only well-formed clauses. */
export function parseVisibility(json: string): Visibility {
  try {
    const raw = JSON.parse(json) as Record<string, unknown>;
    const ints = (x: unknown) =>
      Array.isArray(x) ? x.filter((n): n is number => Number.isInteger(n)) : undefined;
    return {
      unit: raw.unit === true,
      roles: Array.isArray(raw.roles)
        ? raw.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r as string))
        : undefined,
      departments: ints(raw.departments),
      accounts: ints(raw.accounts),
    };
  } catch {
    return {};
  }
}
