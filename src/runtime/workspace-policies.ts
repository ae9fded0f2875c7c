import type { Workspace } from "../core/index.js";
import { type LoadedPolicies, loadPolicies } from "../guard/index.js";
import { configuredModels } from "../models/index.js";
import type { AgentDefinition } from "./agent-definition.js";
import { policyWorkspaceOf } from "./policy-workspace.js";

/** Loads and validates a workspace's `policies/` against its agents, tools and models; throws POLICY_INVALID. */
export function loadWorkspacePolicies(workspace: Workspace): LoadedPolicies {
  const agents = workspace.config.agents as AgentDefinition[];
  const models = configuredModels(workspace.config.models).map((model) => model.id);
  return loadPolicies({ root: workspace.root, workspace: policyWorkspaceOf(agents, models) });
}
