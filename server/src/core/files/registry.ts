import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../actor.js';

/**
 * Who may see the files attached to a record is decided by the record's own module: each
 * mechanism registers, for its record kind, the question "may this actor see this record?".
 * The files service answers no for a kind nobody registered (deny by default).
 */
export type AttachmentPolicy = (
  actor: Actor,
  recordId: string,
  db: Kysely<DB>,
) => Promise<boolean> | boolean;

const policies = new Map<string, AttachmentPolicy>();

export function registerAttachmentPolicy(recordKind: string, policy: AttachmentPolicy): void {
  if (!/^[a-z][a-z0-9_.-]{0,39}$/.test(recordKind)) {
    throw new Error(`invalid attachment record kind: ${recordKind}`);
  }
  policies.set(recordKind, policy);
}

export function hasAttachmentPolicy(recordKind: string): boolean {
  return policies.has(recordKind);
}

export async function mayReadRecord(
  actor: Actor,
  recordKind: string,
  recordId: string,
  db: Kysely<DB>,
): Promise<boolean> {
  const policy = policies.get(recordKind);
  if (!policy) return false;
  return (await policy(actor, recordId, db)) === true;
}

/** Tests only: forget a registration. */
export function unregisterAttachmentPolicy(recordKind: string): void {
  policies.delete(recordKind);
}
