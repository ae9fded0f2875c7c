import { guardrailOptionsInvalid } from "./guardrail-errors.js";
import type { GuardrailStage } from "./guardrail-spec.js";

// Option checks shared by the built-in guardrails, so a typo fails where the guardrail is made, not
// silently at run time (a guardrail that never runs looks exactly like one that never fires).

const allStages: readonly GuardrailStage[] = ["input", "tool-output", "output"];

/** The stages a guardrail runs at, validated; `fallback` when none are given. */
export function resolveStages(
  guardrail: string,
  stages: readonly GuardrailStage[] | undefined,
  fallback: readonly GuardrailStage[],
): readonly GuardrailStage[] {
  const chosen = stages ?? fallback;
  if (chosen.length === 0)
    throw guardrailOptionsInvalid(guardrail, "stages", "is empty, so the guardrail would never run");
  const unknown = chosen.find((stage) => !allStages.includes(stage));
  if (unknown !== undefined) {
    throw guardrailOptionsInvalid(
      guardrail,
      "stages",
      `names ${String(unknown)}; stages are ${allStages.join(", ")}`,
    );
  }
  return [...new Set(chosen)];
}

/** A value within 0..1 (thresholds and scores). */
export function resolveUnit(
  guardrail: string,
  field: string,
  value: number | undefined,
  fallback: number,
): number {
  const chosen = value ?? fallback;
  if (!(chosen >= 0 && chosen <= 1))
    throw guardrailOptionsInvalid(guardrail, field, "must be a number within 0..1");
  return chosen;
}

/** One of the allowed actions. */
export function resolveAction<Action extends string>(
  guardrail: string,
  value: Action | undefined,
  allowed: readonly Action[],
  fallback: Action,
): Action {
  const chosen = value ?? fallback;
  if (!allowed.includes(chosen)) {
    throw guardrailOptionsInvalid(
      guardrail,
      "action",
      `is ${String(chosen)}; allowed: ${allowed.join(", ")}`,
    );
  }
  return chosen;
}
