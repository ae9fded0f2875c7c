import { GantryError } from "../../core/index.js";
import type { BreakerTrip } from "./breaker-spec.js";

// Every error the breaker module throws, in one place so codes stay stable and documented
// (docs/reference/errors.md). Trips themselves are data; only misuse and the hard-stop end are errors.

/** A breaker setting with a wrong value; `field` is its name, e.g. `tripMultiplier` or `envelope.p95Usd`. */
export function breakerSettingsInvalid(field: string, problem: string, received: unknown): GantryError {
  return new GantryError({
    code: "BREAKER_SETTINGS_INVALID",
    message: `breaker.${field} ${problem}`,
    domain: "BUDGET",
    category: "USER",
    details: { field, received: shown(received) },
    hint: `Fix breaker.${field} in the agent's defineAgent({ breaker }) or leave it out for the default.`,
  });
}

/** The runtime passed a spend or estimate that is not a whole number of micro-USD >= 0. */
export function breakerAmountInvalid(what: string, received: unknown): GantryError {
  return new GantryError({
    code: "BREAKER_AMOUNT_INVALID",
    message: `The session breaker got ${what} = ${shown(received)}; it must be a whole number of micro-USD >= 0`,
    domain: "BUDGET",
    category: "SYSTEM",
    details: { what, received: shown(received) },
    hint: "Pass costs as integer micro-USD (an unpriced call's unknown cost is not 0: skip recording it).",
  });
}

/** A stored breaker snapshot that does not have the snapshot's shape (hand-edited or corrupt run state). */
export function breakerSnapshotInvalid(path: string, problem: string): GantryError {
  return new GantryError({
    code: "BREAKER_SNAPSHOT_INVALID",
    message: `The stored breaker snapshot is invalid at ${path || "(root)"}: ${problem}`,
    domain: "BUDGET",
    category: "SYSTEM",
    details: { path },
    hint: "The run's state.breaker was changed outside Gantry; restore it or remove state.breaker to start the breaker afresh.",
  });
}

/** The error a run fails with when its breaker trips and the agent's degradation is `hard-stop`. */
export function breakerTripped(agent: string, trip: BreakerTrip): GantryError {
  return new GantryError({
    code: "BREAKER_TRIPPED",
    message: `The session breaker of agent "${agent}" tripped: ${trip.message}`,
    domain: "BUDGET",
    category: "MODEL_BEHAVIOR",
    details: { agent, reason: trip.reason, degradation: trip.degradation, at: trip.at, ...trip.details },
    hint: "Look at the run's trace for the loop or the spend that tripped it; raise the agent's breaker limits only if the session was legitimate.",
  });
}

function shown(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) {
    return String(value);
  }
  if (typeof value === "string") return JSON.stringify(value);
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}
