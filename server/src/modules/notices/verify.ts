import { type Queryable } from '../../db/database.js';
import { fingerprintOf } from './fingerprint.js';
import * as repo from './repository.js';

/** Fingerprint verification from the stored rows (docs/notices-design.md, "Verification"). */

/**
 * Recompute each version's fingerprint from its stored rows and compare it with the stored
 * one, and the stored one with the fingerprint written in the (hash-chained) audit log when the
 * version was published: a row changed in the database, or a fingerprint rewritten to match it,
 * is reported.
 */
export async function verifyVersions(db: Queryable, noticeId: number) {
  const versions = await repo.listVersions(db, noticeId);
  const audited = versions.length
    ? await repo.auditedFingerprints(db, versions[0]!.unit_id, noticeId)
    : new Map<number, string>();
  const out = [];
  for (const v of versions) out.push(await verifyVersion(db, v, audited));
  return { ok: out.every((v) => v.ok), versions: out };
}

export async function verifyVersion(
  db: Queryable,
  v: repo.VersionRow,
  audited: Map<number, string>,
) {
  const [items, attachments] = await Promise.all([
    repo.versionItems(db, v.id),
    repo.versionAttachments(db, v.id),
  ]);
  const { fingerprint } = fingerprintOf({
    noticeId: v.notice_id,
    version: v.version,
    type: v.type,
    title: v.title,
    body: v.body,
    periodStartsOn: v.period_starts_on,
    periodEndsOn: v.period_ends_on,
    reason: v.reason,
    items: items.map((i) => ({
      id: i.item_id,
      seq: i.seq,
      name: i.name,
      detail: i.detail,
      status: i.status,
      note: i.note,
    })),
    attachments: attachments.map((a) => ({ seq: a.seq, name: a.name, sha256: a.sha256 })),
  });
  const logged = audited.get(v.version) ?? null;
  return {
    version: v.version,
    stored: v.fingerprint,
    recomputed: fingerprint,
    audited: logged,
    ok: fingerprint === v.fingerprint && (logged === null || logged === v.fingerprint),
  };
}

/** Every published version of every unit (the command line): the ones that fail. */
export async function verifyAllVersions(db: Queryable) {
  let after = 0;
  let checked = 0;
  const failures: Array<{
    unitId: number;
    noticeId: number;
    version: number;
    stored: string;
    recomputed: string;
    audited: string | null;
  }> = [];
  const auditCache = new Map<number, Map<number, string>>();
  for (;;) {
    const page = await repo.versionPage(db, after, 200);
    if (!page.length) break;
    for (const v of page) {
      after = v.id;
      checked++;
      let audited = auditCache.get(v.notice_id);
      if (!audited) {
        audited = await repo.auditedFingerprints(db, v.unit_id, v.notice_id);
        auditCache.set(v.notice_id, audited);
      }
      const r = await verifyVersion(db, v, audited);
      if (!r.ok)
        failures.push({
          unitId: v.unit_id,
          noticeId: v.notice_id,
          version: v.version,
          stored: r.stored,
          recomputed: r.recomputed,
          audited: r.audited,
        });
    }
  }
  return { checked, failures };
}
