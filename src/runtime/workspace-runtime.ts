import { type Clock, resolveEnvironment, type Workspace } from "../core/index.js";
import {
  createApprovals,
  createBreakerRegistry,
  createBudgetGuard,
  createCedarPolicyPoint,
  resolveApprovalSecret,
  toolCredentialSecret,
} from "../guard/index.js";
import type { ModelAccess } from "../models/index.js";
import type { Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import type { AgentDefinition } from "./agent-definition.js";
import { createRuntime } from "./create-runtime.js";
import type { Runtime } from "./runtime-spec.js";
import { loadWorkspacePolicies } from "./workspace-policies.js";
import { createWorkspacePrompts, type WorkspacePrompts } from "./workspace-prompts.js";

// The runtime of a loaded workspace, as `gantry run`, `gantry up` and the HTTP API use it: the
// workspace's agents over its model access, with budgets from `budgets` in the config, a session
// breaker per agent, cost estimates for reservations, prompts from the registry (label from the
// config, cached, falling back to the files in `prompts/`), and the
// enforcement stack: policies from `policies/` (default deny; a bad file stops start-up), signed
// approvals, the audit log and per-call tool credentials.

export interface WorkspaceRuntimeOptions {
  workspace: Workspace;
  store: Store;
  modelAccess: ModelAccess;
  telemetry?: Telemetry;
  clock?: Clock;
  /** `development` (default: GANTRY_ENVIRONMENT or development), `production`…: policies may decide by it. */
  environment?: string;
  /** Where the approval key is read from (GANTRY_APPROVAL_SECRET); `process.env` by default. */
  env?: Record<string, string | undefined>;
  /** The workspace's prompts (registry, client); built here when not given. */
  prompts?: WorkspacePrompts;
  /** Told about load-time notices, e.g. "no policies: every tool call is denied". */
  onWarning?: (message: string) => void;
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

/**
 * Builds the runtime for a workspace. Throws CONFIG_INVALID when `agents` holds something else and
 * POLICY_INVALID (file:line) when a policy does not parse or validate: Gantry never runs without its
 * policies.
 */
export function createWorkspaceRuntime(options: WorkspaceRuntimeOptions): Runtime {
  const { workspace, store, modelAccess, telemetry, clock } = options;
  const { config } = workspace;
  const env = options.env ?? process.env;
  const agents = config.agents as AgentDefinition[];
  const policies = loadWorkspacePolicies(workspace);
  for (const warning of policies.warnings) options.onWarning?.(warning);
  const secret = resolveApprovalSecret({ env, root: workspace.root });
  const prompts =
    options.prompts ??
    createWorkspacePrompts({
      workspace,
      store,
      modelAccess,
      ...(telemetry ? { telemetry } : {}),
      ...(clock ? { clock } : {}),
    });
  const budgets = createBudgetGuard({ store, config: config.budgets, ...(clock ? { clock } : {}) });
  return createRuntime({
    agents,
    models: modelAccess.client,
    store,
    budgets,
    budgetLimits: config.budgets.limits,
    breakers: createBreakerRegistry({ store, ...(clock ? { clock } : {}) }),
    estimateCost: (request) => modelAccess.estimateCost(request),
    resolvePrompt: (reference) => prompts.resolve(reference),
    cheaperTier: cheaperTierOf(Object.keys(config.models.tiers), config.models.default),
    defaultMaxOutputTokens: config.budgets.defaultMaxOutputTokens,
    policy: createCedarPolicyPoint({ policies }),
    approvals: createApprovals({ store, secret }),
    audit: store.audit,
    signingSecret: toolCredentialSecret(secret),
    environment: options.environment ?? resolveEnvironment(config, env),
    ...(telemetry ? { telemetry } : {}),
    ...(clock ? { clock } : {}),
  });
}
