import { sha256Hex } from "../../core/index.js";
import { cedar } from "./cedar-engine.js";
import type { LoadedPolicy } from "./compile-policies.js";
import { policyEngineFailed } from "./policy-errors.js";
import type { ScopeMatch } from "./policy-usage.js";

// Policy slicing: a decision evaluates only the policies whose scope can match its request (agent and
// the principal's parents, action and its groups, resource), pre-parsed once per distinct slice into
// cedar-wasm's cache. Cedar checks a policy's scope before its conditions, so a policy left out could
// neither have applied nor have failed: the decision, the policies it names and its errors are the
// same as over the whole set. The slicer checks `==` and `in` scopes exactly (the principal's only
// ancestors are its parents, actions' only ancestors their groups, resources have none), so each
// slice evaluates its policies with those scopes dropped and the request carries no entity hierarchy
// for them. Each cedar-wasm call costs ~15 µs, ~2 µs per policy evaluated and 3-15 µs per value sent
// (a decimal or an entity costs most), so a 200-policy set decided whole takes ~0.5 ms and a slice
// a few tens of µs (bench/policy).

/** A path tree of the context a slice reads: `true` is a whole value. */
export type ContextNeeds = true | Map<string, ContextNeeds>;

export interface PolicySlice {
  /** The pre-parsed set's id in cedar-wasm's cache (empty slices are never sent to Cedar). */
  setId: string;
  policies: readonly LoadedPolicy[];
  /** The whole set as written (`slicing: false`) rather than slice forms. */
  whole: boolean;
  principalEntity: boolean;
  /** The types of the principal's parents worth sending: those the slice's policies name. */
  principalParents: ReadonlySet<string> | "all";
  actionEntity: boolean;
  resourceEntity: boolean;
  context: ContextNeeds;
}

// Pre-parsed sets live in cedar-wasm's per-thread cache for the life of the process; ids are derived
// from content, so two policy points with the same policies share them and never overwrite another's.
const prepared = new Set<string>();

function addPath(tree: Map<string, ContextNeeds>, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const existing = tree.get(head);
  if (existing === true) return;
  if (rest.length === 0) {
    tree.set(head, true);
    return;
  }
  const child = existing ?? new Map<string, ContextNeeds>();
  tree.set(head, child);
  addPath(child, rest);
}

function actionMatches(scope: ScopeMatch, target: SliceTarget): boolean {
  if (scope.kind === "eq") return scope.type === "Action" && scope.id === target.actionId;
  if (scope.kind === "in") {
    return scope.entities.some(
      (entity) =>
        entity.type === "Action" && (entity.id === target.actionId || target.groups.includes(entity.id)),
    );
  }
  return true;
}

function resourceMatches(scope: ScopeMatch, target: SliceTarget): boolean {
  // Resources have no parents: `in` holds only for the resource itself.
  if (scope.kind === "eq") return scope.type === target.resource.type && scope.id === target.resource.id;
  if (scope.kind === "in") {
    return scope.entities.some(
      (entity) => entity.type === target.resource.type && entity.id === target.resource.id,
    );
  }
  return true;
}

/**
 * Pre-parses a slice's policies into cedar-wasm's cache under its id (once; `again` when cedar-wasm
 * answered that it does not know the id, as a second copy of the engine in the process would).
 */
export function prepareSlice(slice: Pick<PolicySlice, "setId" | "policies" | "whole">, again = false): void {
  if (slice.policies.length === 0 || (prepared.has(slice.setId) && !again)) return;
  // The whole set is the policies as written; a slice evaluates their slice forms.
  const staticPolicies = Object.fromEntries(
    slice.policies.map((policy) => [policy.id, slice.whole ? policy.text : policy.sliceForm]),
  );
  const answer = cedar().preparsePolicySet(slice.setId, { staticPolicies });
  if (answer.type === "failure")
    throw policyEngineFailed(answer.errors.map((error) => error.message).join("; "));
  prepared.add(slice.setId);
}

