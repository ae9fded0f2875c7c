// The runtime module's only entry point: agents, tools, the step loop and run state.

export * from "./agent-definition.js";
export * from "./agent-manifest.js";
export { type CreateRuntimeOptions, createRuntime } from "./create-runtime.js";
export { checkFinalOutput } from "./final-output.js";
export { loadRunState } from "./load-run-state.js";
export { agentNotFound } from "./run-errors.js";
export type * from "./run-events.js";
export * from "./run-state.js";
export type * from "./runtime-spec.js";
export { specWorld } from "./spec-world.js";
export * from "./tool-definition.js";
export { loadWorkspacePolicies } from "./workspace-policies.js";
export {
  createWorkspacePrompts,
  selectorOf,
  type WorkspacePrompts,
  type WorkspacePromptsOptions,
  withReplayModel,
} from "./workspace-prompts.js";
export { cheaperTierOf, createWorkspaceRuntime, type WorkspaceRuntimeOptions } from "./workspace-runtime.js";
export * from "./workspace-tools/index.js";
