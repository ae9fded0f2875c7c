import { actionGroups, modelActionId, toolActionId, toolGroups } from "./action-model.js";
import { type ArgType, argTypeOf, cedarSchemaType } from "./arg-types.js";
import type { SchemaJson } from "./cedar-engine.js";
import type { PolicyTool, PolicyWorkspace } from "./policy-workspace.js";

// The Cedar schema generated from a workspace: policies are validated against it at load, so a typo
// in an action name, a wrong argument name or a type mismatch stops start-up instead of silently
// never matching.
//
// Entities: Agent (in Project, Session, User, ApiKey), Tool, Model. Each tool and configured model is
// an action in its groups; the context of every action has the same shape except `args`, which is
// typed from the tool's input schema (an empty record for models and for tools without one).

export interface GeneratedSchema {
  /** The schema policies are validated against. */
  json: SchemaJson<string>;
  /** Each known tool's `context.args` type (always a record). */
  argTypes: ReadonlyMap<string, Extract<ArgType, { kind: "record" }>>;
}

const emptyArgs: Extract<ArgType, { kind: "record" }> = { kind: "record", attributes: {} };

const string = { type: "String" };
const boolean = { type: "Boolean" };

function contextType(args: ArgType): Record<string, unknown> {
  return {
    type: "Record",
    attributes: {
      args: { ...cedarSchemaType(args), required: true },
      environment: { ...string, required: true },
      source: { ...string, required: true },
      annotations: {
        type: "Record",
        required: true,
        attributes: {
          readOnly: { ...boolean, required: true },
          destructive: { ...boolean, required: true },
          idempotent: { ...boolean, required: true },
        },
      },
      delegation: { type: "Set", element: string, required: true },
      approved: { ...boolean, required: true },
      egressHost: { ...string, required: false },
    },
  };
}

/** The tools of a workspace by name; the first definition of a name wins. */
export function toolsByName(workspace: PolicyWorkspace): Map<string, PolicyTool> {
  const tools = new Map<string, PolicyTool>();
  for (const tool of workspace.tools) if (!tools.has(tool.name)) tools.set(tool.name, tool);
  return tools;
}

/** The Cedar schema (JSON form) of a workspace and the argument types it gives each tool. */
export function generateCedarSchema(workspace: PolicyWorkspace): GeneratedSchema {
  const argTypes = new Map<string, Extract<ArgType, { kind: "record" }>>();
  const actions: Record<string, unknown> = {};
  for (const group of Object.values(actionGroups)) actions[group] = {};
  for (const tool of toolsByName(workspace).values()) {
    const type = argTypeOf(tool.inputSchema);
    const args = type?.kind === "record" ? type : emptyArgs;
    argTypes.set(tool.name, args);
    const groups = toolGroups(tool.source, tool.annotations);
    actions[toolActionId(tool.name)] = {
      memberOf: groups.map((id) => ({ id })),
      appliesTo: { principalTypes: ["Agent"], resourceTypes: ["Tool"], context: contextType(args) },
    };
  }
  for (const model of new Set(workspace.models ?? [])) {
    actions[modelActionId(model)] = {
      memberOf: [{ id: actionGroups.model }],
      appliesTo: { principalTypes: ["Agent"], resourceTypes: ["Model"], context: contextType(emptyArgs) },
    };
  }
  const json = {
    "": {
      entityTypes: {
        Project: {},
        Session: {},
        User: {},
        ApiKey: {},
        Agent: {
          memberOfTypes: ["Project", "Session", "User", "ApiKey"],
          shape: { type: "Record", attributes: { version: { ...string, required: false } } },
        },
        Tool: {
          shape: { type: "Record", attributes: { name: { ...string }, source: { ...string } } },
        },
        Model: {
          shape: { type: "Record", attributes: { name: { ...string }, provider: { ...string } } },
        },
      },
      actions,
    },
  } as unknown as SchemaJson<string>;
  return { json, argTypes };
}
