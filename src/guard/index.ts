// The guard module's only entry point: identity, budgets and the session breaker.

export * from "./api-keys.js";
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
export * from "./budgets/budget-spec.js";
