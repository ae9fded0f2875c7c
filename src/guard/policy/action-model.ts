import type { ActionAnnotations, PolicyAction } from "./policy-spec.js";

// How calls become Cedar actions and resources. A tool call is `Action::"tool:<name>"` on
// `Tool::"<name>"`, a model call `Action::"model:<provider:model>"` on `Model::"<provider:model>"`.
// Actions belong to groups so one policy can cover many: `action in Action::"destructive"`.

/** The action groups, each an `Action::"<group>"` that actions are `in`. */
export const actionGroups = {
  /** Every tool call (function, MCP, handoff). */
  tools: "tools",
  /** Tools annotated readOnly. */
  readOnly: "readOnly",
  /** Tools annotated destructive. */
  destructive: "destructive",
  /** Tools annotated idempotent. */
  idempotent: "idempotent",
  /** Tools of MCP servers. */
  mcp: "mcp",
  /** Handoffs to subagents. */
  handoffs: "handoffs",
  /** Every model call. */
  model: "model",
} as const;

/** The Cedar action id of a tool. */
export function toolActionId(tool: string): string {
  return `tool:${tool}`;
}

/** The Cedar action id of a model. */
export function modelActionId(model: string): string {
  return `model:${model}`;
}

/** The groups a tool's action is in, from its source and annotations (sorted, stable). */
export function toolGroups(source: string | undefined, annotations: ActionAnnotations | undefined): string[] {
  const groups: string[] = [actionGroups.tools];
  if (annotations?.readOnly) groups.push(actionGroups.readOnly);
  if (annotations?.destructive) groups.push(actionGroups.destructive);
  if (annotations?.idempotent) groups.push(actionGroups.idempotent);
  if (source === "mcp") groups.push(actionGroups.mcp);
  if (source === "handoff") groups.push(actionGroups.handoffs);
  return groups;
}

/** The action id, its groups and the resource of a call. */
export function actionOf(action: PolicyAction): {
  id: string;
  groups: string[];
  resource: { type: "Tool" | "Model"; id: string };
} {
  if (action.kind === "model") {
    return {
      id: modelActionId(action.model),
      groups: [actionGroups.model],
      resource: { type: "Model", id: action.model },
    };
  }
  return {
    id: toolActionId(action.tool),
    groups: toolGroups(action.source, action.annotations),
    resource: { type: "Tool", id: action.tool },
  };
}
