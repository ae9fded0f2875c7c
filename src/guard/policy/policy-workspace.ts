import type { JsonValue } from "../../core/index.js";
import type { ActionAnnotations } from "./policy-spec.js";

// What the policy schema is generated from: the names a workspace knows when it loads. Guard cannot
// import the runtime, so the caller describes its agents and tools with these plain shapes.

/** A tool as the policy layer sees it. */
export interface PolicyTool {
  name: string;
  /** `function` (defineTool, the default), `mcp`, `handoff` (a subagent). */
  source?: "function" | "mcp" | "handoff";
  annotations?: ActionAnnotations;
  /**
   * JSON Schema of the tool's input (`z.toJSONSchema(tool.input, { io: "input" })`): types
   * `context.args` for this tool's action, so policies reading arguments are checked at load.
   */
  inputSchema?: JsonValue;
}

/** The workspace's agents, tools and configured models, known at load. */
export interface PolicyWorkspace {
  agents: readonly string[];
  tools: readonly PolicyTool[];
  /** Model ids (`provider:model`) the workspace configures: each gets an `Action::"model:<id>"`. */
  models?: readonly string[];
}
