import type { Generated } from 'kysely';

/** Table types of the notices module (migration 20261127_0010_notices). */
export interface NoticeTable {
  id: Generated<number>;
  unit_id: number;
  type: string;
  title: string;
  body: string;
  status: Generated<string>;
  sensitive: number;
  anonymous_objections: number;
  period_days: number;
  whole_unit: number;
  starts_on: string | null;
  ends_on: string | null;
  publish_at: string | null;
  version: Generated<number>;
  created_by: number | null;
  submitted_by: number | null;
  reviewed_by: number | null;
  review_comment: string | null;
  result: string | null;
  result_note: string | null;
  published_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface NoticeDepartmentTable {
  notice_id: number;
  department_id: number;
}

export interface NoticeItemTable {
  id: Generated<number>;
  notice_id: number;
  unit_id: number;
  seq: number;
  name: string;
  detail: string;
  status: Generated<string>;
  note: string | null;
}

export interface NoticeAttachmentTable {
  notice_id: number;
  attachment_id: string;
  seq: number;
}

export interface NoticeVersionTable {
  id: Generated<number>;
  notice_id: number;
  unit_id: number;
  version: number;
  type: string;
  title: string;
  body: string;
  period_starts_on: string;
  period_ends_on: string;
  reason: string | null;
  published_at: string;
  published_by: number | null;
  canonical: string;
  fingerprint: string;
}

export interface NoticeVersionItemTable {
  version_id: number;
  item_id: number;
  seq: number;
  name: string;
  detail: string;
  status: string;
  note: string | null;
}

export interface NoticeVersionAttachmentTable {
  version_id: number;
  attachment_id: string;
  seq: number;
  name: string;
  sha256: string;
  size: number;
}

export interface NoticeReadTable {
  notice_id: number;
  account_id: number;
  department_id: number | null;
  read_at: string;
}

export interface NoticeObjectionTable {
  id: string;
  unit_id: number;
  notice_id: number;
  item_id: number;
  reasons: string;
  anonymous: number;
  objector_account_id: number | null;
  receipt_hash: string | null;
  submitted_on: string;
  created_at: string | null;
  registered: Generated<number>;
  status: Generated<string>;
  finding: string | null;
  explanation: string | null;
  item_action: string | null;
  due_on: string | null;
  found_on: string | null;
  found_by: number | null;
}

export interface NoticeObjectionIdempotencyTable {
  unit_id: number;
  key_hash: string;
  objection_id: string;
}

export interface NoticesTables {
  notices: NoticeTable;
  notice_departments: NoticeDepartmentTable;
  notice_items: NoticeItemTable;
  notice_attachments: NoticeAttachmentTable;
  notice_versions: NoticeVersionTable;
  notice_version_items: NoticeVersionItemTable;
  notice_version_attachments: NoticeVersionAttachmentTable;
  notice_reads: NoticeReadTable;
  notice_objections: NoticeObjectionTable;
  notice_objection_idempotency: NoticeObjectionIdempotencyTable;
}
