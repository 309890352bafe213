import type { Role } from '@lianxin/common';
import type { TestUnit } from '../fixtures.js';

/**
 * One row of the authorization matrix: a route, who may call it, and what an allowed caller
 * may get back. Each service lists its routes in its own file beside this one.
 */
export type Who = Role[] | 'public' | 'signed-in';

export interface Case {
  route: string;
  method: string;
  url: string;
  who: Who;
  /** Statuses an allowed caller may get (a domain error is still "allowed through"). */
  ok?: number[];
  /** For department heads and others whose scope excludes the record: 404, not 200. */
  outOfScope?: Role[];
  body?: (ctx: Ctx) => unknown;
  multipart?: boolean;
  /** A record of another unit: 403 or 404 for everyone, never 200. */
  foreignOk?: boolean;
}

export interface Ctx {
  unit: TestUnit;
  second: TestUnit;
  seq: number;
}

export const ALL_SIGNED_IN = 'signed-in' as const;
