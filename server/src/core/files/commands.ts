import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database, Tx } from '../../db/database.js';
import { systemActor, type Actor } from '../actor.js';
import { runCommand, type CommandContext } from '../command.js';
import { AppError } from '../errors.js';
import type { FilesConfig } from './config.js';
import { extensionOf, sanitizeName } from './names.js';
import * as repo from './repository.js';
import { hasAttachmentPolicy } from './registry.js';
import { detectType } from './sniff.js';
import { blobPath, removeBlob, writeBlob } from './store.js';
import { stripImageMetadata } from './strip.js';

export interface Upload {
  /** The name the client sent (sanitised here). */
  name: string;
  bytes: Buffer;
  /** Store no account and only the day: for anonymous submissions. */
  anonymous: boolean;
}

/**
 * Check an upload by its content, strip image metadata, store the bytes under their SHA-256
 * (deduplicated) and record the upload, unattached. Nothing is recorded for a refused file;
 * bytes written for an upload whose row then fails are removed again.
 */
export async function uploadAttachment(
  ctx: CommandContext,
  config: FilesConfig,
  upload: Upload,
): Promise<repo.AttachmentRow> {
  if (upload.bytes.length === 0) throw new AppError('FILE_EMPTY');
  if (upload.bytes.length > config.maxBytes) {
    throw new AppError('FILE_TOO_LARGE', { maxBytes: config.maxBytes }, 413);
  }
  const { mime, extension } = await detectType(upload.bytes, upload.name, config.maxUnzippedBytes);
  const bytes = stripImageMetadata(mime, upload.bytes);
  if (!bytes) throw new AppError('FILE_DAMAGED', undefined, 415);

  let name = sanitizeName(upload.name, 'file');
  if (!extensionOf(name)) name = `${name}.${extension}`;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const day = shanghaiMidnight(new Date());
  const id = randomBytes(16).toString('base64url').slice(0, 22);
  const { database, actor } = ctx;

  const created = await writeBlob(config.root, sha256, bytes, day);
  try {
    await runCommand(ctx, async (tx, audit) => {
      const fileId = await repo.ensureFile(tx, {
        unitId: actor.unitId,
        sha256,
        size: bytes.length,
        mime,
        createdAt: day.toISOString(),
      });
      await repo.insertAttachment(tx, {
        id,
        unitId: actor.unitId,
        fileId,
        name,
        uploadedBy: upload.anonymous ? null : actor.accountId,
        createdAt: upload.anonymous ? day.toISOString() : new Date().toISOString(),
      });
      // An anonymous upload leaves no audit entry: the entry's actor and exact time would
      // undo the anonymity. The mechanism's command that attaches it writes its own.
      if (!upload.anonymous) {
        await audit(
          'file.upload',
          { type: 'attachment', id },
          { name, size: bytes.length, mime, sha256 },
        );
      }
    });
  } catch (err) {
    if (created && !(await repo.fileExistsAnywhere(database.db, sha256))) {
      await removeBlob(config.root, sha256);
    }
    throw err;
  }
  // A sweep may have removed these bytes as unused while this upload was being recorded.
  if (!fs.existsSync(blobPath(config.root, sha256))) {
    await writeBlob(config.root, sha256, bytes, day);
  }
  const row = await repo.getAttachment(database.db, actor.unitId, id);
  if (!row) throw new AppError('ATTACHMENT_NOT_FOUND', undefined, 404);
  return row;
}

/**
 * Attach uploads to a record, inside the mechanism's own command (its transaction, its audit
 * entry). Each id must be an unattached upload of this unit made by the actor, or an anonymous
 * one (whose random id is the proof of having uploaded it); attaching again to the same record
 * changes nothing. With `anonymous`, only anonymous uploads are accepted, so that no upload
 * made under a name ends up on an anonymous record.
 */
