import { GantryError, type JsonValue } from "../../core/index.js";
import type { ModelAttempt } from "../model-call-spec.js";

/** Why the failover loop ended without an answer, beyond the attempts themselves. */
export interface FailureContext {
  /** The cap stopped the loop while candidates were left. */
  capReached: boolean;
  maxAttempts: number;
  /** When the only remaining candidate asked for a pause longer than we hold a request for. */
  retryAt?: number;
}

/** Every candidate failed (or the cap was reached): MODEL_CALL_FAILED, with each attempt in `details.attempts`. */
export function modelCallFailedError(attempts: ModelAttempt[], context: FailureContext): GantryError {
  // Skipped candidates and models that could not be built never reached a provider.
  const called = attempts.filter(
    (attempt) => attempt.outcome !== "skipped-cooldown" && attempt.error?.code !== "MODEL_UNAVAILABLE",
  );
  const lead =
    called.length === 0
      ? "No model could be called"
      : `All ${called.length} attempt${called.length === 1 ? "" : "s"} failed`;
  const cap = context.capReached
    ? ` (the cap of ${context.maxAttempts} attempts per request was reached)`
    : "";
  const details: Record<string, JsonValue> = { attempts: jsonAttempts(attempts) };
  let hint =
    "Each attempt is listed in details.attempts. Check the providers' status and keys, or add a fallback model to the tier.";
  let retry = "";
  if (context.retryAt !== undefined) {
    const at = new Date(context.retryAt).toISOString();
    details.retryAt = at;
    retry = `; the provider asked not to be called again before ${at}`;
    hint = `Retry after ${at}, or add a fallback model to the tier so requests fail over instead of waiting.`;
  }
  return new GantryError({
    code: "MODEL_CALL_FAILED",
    domain: "MODEL",
    category: "THIRD_PARTY",
    message: `${lead}${cap}${retry}: ${summarise(attempts)}`,
    details,
    hint,
  });
}

/** The provider refused the request itself (HTTP 400 and kin): another model would too, so we stopped. */
export function modelRequestRejectedError(attempts: ModelAttempt[]): GantryError {
  return new GantryError({
    code: "MODEL_REQUEST_REJECTED",
    domain: "MODEL",
    category: "USER",
    message: `The provider rejected the request, so it was not sent to other models: ${summarise(attempts)}`,
    details: { attempts: jsonAttempts(attempts) },
    hint: "Fix the request (prompt, tools, settings or size) as the provider's message says; it was not retried.",
  });
}

/** Routing produced no candidate to call. */
export function noCandidatesError(model: string | undefined): GantryError {
  return new GantryError({
    code: "MODEL_NO_CANDIDATES",
    domain: "MODEL",
    category: "USER",
    message: `No model to call for ${model === undefined ? "the default model" : `"${model}"`}: routing returned no candidates.`,
    details: { model: model ?? null },
    hint: "Name a model as provider:model, or list candidates for the tier under models.tiers in gantry.config.ts.",
  });
}

/** What a stream that broke after delivering content reports. */
export interface InterruptionFacts {
  modelId: string;
  attempt: number;
  deliveredCharacters: number;
  /** What happened: the stream errored, or ended without the provider saying why it stopped. */
  reason: string;
  cause?: unknown;
}

/** A stream failed after content reached the caller; it is never re-sent, since that would duplicate output. */
export function streamInterruptedError(facts: InterruptionFacts): GantryError {
  return new GantryError({
    code: "MODEL_STREAM_INTERRUPTED",
    domain: "MODEL",
    category: "THIRD_PARTY",
    message:
      `The stream from ${facts.modelId} (attempt ${facts.attempt}) was interrupted after ${facts.deliveredCharacters} ` +
      `characters of content had already been delivered: ${facts.reason}. The request was not re-sent, ` +
      "because a second answer would be appended to the first.",
    details: {
      modelId: facts.modelId,
      attempt: facts.attempt,
      deliveredCharacters: facts.deliveredCharacters,
      reason: facts.reason,
    },
    cause: facts.cause,
    hint: "Treat the delivered output as incomplete: discard it and send the request again if it is safe to repeat.",
  });
}

/** One line per attempt: number, model, code, status and message. */
export function summarise(attempts: ModelAttempt[]): string {
  return attempts
    .map((attempt) => {
      const head = `#${attempt.number} ${attempt.modelId}`;
      if (attempt.outcome === "success") return `${head} succeeded`;
      if (attempt.outcome === "skipped-cooldown") return `${head} skipped (cooling down)`;
      const error = attempt.error;
      const status = error?.statusCode === undefined ? "" : ` ${error.statusCode}`;
      return `${head} ${error?.code ?? attempt.outcome}${status}: ${error?.message ?? ""}`;
    })
    .join("; ");
}

/** Attempts as JSON values (drops undefined members), so details survive `toJSON()` and the wire. */
export function jsonAttempts(attempts: ModelAttempt[]): JsonValue {
  return JSON.parse(JSON.stringify(attempts)) as JsonValue;
}
