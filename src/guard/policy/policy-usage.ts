import type { PolicyJson } from "./cedar-engine.js";
import { policyScope } from "./cedar-split.js";

// What a policy can match and what it reads, worked out once at load from its JSON form. Two uses:
//  - slicing: a request only needs the policies whose scope can match it (Cedar checks the scope
//    before the conditions, so a policy whose scope fails neither applies nor errors);
//  - pruning: a request only sends Cedar the entities and context paths the policies it evaluates
//    read. Every value crossing into wasm costs microseconds, so this is most of a decision's cost.

export type ScopeMatch =
  /** Any value. */
  | { kind: "all" }
  /** Exactly this entity. */
  | { kind: "eq"; type: string; id: string }
  /** The entity or its ancestors include one of these (`in`); for actions, one of the ids. */
  | { kind: "in"; entities: ReadonlyArray<{ type: string; id: string }> }
  /** Anything else (`is`, slots): always evaluated. */
  | { kind: "other" };

export interface PolicyUsage {
  principal: ScopeMatch;
  action: ScopeMatch;
  resource: ScopeMatch;
  /** The policy reads the principal's entity (attributes or ancestors). */
  principalEntity: boolean;
  actionEntity: boolean;
  resourceEntity: boolean;
  /** Context paths read (`[["args", "amountUsd"], ["approved"]]`), or "all" when context is read whole. */
  context: "all" | ReadonlyArray<readonly string[]>;
  /**
   * Entity types the policy names (`Project` in `principal in Project::"shop"`). Context never holds
   * entities, so only these can be a principal's ancestors that an `in` looks for.
   */
  entityTypes: ReadonlySet<string>;
}

function collectEntityTypes(node: Json, types: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectEntityTypes(item, types);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const record = node as Record<string, unknown>;
  if (typeof record.type === "string" && typeof record.id === "string") types.add(record.type);
  for (const value of Object.values(record)) collectEntityTypes(value, types);
}

type Json = unknown;

function entityOf(value: Json): { type: string; id: string } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const inner = (record.__entity ?? record) as Record<string, unknown>;
  return typeof inner.type === "string" && typeof inner.id === "string"
    ? { type: inner.type, id: inner.id }
    : undefined;
}

function scopeOf(constraint: Record<string, unknown>): ScopeMatch {
  if (constraint.op === "All") return { kind: "all" };
  if (constraint.op === "==") {
    const entity = entityOf(constraint.entity);
    return entity ? { kind: "eq", ...entity } : { kind: "other" };
  }
  if (constraint.op === "in") {
    const list = Array.isArray(constraint.entities) ? constraint.entities : [constraint.entity];
    const entities = list.map(entityOf);
    if (entities.every((entity) => entity !== undefined)) return { kind: "in", entities };
  }
  return { kind: "other" };
}

/** The chain of attribute names of `context.a.b` (innermost first undone), or undefined when not from context. */
function contextChain(node: Json): string[] | undefined {
  if (typeof node !== "object" || node === null) return undefined;
  const record = node as Record<string, unknown>;
  if (record.Var === "context") return [];
  const access = record["."] as { left: Json; attr: string } | undefined;
  if (access) {
    const base = contextChain(access.left);
    return base ? [...base, access.attr] : undefined;
  }
  return undefined;
}

class Reads {
  principal = false;
  action = false;
  resource = false;
  contextAll = false;
  contextPaths: string[][] = [];

  walk(node: Json): void {
    if (Array.isArray(node)) {
      for (const item of node) this.walk(item);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const record = node as Record<string, unknown>;
    if ("Value" in record) return; // a literal: nothing read
    if (typeof record.Var === "string") {
      if (record.Var === "principal") this.principal = true;
      else if (record.Var === "action") this.action = true;
      else if (record.Var === "resource") this.resource = true;
      else if (record.Var === "context") this.contextAll = true;
      return;
    }
    const access = record["."] as { left: Json; attr: string } | undefined;
    if (access) {
      const chain = contextChain(record);
      if (chain) this.contextPaths.push(chain);
      else this.walk(access.left);
      return;
    }
    const has = record.has as { left: Json; attr: string | string[] } | undefined;
    if (has) {
      const chain = contextChain(has.left);
      if (chain) this.contextPaths.push([...chain, ...(Array.isArray(has.attr) ? has.attr : [has.attr])]);
      else this.walk(has.left);
      return;
    }
    for (const value of Object.values(record)) this.walk(value);
  }
}

/**
 * The policy as a slice evaluates it: scopes the slicer has checked exactly (`==`, `in`) become
 * `principal`, `action`, `resource`, so Cedar needs no entity hierarchy to confirm them again.
 * Rewritten in the text (a JSON round trip through JavaScript would round Longs beyond 2^53).
 */
export function sliceForm(text: string, usage: PolicyUsage): string | undefined {
  const scope = policyScope(text);
  if (scope?.parts.length !== 3) return undefined;
  const [principal, action, resource] = scope.parts as [string, string, string];
  const elements = [
    usage.principal.kind === "other" ? principal : "principal",
    usage.action.kind === "other" ? action : "action",
    usage.resource.kind === "other" ? resource : "resource",
  ];
  return `${text.slice(0, scope.start)}${elements.join(", ")}${text.slice(scope.end)}`;
}

/** What a policy matches and reads, from its JSON form. */
export function policyUsage(policy: PolicyJson): PolicyUsage {
  const reads = new Reads();
  for (const clause of policy.conditions) reads.walk(clause.body);
  const principal = scopeOf(policy.principal as unknown as Record<string, unknown>);
  const action = scopeOf(policy.action as unknown as Record<string, unknown>);
  const resource = scopeOf(policy.resource as unknown as Record<string, unknown>);
  return {
    principal,
    action,
    resource,
    // The slicer checks `==` and `in` scopes exactly against each request and the slice's copy of the
    // policy drops them (sliceForm), so an entity is needed only when the conditions read it or a
    // scope is of another kind (`is`).
    principalEntity: reads.principal || principal.kind === "other",
    actionEntity: reads.action || action.kind === "other",
    resourceEntity: reads.resource || resource.kind === "other",
    context: reads.contextAll ? "all" : reads.contextPaths,
    entityTypes: (() => {
      const types = new Set<string>();
      collectEntityTypes(
        [
          principal.kind === "other" ? policy.principal : [],
          action.kind === "other" ? policy.action : [],
          policy.conditions,
        ],
        types,
      );
      return types;
    })(),
  };
}
