import { GantryError, type JsonValue } from "../../core/index.js";
import type { GuardrailFinding, GuardrailStage } from "./guardrail-spec.js";

// The content guardrails' error codes (docs/reference/errors.md, POLICY: content guardrails). Findings in
// details carry kinds, offsets and scores, never the text they point at (it may be the PII itself).

/** A guardrail or redactor option is wrong (a threshold outside 0..1, an unknown kind or stage). */
export function guardrailOptionsInvalid(guardrail: string, field: string, problem: string): GantryError {
  return new GantryError({
    code: "GUARDRAIL_OPTIONS_INVALID",
    message: `Guardrail ${guardrail}: ${field} ${problem}`,
    domain: "POLICY",
    category: "USER",
    details: { guardrail, field },
    hint: "Fix the option where the guardrail is created; docs/guides/guardrails.md lists each one.",
  });
}

/** A stored PII vault snapshot does not have the snapshot's shape (edited outside Gantry). */
export function piiVaultSnapshotInvalid(path: string, problem: string): GantryError {
  return new GantryError({
    code: "GUARDRAIL_VAULT_SNAPSHOT_INVALID",
    message: `The PII vault snapshot is invalid at ${path === "" ? "the top level" : path}: ${problem}`,
    domain: "POLICY",
    category: "SYSTEM",
    details: { path },
    hint: "Restore the run state's vault as Gantry wrote it; without it, placeholders in the run cannot be restored.",
  });
}

/** The pluggable injection classifier failed and the guardrail was told to fail closed. */
export function injectionClassifierFailed(classifier: string, cause: unknown): GantryError {
  return new GantryError({
    code: "GUARDRAIL_CLASSIFIER_FAILED",
    message: `The injection classifier ${classifier} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    domain: "POLICY",
    category: "THIRD_PARTY",
    details: { classifier },
    cause,
    hint: "Check the classifier's service, or set failClosed: false to fall back to the heuristic score.",
  });
}

// Who is to blame depends on where the text came from: the user's input, a tool or page, or the model.
const stageCategory = { input: "USER", "tool-output": "THIRD_PARTY", output: "MODEL_BEHAVIOR" } as const;

export interface GuardrailStopDetails {
  stage: GuardrailStage;
  reason: string;
  findings: readonly GuardrailFinding[];
  /** Names of the guardrails that asked for this. */
  guardrails: readonly string[];
}

function findingsJson(findings: readonly GuardrailFinding[]): JsonValue[] {
  return findings.slice(0, 50).map((finding) => {
    const json: Record<string, JsonValue> = { kind: finding.kind, score: finding.score };
    if (finding.start !== undefined) json.start = finding.start;
    if (finding.end !== undefined) json.end = finding.end;
    return json;
  });
}

function stopError(code: string, verb: string, stop: GuardrailStopDetails): GantryError {
  return new GantryError({
    code,
    message: `Guardrail ${stop.guardrails.join(", ")} ${verb} the ${stop.stage}: ${stop.reason}`,
    domain: "POLICY",
    category: stageCategory[stop.stage],
    details: { stage: stop.stage, guardrails: [...stop.guardrails], findings: findingsJson(stop.findings) },
    hint:
      "Guardrails are probabilistic: look at the findings in the trace; if this is a false positive, raise " +
      "the guardrail's threshold or narrow its stages, never turn off the policy behind it.",
  });
}

/** The error for a `throw` outcome: the run stops. Category follows the stage (input USER, tool THIRD_PARTY, output MODEL_BEHAVIOR). */
export function guardrailTripped(stop: GuardrailStopDetails): GantryError {
  return stopError("GUARDRAIL_TRIPPED", "stopped the run at", stop);
}

/** The error for a `reject` outcome, when the rejected text was the run's own input or final output. */
export function guardrailRejected(stop: GuardrailStopDetails): GantryError {
  return stopError("GUARDRAIL_REJECTED", "rejected", stop);
}
