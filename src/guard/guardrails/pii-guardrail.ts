import { resolveAction, resolveStages } from "./guardrail-options.js";
import type { Guardrail, GuardrailOutcome, GuardrailStage } from "./guardrail-spec.js";
import type { PiiKind } from "./pii-detector-spec.js";
import { createPiiRedactor, type PiiRedactor } from "./pii-redactor.js";

// PII as a guardrail: redact (reversibly, through the run's vault) or reject the text. Probabilistic
// defence in depth; it lowers exposure, it does not guarantee that no personal data passes.

export interface PiiGuardrailOptions {
  /** Default: input, tool-output and output. */
  stages?: readonly GuardrailStage[];
  /** `redact` (default): placeholders in, originals restored in the reply. `reject`: refuse the text. */
  action?: "redact" | "reject";
  /** The run's redactor (its vault); default a new one, reachable as `guardrail.redactor`. */
  redactor?: PiiRedactor;
  /** For the default redactor: only these kinds, and the lowest score that counts (0.5). */
  kinds?: readonly PiiKind[];
  minScore?: number;
  name?: string;
}

export interface PiiGuardrail extends Guardrail {
  /** The vault behind the placeholders: restore replies with it and save its snapshot with the run. */
  readonly redactor: PiiRedactor;
}

function describeKinds(kinds: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].map(([kind, count]) => `${count} ${kind}`).join(", ");
}

/** A guardrail that redacts or rejects personal data and secrets. Make one per run (it holds the vault). */
export function piiGuardrail(options: PiiGuardrailOptions = {}): PiiGuardrail {
  const name = options.name ?? "pii";
  const stages = resolveStages(name, options.stages, ["input", "tool-output", "output"]);
  const action = resolveAction(name, options.action, ["redact", "reject"], "redact");
  const redactor =
    options.redactor ?? createPiiRedactor({ kinds: options.kinds, minScore: options.minScore });
  return {
    name,
    stages,
    redactor,
    check(text): GuardrailOutcome {
      if (action === "reject") {
        const spans = redactor.scan(text);
        if (spans.length === 0) return { action: "allow" };
        const findings = spans.map((span) => ({
          kind: `pii.${span.kind}`,
          start: span.start,
          end: span.end,
          score: span.score,
        }));
        return {
          action: "reject",
          reason: `the text contains personal data or secrets (${describeKinds(spans.map((span) => span.kind))})`,
          findings,
        };
      }
      const redaction = redactor.redact(text);
      if (redaction.findings.length === 0) return { action: "allow" };
      return { action: "redact", text: redaction.text, findings: redaction.findings };
    },
  };
}