function buildSlice(digest: string, policies: readonly LoadedPolicy[], whole = false): PolicySlice {
  const ids = policies.map((policy) => policy.id);
  const setId = `gantry:${digest.slice(0, 16)}:${whole ? "whole" : sha256Hex(ids.join("\n")).slice(0, 16)}`;
  prepareSlice({ setId, policies, whole });
  let context: ContextNeeds = new Map<string, ContextNeeds>();
  for (const policy of policies) {
    if (policy.usage.context === "all") {
      context = true;
      break;
    }
    for (const path of policy.usage.context) {
      if (path.length === 0) {
        context = true;
        break;
      }
      addPath(context, path);
    }
    if (context === true) break;
  }
  return {
    setId,
    policies,
    whole,
    principalEntity: policies.some((policy) => policy.usage.principalEntity),
    principalParents: new Set(policies.flatMap((policy) => [...policy.usage.entityTypes])),
    actionEntity: policies.some((policy) => policy.usage.actionEntity),
    resourceEntity: policies.some((policy) => policy.usage.resourceEntity),
    context,
  };
}

/** What a slice is chosen by: the agent, its ancestors, the action, its groups and the resource. */
export interface SliceTarget {
  agent: string;
  /** The principal's parents (`Project::"default"`, `Session::"…"`…); they have no parents themselves. */
  ancestors: ReadonlyArray<{ type: string; id: string }>;
  actionId: string;
  groups: readonly string[];
  resource: { type: string; id: string };
}

function principalMatches(scope: ScopeMatch, target: SliceTarget): boolean {
  if (scope.kind === "eq") return scope.type === "Agent" && scope.id === target.agent;
  if (scope.kind === "in") {
    // `in` is reflexive, and the principal's ancestors are exactly its parents (a flat hierarchy).
    return scope.entities.some(
      (entity) =>
        (entity.type === "Agent" && entity.id === target.agent) ||
        target.ancestors.some((ancestor) => ancestor.type === entity.type && ancestor.id === entity.id),
    );
  }
  return true;
}

// Request keys can be made up by a model (any tool name) or grow with sessions, so the key cache is
// bounded; slices are shared by content and bounded by the policies' own scopes.
const maxKeys = 10_000;

/** Finds (and pre-parses on first use) the slice of a policy set for a request. */
export class PolicySlicer {
  private readonly byKey = new Map<string, PolicySlice>();
  private readonly byContent = new Map<string, PolicySlice>();
  private readonly whole: PolicySlice | undefined;
  /** The ancestor types some policy's principal scope looks for with `in`: part of the key. */
  private readonly keyTypes: ReadonlySet<string>;

  /** With `slicing: false` every request gets the whole set, every entity and the whole context. */
  constructor(
    private readonly policies: readonly LoadedPolicy[],
    private readonly digest: string,
    slicing = true,
  ) {
    this.whole = slicing
      ? undefined
      : {
          ...buildSlice(digest, policies, true),
          principalEntity: true,
          principalParents: "all",
          actionEntity: true,
          resourceEntity: true,
          context: true,
        };
    this.keyTypes = new Set(
      policies
        .flatMap((policy) => (policy.usage.principal.kind === "in" ? policy.usage.principal.entities : []))
        .map((entity) => entity.type),
    );
  }

  /** The policies whose scope can match the target. */
  sliceFor(target: SliceTarget): PolicySlice {
    if (this.whole) return this.whole;
    const ancestors = target.ancestors
      .filter((ancestor) => this.keyTypes.has(ancestor.type))
      .map((ancestor) => `${ancestor.type}=${ancestor.id}`);
    const key = [target.agent, target.actionId, target.groups.join(","), ...ancestors].join("\u0000");
    const cached = this.byKey.get(key);
    if (cached) return cached;
    const policies = this.policies.filter(
      (policy) =>
        principalMatches(policy.usage.principal, target) &&
        actionMatches(policy.usage.action, target) &&
        resourceMatches(policy.usage.resource, target),
    );
    const content = policies.map((policy) => policy.id).join("\n");
    let slice = this.byContent.get(content);
    if (!slice) {
      slice = buildSlice(this.digest, policies);
      this.byContent.set(content, slice);
    }
    if (this.byKey.size >= maxKeys) this.byKey.clear();
    this.byKey.set(key, slice);
    return slice;
  }
}
