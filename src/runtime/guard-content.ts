import { GantryError, type JsonValue } from "../core/index.js";
import { createPiiRedactor, type GuardrailStage, type PiiRedactor, runGuardrails } from "../guard/index.js";
import type { RunContext } from "./run-context.js";

// Content guardrails in the step loop: probabilistic defence in depth beside the hard controls
// (policy, budgets, schemas). With `guardrails.pii`, the model never sees PII: the user's input and
// tool outputs are redacted to placeholders ([EMAIL_1]), tool arguments are restored before a tool
// runs, and the answer is restored for the user; the vault lives in the run state so a resumed run
// keeps its placeholders. The agent's other guardrails check input, tool output and output text.

const redactors = new WeakMap<RunContext, PiiRedactor>();

/** The run's PII redactor, or undefined when the agent does not redact. */
export function piiRedactor(context: RunContext): PiiRedactor | undefined {
  if (!context.agent.guardrails?.pii) return undefined;
  let redactor = redactors.get(context);
  if (!redactor) {
    redactor = createPiiRedactor(context.state.piiVault ? { snapshot: context.state.piiVault } : {});
    redactors.set(context, redactor);
  }
  return redactor;
}

function mapStrings(value: JsonValue, map: (text: string) => string): JsonValue {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
  }
  return value;
}

function remember(context: RunContext, redactor: PiiRedactor): void {
  if (redactor.size > 0) context.state.piiVault = redactor.snapshot() as unknown as JsonValue;
}

/** Redacts PII in a value the model will read. */
export function redactForModel(context: RunContext, value: JsonValue): JsonValue {
  const redactor = piiRedactor(context);
  if (!redactor) return value;
  const redacted = mapStrings(value, (text) => redactor.redact(text).text);
  remember(context, redactor);
  return redacted;
}

/** Puts the real values back into what the model wrote (tool arguments, the answer). */
export function restoreFromModel(context: RunContext, value: JsonValue): JsonValue {
  const redactor = piiRedactor(context);
  return redactor ? mapStrings(value, (text) => redactor.restore(text)) : value;
}

export function guardrailTripped(agent: string, stage: GuardrailStage, reason: string): GantryError {
  return new GantryError({
    code: "GUARDRAIL_TRIPPED",
    message: `Agent "${agent}": a guardrail stopped the run at ${stage}: ${reason}`,
    domain: "POLICY",
    category: "MODEL_BEHAVIOR",
    details: { agent, stage, reason },
    hint: "Guardrails are probabilistic: look at the trace; if this was a false positive, tune the guardrail's threshold.",
  });
}

export type GuardedText =
  | { ok: true; text: string }
  | { ok: false; action: "reject" | "reask" | "throw"; reason: string };

/** Runs the agent's guardrails over text at one stage. */
export async function guardText(
  context: RunContext,
  text: string,
  stage: GuardrailStage,
): Promise<GuardedText> {
  const guardrails = context.agent.guardrails?.checks ?? [];
  if (guardrails.length === 0) return { ok: true, text };
  const outcome = await runGuardrails(guardrails, text, stage);
  if (outcome.action === "allow") return { ok: true, text };
  if (outcome.action === "redact") return { ok: true, text: outcome.text };
  return { ok: false, action: outcome.action, reason: outcome.reason };
}

/** Guards a tool's output before the model reads it: redacted, or replaced by the reason it was refused. */
export async function guardToolOutput(
  context: RunContext,
  output: JsonValue,
): Promise<{ output: JsonValue } | { error: { code: string; message: string }; fatal: boolean }> {
  const text = typeof output === "string" ? output : JSON.stringify(output);
  const guarded = await guardText(context, text, "tool-output");
  if (!guarded.ok) {
    const error = {
      code: "GUARDRAIL_REJECTED",
      message: `The tool's output was withheld: ${guarded.reason}`,
    };
    return { error, fatal: guarded.action === "throw" };
  }
  let value: JsonValue = output;
  if (guarded.text !== text) {
    try {
      value = typeof output === "string" ? guarded.text : (JSON.parse(guarded.text) as JsonValue);
    } catch {
      value = guarded.text;
    }
  }
  return { output: redactForModel(context, value) };
}
