import type { Guardrail, GuardrailFinding, GuardrailOutcome, GuardrailStage } from "./guardrail-spec.js";

// Runs the guardrails for one stage in order and combines what they say. Redactions compose (each
// guardrail sees the text the previous ones redacted); otherwise the strictest outcome wins:
// throw > reject > reask > redact > allow. Content guardrails are probabilistic defence in depth.

/** What one guardrail said, for traces and the audit log. */
export interface GuardrailCheck {
  guardrail: string;
  outcome: GuardrailOutcome;
}

/** The combined outcome, plus each guardrail's own. */
export type GuardrailRunResult = GuardrailOutcome & { readonly checks: readonly GuardrailCheck[] };

const strictness: Readonly<Record<GuardrailOutcome["action"], number>> = {
  allow: 0,
  redact: 1,
  reask: 2,
  reject: 3,
  throw: 4,
};

// A guardrail that crashes must not wave the text through: its failure stops the run instead.
async function checkSafely(
  guardrail: Guardrail,
  text: string,
  stage: GuardrailStage,
): Promise<GuardrailOutcome> {
  try {
    return await guardrail.check(text, stage);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      action: "throw",
      reason: `guardrail ${guardrail.name} failed: ${message}`,
      findings: [{ kind: "guardrail.failed", score: 1 }],
    };
  }
}

/** Runs every guardrail that covers `stage` over `text` and combines their outcomes. */
export async function runGuardrails(
  guardrails: readonly Guardrail[],
  text: string,
  stage: GuardrailStage,
): Promise<GuardrailRunResult> {
  const checks: GuardrailCheck[] = [];
  let current = text;
  const redactions: GuardrailFinding[] = [];
  for (const guardrail of guardrails) {
    if (!guardrail.stages.includes(stage)) continue;
    let outcome = await checkSafely(guardrail, current, stage);
    // Re-asking only makes sense for the model's own answer; elsewhere the text is refused instead.
    if (outcome.action === "reask" && stage !== "output") outcome = { ...outcome, action: "reject" };
    checks.push({ guardrail: guardrail.name, outcome });
    if (outcome.action === "redact") {
      current = outcome.text;
      redactions.push(...outcome.findings);
    }
  }
  let strictest: GuardrailOutcome["action"] = "allow";
  for (const check of checks) {
    if (strictness[check.outcome.action] > strictness[strictest]) strictest = check.outcome.action;
  }
  if (strictest === "allow") return { action: "allow", checks };
  if (strictest === "redact") return { action: "redact", text: current, findings: redactions, checks };
  const deciding = checks.filter((check) => check.outcome.action === strictest);
  const reason = deciding
    .map((check) => `${check.guardrail}: ${"reason" in check.outcome ? check.outcome.reason : ""}`)
    .join("; ");
  const findings = deciding.flatMap((check) => ("findings" in check.outcome ? check.outcome.findings : []));
  return { action: strictest, reason, findings, checks };
}
