import { GantryError } from "../core/index.js";

// The runtime's errors, in one place so their codes stay consistent with docs/reference/errors.md.

export function agentNotFound(name: string, known: readonly string[]): GantryError {
  return new GantryError({
    code: "AGENT_NOT_FOUND",
    message: `No agent named "${name}" in this workspace${known.length > 0 ? `; agents: ${known.join(", ")}` : " (it defines none)"}`,
    domain: "AGENT",
    category: "USER",
    details: { agent: name, known: [...known] },
    hint: "Add it to `agents` in gantry.config.ts (made with defineAgent), or pick one listed above.",
  });
}

export function runNotFound(runId: string): GantryError {
  return new GantryError({
    code: "RUN_NOT_FOUND",
    message: `No run with id ${runId} exists in this store`,
    domain: "AGENT",
    category: "USER",
    details: { runId },
    hint: "`gantry runs list` shows the runs there are.",
  });
}

export function runNotResumable(runId: string, status: string, why: string): GantryError {
  return new GantryError({
    code: "RUN_NOT_RESUMABLE",
    message: `Run ${runId} is ${status} and cannot be resumed: ${why}`,
    domain: "AGENT",
    category: "USER",
    details: { runId, status },
    hint: "Start a new run with `gantry run <agent> --input …`.",
  });
}

export function runLimitReached(limit: string, value: number, agent: string): GantryError {
  return new GantryError({
    code: "RUN_LIMIT_REACHED",
    message: `Agent "${agent}" reached its ${limit} limit (${value}) before giving a final answer`,
    domain: "AGENT",
    category: "MODEL_BEHAVIOR",
    details: { limit, value, agent },
    hint: `Raise limits.${limit} in the agent's defineAgent call if the task needs it, or look at the trace for a loop.`,
  });
}

export function toolOutputInvalid(tool: string, problems: string): GantryError {
  return new GantryError({
    code: "TOOL_OUTPUT_INVALID",
    message: `Tool "${tool}" returned a result that does not match its output schema: ${problems}`,
    domain: "TOOL",
    category: "USER",
    details: { tool, problems },
    hint: "The tool's implementation and its `output` schema disagree (a renamed or missing field?); fix one of them.",
  });
}

export function outputInvalid(agent: string, problems: string, repairs: number): GantryError {
  return new GantryError({
    code: "OUTPUT_INVALID",
    message: `Agent "${agent}" gave a final answer that does not match its output schema after ${repairs} re-ask(s): ${problems}`,
    domain: "AGENT",
    category: "MODEL_BEHAVIOR",
    details: { agent, problems, repairs },
    hint: "Look at the last answer in the trace; a clearer prompt, a stronger tier or a higher limits.maxRepairs may help.",
  });
}

export function priceUnknown(agent: string, model: string): GantryError {
  return new GantryError({
    code: "BUDGET_PRICE_UNKNOWN",
    message: `Cannot reserve budget for agent "${agent}": model ${model} has no price, so its cost cannot be bounded`,
    domain: "BUDGET",
    category: "USER",
    details: { agent, model },
    hint: "Add a price for the model under models.prices in gantry.config.ts, or disable budgets.",
  });
}

export function policyDenied(agent: string, what: string, reason: string, invariant?: string): GantryError {
  return new GantryError({
    code: "POLICY_DENIED",
    message: `Agent "${agent}" may not use ${what}: ${reason}${invariant ? ` (invariant ${invariant})` : ""}`,
    domain: "POLICY",
    category: "USER",
    details: { agent, what, reason, ...(invariant ? { invariant } : {}) },
    hint: "Permit it in policies/*.cedar or the agent's rules if the agent should be able to, then resume or rerun.",
  });
}
