import type { Clock, Workspace } from "../core/index.js";
import { createBreakerRegistry, createBudgetGuard } from "../guard/index.js";
import type { ModelAccess } from "../models/index.js";
import type { Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import type { AgentDefinition } from "./agent-definition.js";
import { createRuntime } from "./create-runtime.js";
import { resolvePromptFile } from "./prompt-file.js";
import type { Runtime } from "./runtime-spec.js";

// The runtime of a loaded workspace, as `gantry run`, `gantry up` and the HTTP API use it: the
// workspace's agents over its model access, with budgets from `budgets` in the config, a session
// breaker per agent, cost estimates for reservations and prompt files from `prompts/`.

export interface WorkspaceRuntimeOptions {
  workspace: Workspace;
  store: Store;
  modelAccess: ModelAccess;
  telemetry?: Telemetry;
  clock?: Clock;
}

/** The next cheaper tier in declaration order (tiers are declared cheapest first). */
export function cheaperTierOf(
  tiers: readonly string[],
  defaultModel: string,
): (model: string) => string | undefined {
  return (model) => {
    const current = model === "" ? defaultModel : model;
    if (!current.startsWith("tier:")) return tiers.length > 0 ? `tier:${tiers[0]}` : undefined;
    const index = tiers.indexOf(current.slice("tier:".length));
    return index > 0 ? `tier:${tiers[index - 1]}` : undefined;
  };
}

/** Builds the runtime for a workspace; throws CONFIG_INVALID when `agents` holds something else. */
export function createWorkspaceRuntime(options: WorkspaceRuntimeOptions): Runtime {
  const { workspace, store, modelAccess, telemetry, clock } = options;
  const { config } = workspace;
  const budgets = createBudgetGuard({ store, config: config.budgets, ...(clock ? { clock } : {}) });
  return createRuntime({
    agents: config.agents as AgentDefinition[],
    models: modelAccess.client,
    store,
    budgets,
    budgetLimits: config.budgets.limits,
    breakers: createBreakerRegistry({ store, ...(clock ? { clock } : {}) }),
    estimateCost: (request) => modelAccess.estimateCost(request),
    resolvePrompt: (reference) => resolvePromptFile(workspace.root, reference),
    cheaperTier: cheaperTierOf(Object.keys(config.models.tiers), config.models.default),
    defaultMaxOutputTokens: config.budgets.defaultMaxOutputTokens,
    ...(telemetry ? { telemetry } : {}),
    ...(clock ? { clock } : {}),
  });
}
