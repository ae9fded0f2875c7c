import { actionOf } from "./action-model.js";
import { type ArgType, type CedarValue, toCedarValue, toCedarValueByShape } from "./arg-types.js";
import type { EntityJson } from "./cedar-engine.js";
import type { ContextNeeds } from "./policy-slices.js";
import type { DecisionRequest, PrincipalChain } from "./policy-spec.js";

// A decision request as a Cedar request: principal `Agent::"<agent>"` (in its Project, Session, User
// and ApiKey), the call's action and resource, the entities, and the context:
//   args         the tool's arguments (arg-types.ts says how each maps); `{}` for model calls
//   environment  `development`, `production`…
//   source       function | mcp | handoff | model
//   annotations  { readOnly, destructive, idempotent } (false when not declared)
//   delegation   the agents that delegated to this one
//   approved     a valid approval exists for this exact call (set by the enforcement point)
//   egressHost   the host an HTTP tool calls, lowercased, when given

type RecordType = Extract<ArgType, { kind: "record" }>;

export interface CedarRequestParts {
  principal: { type: string; id: string };
  action: { type: string; id: string };
  resource: { type: string; id: string };
  context: Record<string, CedarValue>;
  entities: EntityJson[];
}

/** What to include: every entity and the whole context, or only what a slice reads. */
export interface RequestNeeds {
  principalEntity: boolean;
  principalParents: ReadonlySet<string> | "all";
  actionEntity: boolean;
  resourceEntity: boolean;
  context: ContextNeeds;
}

const everything: RequestNeeds = {
  principalEntity: true,
  principalParents: "all",
  actionEntity: true,
  resourceEntity: true,
  context: true,
};

function argsValue(request: DecisionRequest, argTypes: ReadonlyMap<string, RecordType>): CedarValue {
  if (request.action.kind === "model") return {};
  const type = argTypes.get(request.action.tool);
  const mapped = type ? toCedarValue(request.args, type) : toCedarValueByShape(request.args);
  return mapped !== undefined && typeof mapped === "object" && !Array.isArray(mapped) ? mapped : {};
}

function contextValue(
  key: string,
  request: DecisionRequest,
  argTypes: ReadonlyMap<string, RecordType>,
): CedarValue | undefined {
  const { action } = request;
  switch (key) {
    case "args":
      return argsValue(request, argTypes);
    case "environment":
      return request.environment;
    case "source":
      return action.kind === "model" ? "model" : action.source;
    case "annotations": {
      const annotations = action.kind === "tool" ? action.annotations : {};
      return {
        readOnly: annotations.readOnly === true,
        destructive: annotations.destructive === true,
        idempotent: annotations.idempotent === true,
      };
    }
    case "delegation":
      return [...request.principal.delegation];
    case "approved":
      return request.context?.approved === true;
    case "egressHost":
      return action.kind === "tool" && action.egressHost ? action.egressHost.toLowerCase() : undefined;
    default:
      return undefined;
  }
}

const contextKeys = ["args", "environment", "source", "annotations", "delegation", "approved", "egressHost"];

function prune(value: CedarValue, needs: ContextNeeds): CedarValue {
  if (
    needs === true ||
    typeof value !== "object" ||
    value === null ||
    Array.isArray(value) ||
    "__extn" in value
  ) {
    return value;
  }
  const record = value as Record<string, CedarValue>;
  const pruned: Record<string, CedarValue> = {};
  for (const [key, child] of needs) {
    const item = record[key];
    if (item !== undefined) pruned[key] = prune(item, child);
  }
  return pruned;
}

/** The principal's parents: its project, and its session, user and API key when known. */
export function principalParents(principal: PrincipalChain): Array<{ type: string; id: string }> {
  const parents = [{ type: "Project", id: principal.project }];
  if (principal.session !== undefined) parents.push({ type: "Session", id: principal.session });
  if (principal.user !== undefined) parents.push({ type: "User", id: principal.user });
  if (principal.apiKeyId !== undefined) parents.push({ type: "ApiKey", id: principal.apiKeyId });
  return parents;
}

/** The Cedar request for a decision, with only the entities and context paths `needs` asks for. */
export function cedarRequest(
  request: DecisionRequest,
  argTypes: ReadonlyMap<string, RecordType>,
  needs: RequestNeeds = everything,
): CedarRequestParts {
  const { principal } = request;
  const call = actionOf(request.action);
  const context: Record<string, CedarValue> = {};
  for (const key of needs.context === true ? contextKeys : needs.context.keys()) {
    const value = contextValue(key, request, argTypes);
    if (value === undefined) continue;
    const child = needs.context === true ? true : (needs.context.get(key) ?? true);
    context[key] = prune(value, child);
  }
  const entities: EntityJson[] = [];
  if (needs.principalEntity) {
    const wanted = needs.principalParents;
    const parents = principalParents(principal).filter(
      (parent) => wanted === "all" || wanted.has(parent.type),
    );
    entities.push({
      uid: { type: "Agent", id: principal.agent },
      attrs: principal.agentVersion ? { version: principal.agentVersion } : {},
      parents,
    });
  }
  if (needs.actionEntity) {
    entities.push({
      uid: { type: "Action", id: call.id },
      attrs: {},
      parents: call.groups.map((id) => ({ type: "Action", id })),
    });
  }
  if (needs.resourceEntity) {
    const attrs: Record<string, string> =
      request.action.kind === "model"
        ? { name: request.action.model, provider: request.action.model.split(":")[0] ?? "" }
        : { name: request.action.tool, source: request.action.source };
    entities.push({ uid: call.resource, attrs, parents: [] });
  }
  return {
    principal: { type: "Agent", id: principal.agent },
    action: { type: "Action", id: call.id },
    resource: call.resource,
    context,
    entities,
  };
}
