import { actionGroups } from "./action-model.js";
import type { PolicyJson } from "./cedar-engine.js";

const groupIds = new Set<string>(Object.values(actionGroups));

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
    // `in` and `is … in` need the entity's ancestors; `==` compares ids and needs no entity. For
    // actions, `in` a list of plain actions is true only for those actions themselves (`in` is
    // reflexive), so only `in` a group needs the action's ancestors.
    principalEntity: reads.principal || principal.kind === "in" || principal.kind === "other",
    actionEntity:
      reads.action ||
      action.kind === "other" ||
      (action.kind === "in" && action.entities.some((entity) => groupIds.has(entity.id))),
    resourceEntity: reads.resource || resource.kind === "in" || resource.kind === "other",
    context: reads.contextAll ? "all" : reads.contextPaths,
  };
}
