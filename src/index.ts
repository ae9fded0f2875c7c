// The public SDK surface of the `gantry` package: what a workspace's gantry.config.ts, scenario
// files and user code import.

// The zod Gantry validates with, so a workspace's tool schemas need no separate install or version match.
export { z } from "zod";
export {
  defineConfig,
  type GantryConfig,
  type GantryConfigInput,
  GantryError,
  type GantryErrorJSON,
} from "./core/index.js";
// Custom scorers (`{ type: custom, module: scorers/x.ts }`) are typed with these.
export type {
  CaseOutput,
  EvalCase,
  ScoreResult,
  Scorer,
  ScorerContext,
} from "./evals/index.js";
export {
  injectionGuardrail,
  outputSchemaGuardrail,
  piiGuardrail,
  resolveApprovalSecret,
  toolCredentialSecret,
  verifyToolCredential,
} from "./guard/index.js";
export {
  createSimProvider,
  defineScenario,
  type Scenario,
  type ScenarioInput,
  type SimProvider,
  type SimProviderSettings,
  simModel,
} from "./models/index.js";
export {
  createPromptClient,
  definePromptGate,
  httpPromptFetcher,
  type PromptClient,
  type PromptGate,
  type PromptGateContext,
  type PromptGateResult,
  type ServedPrompt,
  workspaceBundledPrompts,
} from "./prompts/index.js";
export {
  type AgentConfig,
  type AgentDefinition,
  type AgentLimits,
  createWorkspaceTools,
  defineAgent,
  defineTool,
  type RunEvent,
  type RunResult,
  type ToolConfig,
  type ToolContext,
  type ToolDefinition,
  type WorkspaceTools,
  type WorkspaceToolsOptions,
} from "./runtime/index.js";
