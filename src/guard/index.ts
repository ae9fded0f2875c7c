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
export {
  type DelimitOptions,
  delimitUntrusted,
  neutraliseDelimiters,
} from "./guardrails/delimit-untrusted.js";
export {
  type GuardrailStopDetails,
  guardrailOptionsInvalid,
  guardrailRejected,
  guardrailTripped,
  injectionClassifierFailed,
  piiVaultSnapshotInvalid,
} from "./guardrails/guardrail-errors.js";
export * from "./guardrails/guardrail-spec.js";
export {
  findHiddenText,
  type HiddenText,
  normalizeForInjection,
  stripInvisible,
} from "./guardrails/hidden-text.js";
export {
  type AssessInjectionOptions,
  assessInjection,
  type InjectionAssessment,
  type InjectionClassifier,
} from "./guardrails/injection-classifier.js";
export { type InjectionGuardrailOptions, injectionGuardrail } from "./guardrails/injection-guardrail.js";
export { type InjectionPattern, injectionPatterns } from "./guardrails/injection-patterns.js";
export {
  type OutputSchemaGuardrailOptions,
  outputSchemaGuardrail,
} from "./guardrails/output-schema-guardrail.js";
export { ibanValid, luhnValid } from "./guardrails/pii-checksums.js";
export { emailDetector, phoneDetector } from "./guardrails/pii-contact-detectors.js";
export * from "./guardrails/pii-detector-spec.js";
export { defaultPiiDetectors } from "./guardrails/pii-detectors.js";
export { cardDetector, ibanDetector, ssnDetector } from "./guardrails/pii-financial-detectors.js";
export { type PiiGuardrail, type PiiGuardrailOptions, piiGuardrail } from "./guardrails/pii-guardrail.js";
export { ipv4Detector, ipv6Detector } from "./guardrails/pii-network-detectors.js";
export {
  createPiiRedactor,
  type PiiRedaction,
  type PiiRedactor,
  type PiiRedactorOptions,
} from "./guardrails/pii-redactor.js";
export { secretDetector } from "./guardrails/pii-secret-detectors.js";
export {
  normalizePiiValue,
  type PiiVaultEntry,
  type PiiVaultSnapshot,
  placeholderLabels,
} from "./guardrails/pii-vault.js";
export { parsePiiVaultSnapshot } from "./guardrails/pii-vault-snapshot.js";
export { type GuardrailCheck, type GuardrailRunResult, runGuardrails } from "./guardrails/run-guardrails.js";
export { defaultPiiMinScore, type PiiScanOptions, scanPii } from "./guardrails/scan-pii.js";
export {
  combineSignals,
  type InjectionScore,
  type InjectionSignal,
  scoreInjection,
} from "./guardrails/score-injection.js";
export {
  createStreamRedactor,
  type StreamRedactor,
  type StreamRedactorOptions,
} from "./guardrails/stream-redactor.js";
export * from "./identity/tool-credential.js";
export { actionGroups, modelActionId, toolActionId } from "./policy/action-model.js";
export { type CedarPolicyPoint, createCedarPolicyPoint } from "./policy/cedar-policy-point.js";
export type { LoadedPolicies, LoadedPolicy } from "./policy/compile-policies.js";
export {
  compilePolicySources,
  isPolicyFile,
  loadPolicies,
  type PolicySourceFile,
} from "./policy/load-policies.js";
export type { PolicyAnnotations } from "./policy/policy-annotations.js";
export { type PolicyProblem, policyEngineFailed, policyInvalid } from "./policy/policy-errors.js";
export * from "./policy/policy-spec.js";
export type { PolicyTool, PolicyWorkspace } from "./policy/policy-workspace.js";
export * from "./spec/check-spec.js";
export * from "./spec/load-spec.js";
export * from "./spec/spec-schema.js";
