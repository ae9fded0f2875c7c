import type { JsonValue } from "../../core/index.js";

// The contract of the policy decision point (PDP). The runtime's enforcement point asks it before
// every tool call (function tools, MCP tools, handoffs to subagents) and every model call. Default
// deny: an action runs only when a permit matches and no forbid does; an evaluation error denies.

/** Who is acting, outermost first: the user or key, the project, the agent, the session, delegations. */
export interface PrincipalChain {
  /** The person or API key that started the run, when known. */
  user?: string;
  apiKeyId?: string;
  project: string;
  agent: string;
  agentVersion?: string;
  session?: string;
  runId: string;
  /** Agents that delegated to this one, outermost first (a subagent's parents). */
  delegation: readonly string[];
}

/** Side-effect hints of a tool, as MCP spells them. */
export interface ActionAnnotations {
  readOnly?: boolean;
  destructive?: boolean;
  idempotent?: boolean;
}

export type PolicyAction =
  | {
      kind: "tool";
      tool: string;
      /** `function` (defineTool), `mcp` (a tool of an MCP server), `handoff` (a subagent). */
      source: "function" | "mcp" | "handoff";
      annotations: ActionAnnotations;
      /** For HTTP tools: the host the call goes to, checked against the egress allowlist. */
      egressHost?: string;
    }
  | { kind: "model"; model: string };

export interface DecisionRequest {
  principal: PrincipalChain;
  action: PolicyAction;
  /** The tool's arguments (after input validation); `{}` for model calls. */
  args: JsonValue;
  /** `development`, `staging`, `production`…: policies may treat them differently. */
  environment: string;
  /** Anything else a policy may read (e.g. an approval that was granted for this exact call). */
  context?: Record<string, JsonValue>;
}

/** Which policies decided, for the audit log and the run result. */
export interface DecisionBasis {
  /** Ids of the policies that matched (`policies/default.cedar:12`, `rules:deny-destructive`). */
  policies: readonly string[];
  /** The behavioural-spec invariant this decision enforces, when the policy names one (`@invariant("no-refunds")`). */
  invariant?: string;
}

export type Decision =
  | ({ effect: "allow" } & DecisionBasis)
  | ({ effect: "deny"; reason: string } & DecisionBasis)
  | ({ effect: "require_approval"; reason: string } & DecisionBasis)
  /** Allow with these argument paths redacted from what is recorded and shown. */
  | ({ effect: "redact"; reason: string; paths: readonly string[] } & DecisionBasis);

export interface PolicyDecisionPoint {
  /** Decides one action; never throws (an evaluation error is a deny naming the error). */
  decide(request: DecisionRequest): Decision;
  /** sha256 of the loaded policy set: recorded with every decision so an audit names the policies in force. */
  readonly digest: string;
}
