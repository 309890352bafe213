import crypto from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';

/** Receipt codes of anonymous opinions (docs/opinions-design.md, Anonymity). */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random 22-character base62 id (no creation order). */
export function newOpinionId(): string {
  let out = '';
  while (out.length < 22) {
    for (const b of crypto.randomBytes(32)) {
      // 248 = 4 × 62: rejection keeps every character equally likely.
      if (b < 248 && out.length < 22) out += BASE62[b % 62];
    }
  }
  return out;
}

/** 16 random digits. */
export function randomReceipt(): string {
  const n = crypto.randomBytes(8).readBigUInt64BE() % 10n ** 16n;
  return n.toString().padStart(16, '0');
}

/** 16 digits derived from the unit secret and the Idempotency-Key, so a replay can show it again. */
export function derivedReceipt(secretHex: string, idempotencyKey: string): string {
  const mac = crypto
    .createHmac('sha256', Buffer.from(secretHex, 'hex'))
    .update(idempotencyKey)
    .digest();
  return (mac.readBigUInt64BE() % 10n ** 16n).toString().padStart(16, '0');
}

/** `1234 5678 9012 3456`. */
export function formatReceipt(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** The 16 digits of a typed code (spaces and dashes ignored), or null when malformed. */
export function normalizeReceipt(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{16}$/.test(digits) ? digits : null;
}

/** A code that is never issued, hashed in place of a malformed one so every answer costs the same. */
export const DUMMY_RECEIPT = 'not-a-receipt-00';

/** argon2id(receipt, unitSalt), cheap parameters (the 10^16 space is the protection), hex. */
export async function receiptHash(receipt: string, saltHex: string): Promise<string> {
  const raw = await hashRaw(receipt, {
    algorithm: 2, // Argon2id
    memoryCost: 4096,
    timeCost: 1,
    parallelism: 1,
    outputLen: 32,
    salt: Buffer.from(saltHex, 'hex'),
  });
  return raw.toString('hex');
}

/** sha256(unitId + ':' + key), hex. */
export function idempotencyKeyHash(unitId: number, key: string): string {
  return crypto.createHash('sha256').update(`${unitId}:${key}`).digest('hex');
}
