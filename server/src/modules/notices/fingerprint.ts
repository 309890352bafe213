import crypto from 'node:crypto';

/**
 * The canonical serialisation of a published notice version and its SHA-256 fingerprint
 * (docs/notices-design.md, "Fingerprint"). Anyone with the version's content can recompute it:
 *
 *   canonical = JSON text of the object below, keys sorted by code point at every level, no
 *               white space, strings escaped as JSON.stringify does, integers in decimal,
 *               items sorted by `seq` then `id`, attachments by `seq`;
 *   fingerprint = lower-case hex SHA-256 of the UTF-8 bytes of `canonical`.
 */

export const CANONICAL_FORMAT = 'lianxin-notice/1';

export interface CanonicalItem {
  id: number;
  seq: number;
  name: string;
  detail: string;
  status: string;
  note: string | null;
}

export interface CanonicalAttachment {
  seq: number;
  name: string;
  sha256: string;
}

export interface CanonicalVersion {
  noticeId: number;
  version: number;
  type: string;
  title: string;
  body: string;
  periodStartsOn: string;
  periodEndsOn: string;
  reason: string | null;
  items: CanonicalItem[];
  attachments: CanonicalAttachment[];
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** JSON with keys sorted at every level and no white space. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isSafeInteger(value))
      throw new Error('canonical JSON holds integers only');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
}

/** The canonical text of a version. */
export function canonicalText(v: CanonicalVersion): string {
  const items = [...v.items]
    .sort((a, b) => a.seq - b.seq || a.id - b.id)
    .map((i) => ({
      detail: i.detail,
      id: i.id,
      name: i.name,
      note: i.note,
      seq: i.seq,
      status: i.status,
    }));
  const attachments = [...v.attachments]
    .sort((a, b) => a.seq - b.seq)
    .map((a) => ({ name: a.name, seq: a.seq, sha256: a.sha256.toLowerCase() }));
  return canonicalJson({
    attachments,
    body: v.body,
    format: CANONICAL_FORMAT,
    items,
    noticeId: v.noticeId,
    periodEndsOn: v.periodEndsOn,
    periodStartsOn: v.periodStartsOn,
    reason: v.reason,
    title: v.title,
    type: v.type,
    version: v.version,
  });
}

export function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
}

export function fingerprintOf(v: CanonicalVersion): { canonical: string; fingerprint: string } {
  const canonical = canonicalText(v);
  return { canonical, fingerprint: sha256Hex(canonical) };
}
