import type { Generated } from "kysely";

// Row shapes of the tables as Kysely sees them. Repositories map these snake_case rows to the camelCase
// records in store-spec.ts; no caller outside src/store should depend on these names.

/** `schema_migrations`: one row per applied migration. */
export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface ProjectsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  project_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  /** JSON array of scope strings. */
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
}

export interface RunsTable {
  id: string;
  project_id: string;
  agent: string;
  agent_version: string | null;
  status: string;
  input: string;
  output: string | null;
  state: string | null;
  schema_version: number;
  parent_run_id: string | null;
  session_id: string | null;
  trace_id: string | null;
  cost_micros: number;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface SpansTable {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  name: string;
  kind: string;
  start_time_ms: number;
  end_time_ms: number | null;
  status_code: string;
  status_message: string | null;
  attributes: string;
  events: string;
  project_id: string | null;
  agent: string | null;
  model: string | null;
  session_id: string | null;
  cost_micros: number | null;
  /** `gantry.prompt.id` of a model-call span (migration 006). */
  prompt_id: string | null;
  /** `gantry.prompt.hash` of a model-call span (migration 006). */
  prompt_hash: string | null;
  /** `deployment.environment.name` of the span or its resource (migration 006). */
  environment: string | null;
}

/** `trace_summaries`: one row per trace, maintained as its spans are inserted (migration 003). */
export interface TraceSummariesTable {
  trace_id: string;
  project_id: string | null;
  root_span_id: string;
  root_name: string;
  root_start_ms: number;
  /** 0 no parent, 1 parent not in its batch, 2 parent in its batch: lower is more root-like. */
  root_rank: number;
  agent: string | null;
  agent_start_ms: number | null;
  session_id: string | null;
  /** JSON array of distinct model names, sorted. */
  models: string;
  start_time_ms: number;
  end_time_ms: number | null;
  duration_ms: number | null;
  span_count: number;
  error_count: number;
  cost_micros: number | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  status: string;
  error_message: string | null;
  error_start_ms: number | null;
  updated_at: string;
}

export interface AuditLogTable {
  sequence: number;
  id: string;
  time: string;
  project_id: string;
  principal: string;
  action: string;
  resource: string;
  decision: string;
  reason: string | null;
  details: string;
  previous_hash: string;
  hash: string;
  /** `details.runId` when it is a string, else null: an index for replay, checked by verify (migration 005). */
  run_id: string | null;
}

/** `approvals`: one row per tool call held for a person's decision (migration 005). */
export interface ApprovalsTable {
  id: string;
  project_id: string;
  run_id: string;
  tool_call_id: string;
  tool: string;
  agent: string;
  args_digest: string;
  /** JSON of the call's arguments, as shown to the person deciding. */
  args: string;
  reason: string;
  /** pending | approved | denied */
  status: string;
  requested_at: string;
  decided_at: string | null;
  approver: string | null;
  note: string | null;
  signature: string | null;
}

export interface BudgetLedgerTable {
  id: string;
  scope_kind: string;
  scope_id: string;
  // "window" is a reserved word in Postgres; a distinct column name keeps hand-written SQL simple.
  window_key: string;
  kind: string;
  amount_micros: number;
  reservation_id: string | null;
  run_id: string | null;
  created_at: string;
}

/** `budget_counters`: running totals of one scope in one window (migration 004). */
export interface BudgetCountersTable {
  scope_kind: string;
  scope_id: string;
  window_key: string;
  limit_micros: number | null;
  reserved_micros: number;
  settled_micros: number;
  updated_at: string;
}

/** `budget_reservations`: each hold and how it ended (migration 004). */
export interface BudgetReservationsTable {
  id: string;
  run_id: string | null;
  amount_micros: number;
  actual_micros: number | null;
  /** JSON array of `{ scopeKind, scopeId, windowKey }`, in lock order. */
  counters: string;
  /** reserved | settled | released */
  status: string;
  label: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface ResponseCacheTable {
  key: string;
  model_id: string;
  /** JSON of the cached model result. */
  value: string;
  created_at: string;
  expires_at: string;
}

/** `prompt_versions`: immutable pushed versions of a prompt (migration 006). */
export interface PromptVersionsTable {
  project_id: string;
  prompt_id: string;
  version: string;
  hash: string;
  source: string;
  /** JSON of the parsed front matter. */
  front_matter: string;
  message: string | null;
  author: string | null;
  created_at: string;
}

/** `prompt_labels`: where each label of a prompt points now (migration 006). */
export interface PromptLabelsTable {
  project_id: string;
  prompt_id: string;
  label: string;
  version: string;
  hash: string;
  updated_at: string;
  updated_by: string | null;
}

/** `prompt_label_events`: every move of a label, append-only (migration 006). */
export interface PromptLabelEventsTable {
  /** Autoincrement (SQLite) / bigserial (Postgres): omitted on insert. */
  sequence: Generated<number>;
  project_id: string;
  prompt_id: string;
  label: string;
  from_version: string | null;
  to_version: string;
  to_hash: string;
  /** label | deploy */
  kind: string;
  actor: string | null;
  /** JSON of the move's details. */
  details: string;
  at: string;
}

/** `prompt_consumers`: consumer contracts registered through the API (migration 006). */
export interface PromptConsumersTable {
  project_id: string;
  prompt_id: string;
  consumer: string;
  /** JSON of the contract. */
  contract: string;
  updated_at: string;
}

/** `alerts`: conditions a check found, open until resolved; one open alert per (project, key) (migration 006). */
export interface AlertsTable {
  id: string;
  project_id: string;
  kind: string;
  key: string;
  /** info | warning | critical */
  severity: string;
  title: string;
  /** JSON of the latest report's details. */
  details: string;
  first_seen_at: string;
  last_seen_at: string;
  count: number;
  resolved_at: string | null;
}

/** `eval_datasets`: dataset versions, addressed by the hash of their cases (migration 007). */
export interface EvalDatasetsTable {
  project_id: string;
  name: string;
  hash: string;
  /** JSON array of the cases. */
  cases: string;
  origin: string | null;
  created_at: string;
}

/** `eval_runs`: one row per eval run, pinned to a dataset version (migration 007). */
export interface EvalRunsTable {
  id: string;
  project_id: string;
  suite: string;
  dataset_name: string;
  dataset_hash: string;
  /** running | completed | failed | cancelled */
  status: string;
  /** JSON of the resolved run configuration. */
  config: string;
  /** JSON of the summary once finished. */
  summary: string | null;
  label: string | null;
  baseline_run_id: string | null;
  created_at: string;
  finished_at: string | null;
}

/** `eval_results`: one trial of one case of a run (migration 007). */
export interface EvalResultsTable {
  run_id: string;
  case_id: string;
  trial: number;
  /** 0 | 1 */
  passed: number;
  /** 0 | 1 */
  inconclusive: number;
  /** JSON of the target's output. */
  output: string;
  /** JSON of the scorers' results. */
  scores: string;
  cost_micros: number | null;
  latency_ms: number | null;
  trace_id: string | null;
  created_at: string;
}

/** `eval_online_scores`: a score an online rule gave a production trace (migration 007). */
export interface EvalOnlineScoresTable {
  id: string;
  project_id: string;
  rule: string;
  scorer: string;
  trace_id: string;
  value: number;
  /** 0 | 1 */
  passed: number;
  reason: string | null;
  cost_micros: number;
  trace_start_ms: number;
  created_at: string;
}

/** `eval_online_cursors`: the last trace start (epoch ms) each online rule has considered (migration 007). */
export interface EvalOnlineCursorsTable {
  project_id: string;
  rule: string;
  position_ms: number;
  updated_at: string;
}

/** Every table the store owns, keyed by table name. */
export interface Database {
  schema_migrations: SchemaMigrationsTable;
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  runs: RunsTable;
  spans: SpansTable;
  trace_summaries: TraceSummariesTable;
  audit_log: AuditLogTable;
  approvals: ApprovalsTable;
  budget_ledger: BudgetLedgerTable;
  budget_counters: BudgetCountersTable;
  budget_reservations: BudgetReservationsTable;
  response_cache: ResponseCacheTable;
  prompt_versions: PromptVersionsTable;
  prompt_labels: PromptLabelsTable;
  prompt_label_events: PromptLabelEventsTable;
  prompt_consumers: PromptConsumersTable;
  alerts: AlertsTable;
  eval_datasets: EvalDatasetsTable;
  eval_runs: EvalRunsTable;
  eval_results: EvalResultsTable;
  eval_online_scores: EvalOnlineScoresTable;
  eval_online_cursors: EvalOnlineCursorsTable;
}
