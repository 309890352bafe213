import type { Generated } from 'kysely';

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

export interface DB {
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
}
