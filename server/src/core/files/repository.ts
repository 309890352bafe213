import type { Queryable } from '../../db/database.js';

/** The only code of the files service that touches the query builder. */

export interface AttachmentRow {
  id: string;
  unit_id: number;
  file_id: number;
  record_kind: string | null;
  record_id: string | null;
  name: string;
  uploaded_by: number | null;
  created_at: string;
  sha256: string;
  size: number;
  mime: string;
}

const columns = [
  'attachments.id',
  'attachments.unit_id',
  'attachments.file_id',
  'attachments.record_kind',
  'attachments.record_id',
  'attachments.name',
  'attachments.uploaded_by',
  'attachments.created_at',
  'files.sha256',
  'files.size',
  'files.mime',
] as const;

/** The file row of this content in this unit, created if new. */
export async function ensureFile(
  db: Queryable,
  f: { unitId: number; sha256: string; size: number; mime: string; createdAt: string },
): Promise<number> {
  await db
    .insertInto('files')
    .values({
      unit_id: f.unitId,
      sha256: f.sha256,
      size: f.size,
      mime: f.mime,
      created_at: f.createdAt,
    })
    .onConflict((oc) => oc.columns(['unit_id', 'sha256']).doNothing())
    .execute();
  const row = await db
    .selectFrom('files')
    .select('id')
    .where('unit_id', '=', f.unitId)
    .where('sha256', '=', f.sha256)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertAttachment(
  db: Queryable,
  a: {
    id: string;
    unitId: number;
    fileId: number;
    name: string;
    uploadedBy: number | null;
    createdAt: string;
  },
): Promise<void> {
  await db
    .insertInto('attachments')
    .values({
      id: a.id,
      unit_id: a.unitId,
      file_id: a.fileId,
      record_kind: null,
      record_id: null,
      name: a.name,
      uploaded_by: a.uploadedBy,
      created_at: a.createdAt,
    })
    .execute();
}

export async function getAttachment(
  db: Queryable,
  unitId: number,
  id: string,
): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom('attachments')
    .innerJoin('files', 'files.id', 'attachments.file_id')
    .select(columns)
    .where('attachments.unit_id', '=', unitId)
    .where('attachments.id', '=', id)
    .executeTakeFirst();
}

export async function getAttachments(
  db: Queryable,
  unitId: number,
  ids: readonly string[],
): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('attachments')
    .innerJoin('files', 'files.id', 'attachments.file_id')
    .select(columns)
    .where('attachments.unit_id', '=', unitId)
    .where('attachments.id', 'in', ids)
    .execute();
}

export async function listRecordAttachments(
  db: Queryable,
  unitId: number,
  recordKind: string,
  recordId: string,
): Promise<AttachmentRow[]> {
  return db
    .selectFrom('attachments')
    .innerJoin('files', 'files.id', 'attachments.file_id')
    .select(columns)
    .where('attachments.unit_id', '=', unitId)
    .where('attachments.record_kind', '=', recordKind)
    .where('attachments.record_id', '=', recordId)
    .orderBy('attachments.created_at')
    .orderBy('attachments.id')
    .execute();
}

/** Link unattached uploads to a record; returns how many rows changed. */
export async function linkAttachments(
  db: Queryable,
  unitId: number,
  ids: readonly string[],
  recordKind: string,
  recordId: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await db
    .updateTable('attachments')
    .set({ record_kind: recordKind, record_id: recordId })
    .where('unit_id', '=', unitId)
    .where('id', 'in', ids)
    .where('record_kind', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Whether any unit still refers to this content (before removing its bytes). */
export async function fileExistsAnywhere(db: Queryable, sha256: string): Promise<boolean> {
  const row = await db
    .selectFrom('files')
    .select('id')
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return !!row;
}

/** Unattached uploads of a unit made before `before`; deleted, with their now unused files. */
export async function deleteUnattached(
  db: Queryable,
  unitId: number,
  before: string,
): Promise<{ attachments: number; files: number }> {
  const gone = await db
    .deleteFrom('attachments')
    .where('unit_id', '=', unitId)
    .where('record_kind', 'is', null)
    .where('created_at', '<', before)
    .executeTakeFirst();
  const unused = await db
    .deleteFrom('files')
    .where('unit_id', '=', unitId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('attachments')
            .select('attachments.id')
            .whereRef('attachments.file_id', '=', 'files.id'),
        ),
      ),
    )
    .executeTakeFirst();
  return { attachments: Number(gone.numDeletedRows), files: Number(unused.numDeletedRows) };
}

export async function unitIds(db: Queryable): Promise<number[]> {
  return (await db.selectFrom('units').select('id').orderBy('id').execute()).map((r) => r.id);
}
