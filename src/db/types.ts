// Row types for Kysely. Timestamps are ISO 8601 text; booleans are 0/1 integers; JSON
// columns are text, parsed in the repos.
export interface OrganizationsTable {
  id: string;
  name: string;
  settings: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  disabled: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface AuditLogTable {
  org_id: string;
  seq: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: string;
  action: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

/** Columns every resourcing-model table has; kind-specific filter columns come on top. */
export interface ModelRowBase {
  id: string;
  org_id: string;
  key: string;
  name: string;
  retired: number;
  version: number;
  data: string;
  created_at: string;
  updated_at: string;
}

export interface ScopeVersionsTable {
  id: string;
  org_id: string;
  version_no: number;
  data: string;
  created_at: string;
  approved_at: string | null;
}

export interface AnalysisRunsTable {
  id: string;
  org_id: string;
  at: string;
  actor: string;
  period: string;
  as_of: string;
  summary: string;
  result: string;
}

export interface GapsTable {
  id: string;
  org_id: string;
  identity: string;
  source: string;
  rule: string;
  severity: string;
  subject_kind: string;
  subject_key: string;
  subject_name: string;
  explanation: string;
  suggested_remediation: string;
  status: string;
  owner: string | null;
  remediation_action: string;
  target_date: string | null;
  closing_evidence: string;
  first_detected_at: string | null;
  last_detected_at: string | null;
  last_run_id: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  times_reopened: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface GapEventsTable {
  id: string;
  org_id: string;
  gap_id: string;
  at: string;
  kind: string;
  actor: string;
  data: string;
}

type Filters<K extends string> = { [P in K]: string | null };

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  competences: ModelRowBase & Filters<'category'>;
  activities: ModelRowBase & Filters<'trigger_kind' | 'coverage'>;
  ai_systems: ModelRowBase & Filters<'risk_tier' | 'lifecycle_stage' | 'owner' | 'business_unit' | 'in_scope'>;
  people: ModelRowBase & Filters<'team' | 'employment_type' | 'email'>;
  assignments: ModelRowBase & Filters<'activity' | 'person' | 'raci'>;
  tools: ModelRowBase & Filters<'category' | 'owner'>;
  budget_lines: ModelRowBase & Filters<'category' | 'currency' | 'approved'>;
  third_parties: ModelRowBase & Filters<'kind' | 'criticality' | 'owner'>;
  scope_versions: ScopeVersionsTable;
  analysis_runs: AnalysisRunsTable;
  gaps: GapsTable;
  gap_events: GapEventsTable;
}
