import type { Clock } from "../../core/index.js";
import type { PromptGate, PromptGateContext, PromptGateResult } from "../registry-spec.js";
import { promptRegistryError } from "./prompt-registry-error.js";

// Runs the gates a label's rule names, in order, and collects every result (not just the first
// failure: the person releasing fixes all of them in one go). A gate that throws has failed; a gate
// the rule names but nobody registered fails the move before any gate runs: a misspelt gate name
// must never mean "no gate".

export type NamedGateResult = PromptGateResult & { gate: string };

/** A gate's result with how long it took, as kept in the label history. */
export interface GateRun extends NamedGateResult {
  durationMs: number;
}

/** The gates the names refer to; PROMPT_GATE_UNKNOWN naming every missing one. */
export function lookUpGates(
  names: readonly string[],
  gates: ReadonlyMap<string, PromptGate>,
  where: { promptId: string; label: string },
): PromptGate[] {
  const unknown = names.filter((name) => !gates.has(name));
  if (unknown.length > 0) {
    throw promptRegistryError(
      "PROMPT_GATE_UNKNOWN",
      `Label "${where.label}" of ${where.promptId} requires gate${unknown.length > 1 ? "s" : ""} ${unknown.map((name) => `"${name}"`).join(", ")}, which ${unknown.length > 1 ? "are" : "is"} not registered; the label was not moved`,
      `Register the gate (prompts.gates in gantry.config.ts) or fix its name in the label's rule; registered gates: ${[...gates.keys()].join(", ") || "none"}.`,
      { prompt: where.promptId, label: where.label, unknown, registered: [...gates.keys()] },
    );
  }
  return names.map((name) => gates.get(name)!);
}

/** Runs each gate in order; never throws for a gate's own failure. */
export async function runLabelGates(
  gates: readonly PromptGate[],
  context: PromptGateContext,
  clock: Clock,
): Promise<GateRun[]> {
  const runs: GateRun[] = [];
  for (const gate of gates) {
    const started = clock.now();
    let result: PromptGateResult;
    try {
      result = await gate.check(context);
    } catch (error) {
      result = {
        passed: false,
        summary: `the gate failed to run: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    runs.push({
      gate: gate.name,
      passed: result.passed === true,
      summary: result.summary,
      ...(result.details === undefined ? {} : { details: result.details }),
      durationMs: clock.now() - started,
    });
  }
  return runs;
}
