import { GantryError } from "../../core/index.js";
import type { PromptGate } from "../registry-spec.js";

// A gate as a workspace writes it in `prompts.gates` of gantry.config.ts: typed, and checked at once
// so a gate without a name or a check fails at load, not at the first label move.

/** Declares a gate a label rule can name (`prompts.labels.<label>.gates`). */
export function definePromptGate(gate: PromptGate): PromptGate {
  if (typeof gate?.name !== "string" || gate.name.trim() === "" || typeof gate.check !== "function") {
    throw new GantryError({
      code: "PROMPT_GATE_INVALID",
      message: "A prompt gate needs a non-empty name and a check function",
      domain: "PROMPT",
      category: "USER",
      hint: 'definePromptGate({ name: "evals", check: async ({ candidate }) => ({ passed, summary }) })',
    });
  }
  return gate;
}
