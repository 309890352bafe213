import type { Generated } from 'kysely';
import type { NoticesTables } from './schema-notices.js';
import type { SurveysTables } from './schema-surveys.js';
import type { ConsultationsTables } from './schema-consultations.js';

/**
 * Table types for Kysely. Timestamps are ISO-8601 strings in UTC on both databases
 * (PostgreSQL stores timestamptz; the driver hands back ISO strings). Flags are 0/1.
 */
export interface UnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  settings: string;
  created_at: string;
}

export interface DepartmentTable {
  id: Generated<number>;
  unit_id: number;
  parent_id: number | null;
  name: string;
  path: string;
  sort: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: Generated<number>;
  unit_id: number;
  staff_no: string;
  name: string;
  department_id: number;
  position: string | null;
  phone: string | null;
  political_status: string | null;
  congress_delegate: number;
  active: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface AccountTable {
  id: Generated<number>;
  unit_id: number;
  person_id: number | null;
  username: string;
  display_name: string;
  password_hash: string | null;
  must_change_password: number;
  password_changed_at: string | null;
  is_demo: number;
  active: number;
  failed_attempts: number;
  failure_window_start: string | null;
  failure_window_count: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface PasswordHistoryTable {
  id: Generated<number>;
  account_id: number;
  password_hash: string;
  created_at: string;
}

export interface RoleAssignmentTable {
  id: Generated<number>;
  unit_id: number;
  account_id: number;
  role: string;
  created_at: string;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  account_id: number;
  unit_id: number;
  device: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
}

export interface SetupTokenTable {
  id: Generated<number>;
  token_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  unit_id: number;
  seq: number;
  at: string;
  actor_account_id: number | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  unit_id: number;
  seq: number;
  hash: string;
}

export interface RosterImportTable {
  id: Generated<number>;
  unit_id: number;
  /** null: started by the system (command line). */
  account_id: number | null;
  file_name: string;
  dry_run: number;
  deactivate_missing: number;
  status: string;
  total_rows: number;
  processed_rows: number;
  created_count: number;
  updated_count: number;
  deactivated_count: number;
  departments_created: number;
  problems: string;
  error_code: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface PoolEntryTable {
  id: Generated<number>;
  unit_id: number;
  source_kind: string;
  source_id: string;
  title: string;
  category: string | null;
  department_id: number | null;
  people_affected: number;
  me_too_count: number;
  repeat_count: number;
  urgency: number;
  feasibility: number;
  status: string;
  score: number;
  opened_on: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface NotificationEventTable {
  id: Generated<number>;
  unit_id: number;
  type: string;
  subject_type: string | null;
  subject_id: string | null;
  /** JSON array of account ids. */
  recipients: string;
  /** JSON object. */
  data: string;
  state: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  expanded_at: string | null;
}

export interface NotificationTable {
  id: Generated<number>;
  unit_id: number;
  account_id: number;
  event_id: number;
  created_at: string;
  read_at: string | null;
}

export interface NotificationDeliveryTable {
  id: Generated<number>;
  unit_id: number;
  event_id: number;
  channel: string;
  account_id: number;
  webhook_id: number;
  state: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface NotificationPreferenceTable {
  account_id: number;
  unit_id: number;
  email: string | null;
  email_mode: string;
  email_kinds: string;
  updated_at: string;
}

export interface NotificationSmtpTable {
  unit_id: number;
  host: string;
  port: number;
  secure: number;
  username: string | null;
  password: string | null;
  from_address: string;
  enabled: number;
  updated_at: string;
}

export interface NotificationWebhookTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  provider: string;
  url: string;
  secret: string | null;
  event_types: string;
  active: number;
  created_at: string;
  updated_at: string;
}

/** Calendar (issue 3): seeded years and the days that differ from Monday–Friday work. */
export interface CalendarYearTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  statutory: number;
  seeded_at: string;
}

export interface CalendarDayTable {
  id: Generated<number>;
  unit_id: number;
  date: string;
  statutory_kind: 'holiday' | 'workday' | null;
  statutory_name: string | null;
  override_kind: 'holiday' | 'workday' | null;
  override_reason: string | null;
  updated_at: string;
}

/** Deadlines (issue 3): a time limit in working days, its extension, reminder and escalation. */
export interface DeadlineTable {
  id: Generated<number>;
  unit_id: number;
  subject_type: string;
  subject_id: string;
  step: Generated<string>;
  title: string;
  department_id: number;
  leader_account_id: number | null;
  start_date: string;
  working_days: number;
  original_due_date: string;
  due_date: string;
  status: Generated<'open' | 'done' | 'cancelled'>;
  closed_at: string | null;
  extension_max_days: number;
  extension_status: 'requested' | 'approved' | 'refused' | null;
  extension_days: number | null;
  extension_reason: string | null;
  extension_requested_by: number | null;
  extension_requested_at: string | null;
  extension_decided_by: number | null;
  extension_decided_at: string | null;
  extension_note: string | null;
  reminder_sent_on: string | null;
  escalated_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeadlineJobRunTable {
  unit_id: number;
  last_run_on: string;
  updated_at: string;
}

export interface SearchDocumentTable {
  id: Generated<number>;
  unit_id: number;
  record_kind: string;
  record_id: string;
  title: string;
  body: string;
  link: string | null;
  /** JSON of the Visibility (core/search/policy.ts). */
  visibility: string;
  title_tokens: string;
  body_tokens: string;
  /** The visibility as unit-scoped keys (`u1_unit u1_role_office u1_dept_12`), indexed. */
  grant_tokens: string;
  updated_at: string;
}

export interface FileTable {
  id: Generated<number>;
  unit_id: number;
  sha256: string;
  size: number;
  mime: string;
  /** The day only (midnight, Asia/Shanghai). */
  created_at: string;
}

export interface AttachmentTable {
  /** Random, 22 characters: the capability to attach an anonymous upload. */
  id: string;
  unit_id: number;
  file_id: number;
  record_kind: string | null;
  record_id: string | null;
  name: string;
  /** null: an anonymous upload. */
  uploaded_by: number | null;
  created_at: string;
}

export interface OpinionUnitKeyTable {
  unit_id: number;
  salt: string;
  secret: string;
}

export interface OpinionTable {
  id: string;
  unit_id: number;
  kind: string;
  category: string | null;
  title: string;
  content: string;
  target_department_id: number | null;
  anonymous: number;
  submitter_account_id: number | null;
  receipt_hash: string | null;
  consent_publish: Generated<number>;
  status: Generated<string>;
  lead_department_id: number | null;
  not_accepted_reason: string | null;
  suggested_channel: string | null;
  redo_used: Generated<number>;
  bounce_count: Generated<number>;
  satisfaction: string | null;
  solved: string | null;
  rating_comment: string | null;
  close_reason: string | null;
  merged_into_id: string | null;
  published: Generated<number>;
  public_title: string | null;
  public_content: string | null;
  public_reply: string | null;
  me_too_count: Generated<number>;
  submitted_on: string;
  created_at: string | null;
  updated_at: string | null;
  accepted_on: string | null;
  replied_on: string | null;
  closed_on: string | null;
}

export interface OpinionDepartmentTable {
  id: Generated<number>;
  opinion_id: string;
  unit_id: number;
  department_id: number;
  role: string;
  status: string;
  dispatched_on: string;
  signed_on: string | null;
  bounce_reason: string | null;
}

export interface OpinionEventTable {
  id: Generated<number>;
  opinion_id: string;
  unit_id: number;
  type: string;
  author: string;
  author_account_id: number | null;
  department_id: number | null;
  body: string | null;
  visible_to_submitter: Generated<number>;
  on: string;
  at: string | null;
}

export interface OpinionMeTooTable {
  opinion_id: string;
  account_id: number;
  unit_id: number;
}

export interface OpinionIdempotencyTable {
  unit_id: number;
  key_hash: string;
  opinion_id: string;
}

export interface OpinionDigestRunTable {
  unit_id: number;
  last_run_on: string;
}

/** Every table: the core's here, each module's in its own schema-<module>.ts. */
export interface DB extends NoticesTables, SurveysTables, ConsultationsTables {
  units: UnitTable;
  departments: DepartmentTable;
  people: PersonTable;
  accounts: AccountTable;
  password_history: PasswordHistoryTable;
  role_assignments: RoleAssignmentTable;
  sessions: SessionTable;
  setup_tokens: SetupTokenTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadTable;
  roster_imports: RosterImportTable;
  search_documents: SearchDocumentTable;
  pool_entries: PoolEntryTable;
  notification_events: NotificationEventTable;
  notifications: NotificationTable;
  notification_deliveries: NotificationDeliveryTable;
  notification_preferences: NotificationPreferenceTable;
  notification_smtp: NotificationSmtpTable;
  notification_webhooks: NotificationWebhookTable;
  calendar_years: CalendarYearTable;
  calendar_days: CalendarDayTable;
  deadlines: DeadlineTable;
  deadline_job_runs: DeadlineJobRunTable;
  files: FileTable;
  attachments: AttachmentTable;
  opinion_unit_keys: OpinionUnitKeyTable;
  opinions: OpinionTable;
  opinion_departments: OpinionDepartmentTable;
  opinion_events: OpinionEventTable;
  opinion_me_too: OpinionMeTooTable;
  opinion_idempotency: OpinionIdempotencyTable;
  opinion_digest_runs: OpinionDigestRunTable;
}
