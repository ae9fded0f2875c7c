// The store module's only entry point: other modules import from here, never from files inside.

export type {
  AlertListOptions,
  AlertReport,
  AlertSeverity,
  AlertsRepository,
  StoredAlert,
} from "./alert-spec.js";
export { alertSeverities } from "./alert-spec.js";
export type {
  ApprovalAuditWrite,
  ApprovalListOptions,
  ApprovalsRepository,
  NewStoredApproval,
  StoredApproval,
  StoredApprovalDecideResult,
  StoredApprovalDecision,
  StoredApprovalStatus,
} from "./approval-spec.js";
export { storedApprovalStatuses } from "./approval-spec.js";
export type {
  AuditEntry,
  AuditListOptions,
  AuditProblem,
  AuditRepository,
  AuditVerification,
  NewAuditEntry,
} from "./audit-spec.js";
export { auditGenesisHash } from "./audit-spec.js";
export { sqlitePragmas } from "./connect-sqlite.js";
export type { Database } from "./database.js";
export type {
  EvalRunStatus,
  EvalRunUpdate,
  EvalsRepository,
  NewEvalResult,
  NewEvalRun,
  NewOnlineScore,
  OnlineScoreStats,
  OnlineStatsTime,
  StoredDatasetVersion,
  StoredEvalResult,
  StoredEvalRun,
  StoredOnlineScore,
} from "./eval-spec.js";
export { evalRunStatuses } from "./eval-spec.js";
export type {
  LedgerCounter,
  LedgerCounterKey,
  LedgerCounterLimit,
  LedgerEntry,
  LedgerEntryKind,
  LedgerFinishOutcome,
  LedgerRepository,
  LedgerReserveInput,
  LedgerReserveResult,
  LedgerScopeKind,
  LedgerSums,
  NewLedgerEntry,
} from "./ledger-spec.js";
export { ledgerEntryKinds, ledgerScopeKinds } from "./ledger-spec.js";
export type { Migration, MigrationContext } from "./migrations/index.js";
export { migrations } from "./migrations/index.js";
export { type OpenStoreOptions, openStore } from "./open-store.js";
export type {
  CreatePromptVersionResult,
  NewStoredPromptVersion,
  PromptHashUsage,
  PromptLabelMove,
  PromptsRepository,
  PromptUsageQuery,
  StoredPromptConsumer,
  StoredPromptLabel,
  StoredPromptLabelEvent,
  StoredPromptSummary,
  StoredPromptVersion,
} from "./prompt-spec.js";
export { auditEntryHash, auditRunIdColumn } from "./repositories/audit-repository.js";
export { defaultProjectId } from "./repositories/projects-repository.js";
export { rollupByAgent } from "./repositories/traces-agent-rollup.js";
export { decodeCursor, encodeCursor } from "./repositories/traces-cursor.js";
export { spanTree } from "./repositories/traces-tree.js";
export { defaultSqlitePath, redactUrl, resolveStoreTarget, type StoreTarget } from "./resolve-location.js";
export type { ResponseCacheEntry, ResponseCacheRepository } from "./response-cache-spec.js";
export type { NewRun, RunListOptions, RunRecord, RunStatus, RunsRepository, RunUpdate } from "./run-spec.js";
export { runStatuses } from "./run-spec.js";
export type { SpanRecord, SpansRepository, TraceListOptions } from "./span-spec.js";
export type {
  ApiKeyRecord,
  ApiKeysRepository,
  MigrationStatus,
  Migrations,
  NewApiKey,
  Page,
  ProjectRecord,
  ProjectsRepository,
  Store,
  StoreKind,
} from "./store-spec.js";
export {
  type AgentRollup,
  type RetentionResult,
  type SessionDetail,
  type SessionQuery,
  type SessionSummary,
  type SpanTreeEntry,
  sessionTraceLimit,
  type TraceQuery,
  type TraceStatus,
  type TraceSummary,
  type TracesRepository,
  traceStatuses,
} from "./trace-spec.js";
