// The guard module's only entry point: identity, budgets and the session breaker.

export * from "./api-keys.js";
export * from "./breaker/breaker-spec.js";
export * from "./budgets/budget-spec.js";