export async function attachFiles(
  tx: Tx,
  actor: Actor,
  ids: readonly string[],
  recordKind: string,
  recordId: string | number,
  opts: { anonymous?: boolean } = {},
): Promise<repo.AttachmentRow[]> {
  if (!hasAttachmentPolicy(recordKind)) {
    throw new Error(`no attachment policy registered for record kind ${recordKind}`);
  }
  const record = String(recordId);
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await repo.getAttachments(tx, actor.unitId, unique);
  if (rows.length !== unique.length) throw new AppError('ATTACHMENT_NOT_FOUND', undefined, 404);
  const toLink: string[] = [];
  for (const row of rows) {
    if (row.record_kind !== null) {
      if (row.record_kind === recordKind && row.record_id === record) continue;
      throw new AppError('ATTACHMENT_NOT_ATTACHABLE', { id: row.id }, 409);
    }
    if (opts.anonymous && row.uploaded_by !== null) {
      throw new AppError('ATTACHMENT_NOT_ANONYMOUS', { id: row.id }, 409);
    }
    if (row.uploaded_by !== null && row.uploaded_by !== actor.accountId) {
      throw new AppError('ATTACHMENT_NOT_ATTACHABLE', { id: row.id }, 409);
    }
    toLink.push(row.id);
  }
  const changed = await repo.linkAttachments(tx, actor.unitId, toLink, recordKind, record);
  // Someone else attached one of them between our read and our write.
  if (changed !== toLink.length) throw new AppError('ATTACHMENT_NOT_ATTACHABLE', undefined, 409);
  return repo.getAttachments(tx, actor.unitId, unique);
}

/** Midnight of today in Asia/Shanghai (UTC+8 all year), as a Date. */
export function shanghaiMidnight(now: Date): Date {
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return new Date(`${day}T00:00:00+08:00`);
}

/**
 * Forget uploads never attached to anything after `days` days (a form abandoned half way),
 * and the file rows nothing uses any more. One transaction and one audit entry per unit.
 * Their bytes go with `sweepUnusedBlobs`. Meant for a daily job.
 */
export async function purgeUnattached(
  database: Database,
  days = 7,
  now = new Date(),
): Promise<{ attachments: number; files: number }> {
  const before = new Date(now.getTime() - days * 86_400_000).toISOString();
  const total = { attachments: 0, files: 0 };
  for (const unitId of await repo.unitIds(database.db)) {
    const done = await runCommand({ database, actor: systemActor(unitId) }, async (tx, audit) => {
      const n = await repo.deleteUnattached(tx, unitId, before);
      if (n.attachments > 0 || n.files > 0) {
        await audit('file.purge_unattached', null, { ...n, before });
      }
      return n;
    });
    total.attachments += done.attachments;
    total.files += done.files;
  }
  return total;
}

/**
 * Remove stored bytes no file row refers to: left by a purge, or by a crash between writing
 * the bytes and recording the upload. Only bytes dated before yesterday are considered, so an
 * upload in flight (its bytes written, its row not yet) is never touched; an upload that
 * reuses bytes re-dates them and checks they are still there after recording itself.
 */
export async function sweepUnusedBlobs(
  database: Database,
  config: FilesConfig,
  now = new Date(),
): Promise<number> {
  const cutoff = shanghaiMidnight(now).getTime() - 86_400_000;
  let removed = 0;
  if (!fs.existsSync(config.root)) return 0;
  for (const entry of fs.readdirSync(config.root, { recursive: true }) as string[]) {
    const name = path.basename(entry);
    const temporary = /^[0-9a-f]{64}\.[0-9a-f]+\.tmp$/.test(name); // a write cut short
    if (!temporary && !/^[0-9a-f]{64}$/.test(name)) continue;
    const full = path.join(config.root, entry);
    const stat = await fs.promises.stat(full).catch(() => null);
    if (!stat?.isFile()) continue;
    if (temporary) {
      // Temporary files keep their real time until renamed: an hour is long past any write.
      if (stat.mtime.getTime() < now.getTime() - 3_600_000) {
        await fs.promises.rm(full, { force: true });
        removed++;
      }
      continue;
    }
    if (stat.mtime.getTime() >= cutoff) continue;
    if (await repo.fileExistsAnywhere(database.db, name)) continue;
    await removeBlob(config.root, name);
    removed++;
  }
  return removed;
}
