export * from "./budgets-config-schema.js";
export * from "./config-schema.js";
export * from "./evals-config-schema.js";
export { type ConfigProblem, formatIssues } from "./format-issues.js";
export {
  configFileNames,
  findConfigFile,
  loadWorkspace,
  parseConfig,
  type Workspace,
} from "./load-config.js";
export * from "./models-config-schema.js";
export * from "./prompts-config-schema.js";
export * from "./sim-settings-schema.js";
