// The guard module's only entry point: identity, budgets and the session breaker.

export * from "./api-keys.js";
export {
  approvalAlreadyDecided,
  approvalArgumentsMismatch,
  approvalInvalidInput,
  approvalNotFound,
} from "./approvals/approval-errors.js";
export {
  approvalKeyPath,
  approvalSecretVariable,
  resolveApprovalSecret,
} from "./approvals/approval-secret.js";
export {
  approvalMessage,
  approvalSignatureValid,
  type SignedApprovalFields,
  signApproval,
} from "./approvals/approval-signature.js";
export * from "./approvals/approval-spec.js";
export {
  approvalAuditActions,
  type CreateApprovalsOptions,
  createApprovals,
} from "./approvals/create-approvals.js";
export { type AuditReplayStep, auditReplayStep, principalText, readRunAudit } from "./audit/audit-replay.js";
export {
  breakerAmountInvalid,
  breakerSettingsInvalid,
  breakerSnapshotInvalid,
  breakerTripped,
} from "./breaker/breaker-errors.js";
export { type BreakerRegistryOptions, createBreakerRegistry } from "./breaker/breaker-registry.js";
export { defaultBreakerSettings, isDegradation, resolveBreakerSettings } from "./breaker/breaker-settings.js";
export { emptySnapshot as emptyBreakerSnapshot, parseBreakerSnapshot } from "./breaker/breaker-snapshot.js";
export * from "./breaker/breaker-spec.js";
export {
  declaredEnvelope,
  type LearnEnvelopeOptions,
  learnEnvelope,
  recentSessionCosts,
} from "./breaker/cost-envelope.js";
export {
  createSessionBreaker,
  envelopeLimitMicros,
  type SessionBreakerOptions,
} from "./breaker/session-breaker.js";
export {
  type BudgetExceededErrorOptions,
  budgetExceededError,
  budgetInvalidAmount,
  budgetLedgerUnavailable,
  budgetReservationUnknown,
  formatUsd,
} from "./budgets/budget-errors.js";
export * from "./budgets/budget-spec.js";
export { budgetWindowKey } from "./budgets/budget-windows.js";
export { type CreateBudgetGuardOptions, createBudgetGuard } from "./budgets/create-budget-guard.js";
export {
  type CreateMemoryBudgetGuardOptions,
  createMemoryBudgetGuard,
} from "./budgets/create-memory-budget-guard.js";
export type { BudgetCounterLedger } from "./budgets/ledger-budget-guard.js";
export { resolveBudgetCounters } from "./budgets/resolve-budget-counters.js";
export * from "./guardrails/guardrail-spec.js";
export * from "./identity/tool-credential.js";
export * from "./policy/policy-spec.js";
export * from "./spec/check-spec.js";
export * from "./spec/load-spec.js";
export * from "./spec/spec-schema.js";
