import { delimitUntrusted } from "./delimit-untrusted.js";
import { resolveAction, resolveStages, resolveUnit } from "./guardrail-options.js";
import type { Guardrail, GuardrailOutcome, GuardrailStage } from "./guardrail-spec.js";
import { assessInjection, type InjectionClassifier } from "./injection-classifier.js";

// Prompt injection as a guardrail on text the model did not get from its user: tool outputs and retrieved
// documents. Probabilistic defence in depth: a flagged text can be refused or fenced off, but an attack it
// misses still meets the policy decision point before any tool runs.

export interface InjectionGuardrailOptions {
  /** Score at or above which the text counts as an injection attempt (default 0.5). */
  threshold?: number;
  /** `reject` (default): the tool result becomes the reason. `throw`: stop the run. `allow-delimited`: pass it on, fenced. */
  action?: "reject" | "throw" | "allow-delimited";
  /** Default: tool-output only (the user's own input is not "untrusted" in this sense). */
  stages?: readonly GuardrailStage[];
  classifier?: InjectionClassifier;
  combine?: "max" | "mean";
  failClosed?: boolean;
  /** Named in the delimiters' notice (default "a tool output" / "the user input" / "the model output"). */
  source?: string;
  name?: string;
}

const stageSources: Readonly<Record<GuardrailStage, string>> = {
  input: "the user input",
  "tool-output": "a tool output",
  output: "the model output",
};

/** A guardrail that scores text for prompt injection and rejects, stops or fences off what crosses the threshold. */
export function injectionGuardrail(options: InjectionGuardrailOptions = {}): Guardrail {
  const name = options.name ?? "injection";
  const threshold = resolveUnit(name, "threshold", options.threshold, 0.5);
  const action = resolveAction(name, options.action, ["reject", "throw", "allow-delimited"], "reject");
  const stages = resolveStages(name, options.stages, ["tool-output"]);
  return {
    name,
    stages,
    async check(text, stage): Promise<GuardrailOutcome> {
      const assessment = await assessInjection(text, {
        classifier: options.classifier,
        combine: options.combine,
        failClosed: options.failClosed,
      });
      if (assessment.score < threshold) return { action: "allow" };
      const findings = assessment.signals;
      if (action === "allow-delimited") {
        return {
          action: "redact",
          text: delimitUntrusted(text, options.source ?? stageSources[stage]),
          findings,
        };
      }
      const kinds = [...new Set(findings.map((finding) => finding.kind.replace(/^injection\./, "")))].join(
        ", ",
      );
      const reason =
        `possible prompt injection in ${stageSources[stage]} (score ${assessment.score.toFixed(2)} >= ` +
        `${threshold}: ${kinds}); the content was withheld`;
      return { action, reason, findings };
    },
  };
}
