import { canonicalJson, sha256Hex } from "../../core/index.js";
import { cedar, type DetailedError, type PolicyJson } from "./cedar-engine.js";
import { type GeneratedSchema, generateCedarSchema } from "./cedar-schema.js";
import { splitPolicies } from "./cedar-split.js";
import { type PolicyAnnotations, readAnnotations } from "./policy-annotations.js";
import { type PolicyProblem, policyEngineFailed, policyInvalid } from "./policy-errors.js";
import { type PolicyUsage, policyUsage, sliceForm } from "./policy-usage.js";
import type { PolicyWorkspace } from "./policy-workspace.js";
import { positionAt } from "./source-position.js";

// Turns policy drafts (from .cedar files, compiled YAML rules and the built-ins) into the validated
// policy set a decision point runs: each parsed, given its `<file>:<line>` id, checked against the
// schema generated from the workspace, and analysed for slicing. Any problem throws POLICY_INVALID
// naming every place that is wrong.

/** A policy's Cedar text and where it came from, before it is validated. */
export interface PolicyDraft {
  /** A fixed id (built-ins); otherwise `<file>:<line>`. */
  id?: string;
  file: string;
  line: number;
  column: number;
  text: string;
  origin: "cedar" | "rules" | "builtin";
  /** For a rule: what it says, to prefix its validation errors (`constraint issue_refund.amountUsd <= 100`). */
  description?: string;
  /** For a .cedar policy: the whole file and the policy's offset in it, to locate errors inside it. */
  source?: { text: string; offset: number };
}

/** One validated policy of the set in force. */
export interface LoadedPolicy {
  /** `policies/default.cedar:12`: what decisions and the audit log name. */
  id: string;
  file: string;
  line: number;
  column: number;
  effect: "permit" | "forbid";
  text: string;
  annotations: PolicyAnnotations;
  usage: PolicyUsage;
  /** The text a slice evaluates (policy-usage.ts `sliceForm`). */
  sliceForm: string;
  origin: PolicyDraft["origin"];
  description?: string;
}

/** The policy set of a workspace, validated and ready for `createCedarPolicyPoint`. */
export interface LoadedPolicies {
  policies: readonly LoadedPolicy[];
  /** The policy files read, relative to the root (empty: no policies, every tool call is denied). */
  files: readonly string[];
  schema: GeneratedSchema;
  workspace: PolicyWorkspace;
  /** sha256 over the policies' ids and texts: names the set in force in every decision's audit row. */
  digest: string;
  /** Cedar's validation warnings and notices such as "no policies", for the start-up log. */
  warnings: readonly string[];
}

function cleanMessage(error: DetailedError): string {
  const message = error.message
    .replace(/^failed to parse policies? from string: /, "")
    .replace(/^for policy `[^`]*`, /, "");
  const label = error.sourceLocations?.find((location) => location.label)?.label;
  const help = error.help ? `; ${error.help}` : "";
  return `${message}${label ? ` (${label})` : ""}${help}`;
}

/** The drafts of one .cedar file, or its syntax errors with their lines and columns. */
export function cedarFileDrafts(
  file: string,
  text: string,
): { drafts: PolicyDraft[] } | { problems: PolicyProblem[] } {
  const parsed = cedar().checkParsePolicySet({ staticPolicies: text });
  if (parsed.type === "failure") {
    if (parsed.errors.some((error) => error.message.includes("includes a template"))) {
      const slot = /\?(principal|resource)\b/.exec(text);
      return {
        problems: [
          {
            file,
            ...(slot ? positionAt(text, slot.index) : {}),
            message: "templates (?principal, ?resource slots) are not supported; write static policies",
          },
        ],
      };
    }
    return {
      problems: parsed.errors.map((error) => {
        const offset = error.sourceLocations?.[0]?.start;
        return {
          file,
          ...(offset === undefined ? {} : positionAt(text, offset)),
          message: cleanMessage(error),
        };
      }),
    };
  }
  const parts = cedar().policySetTextToParts(text);
  const spans = splitPolicies(text);
  if (parts.type === "success" && parts.policies.length !== spans.length) {
    throw policyEngineFailed(
      `${file}: found ${spans.length} policies where Cedar found ${parts.policies.length}`,
    );
  }
  return {
    drafts: spans.map((span) => ({
      file,
      ...positionAt(text, span.start),
      text: text.slice(span.start, span.end),
      origin: "cedar" as const,
      source: { text, offset: span.start },
    })),
  };
}

function locate(draft: PolicyDraft, error: DetailedError): PolicyProblem {
  const message = cleanMessage(error);
  const start = error.sourceLocations?.[0]?.start;
  if (draft.source && start !== undefined) {
    return { file: draft.file, ...positionAt(draft.source.text, draft.source.offset + start), message };
  }
  return {
    file: draft.file,
    line: draft.line,
    column: draft.column,
    message: draft.description ? `${draft.description}: ${message}` : message,
  };
}

function uniqueId(draft: PolicyDraft, taken: Set<string>): string {
  let id = draft.id ?? `${draft.file}:${draft.line}`;
  if (taken.has(id)) id = `${draft.file}:${draft.line}:${draft.column}`;
  for (let suffix = 2; taken.has(id); suffix++) id = `${draft.file}:${draft.line}#${suffix}`;
  taken.add(id);
  return id;
}

function agentsNamed(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) agentsNamed(item, found);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const record = node as Record<string, unknown>;
  const entity = (record.__entity ?? record.entity ?? record) as Record<string, unknown>;
  if (entity.type === "Agent" && typeof entity.id === "string") found.add(entity.id);
  for (const value of Object.values(record)) agentsNamed(value, found);
}

function parseDraft(draft: PolicyDraft, id: string, problems: PolicyProblem[], workspace: PolicyWorkspace) {
  const json = cedar().policyToJson(draft.text);
  if (json.type === "failure") {
    problems.push(...json.errors.map((error) => locate(draft, error)));
    return undefined;
  }
  const policy: PolicyJson = json.json;
  const annotations = readAnnotations(policy);
  if ("problem" in annotations) {
    problems.push({ file: draft.file, line: draft.line, column: draft.column, message: annotations.problem });
    return undefined;
  }
  if (workspace.agents.length > 0) {
    const named = new Set<string>();
    agentsNamed([policy.principal, policy.conditions], named);
    for (const agent of named) {
      if (!workspace.agents.includes(agent)) {
        problems.push({
          file: draft.file,
          line: draft.line,
          column: draft.column,
          message: `${draft.description ? `${draft.description}: ` : ""}unknown agent Agent::"${agent}" (the workspace's agents: ${workspace.agents.join(", ")})`,
        });
      }
    }
  }
  const usage = policyUsage(policy);
  const slice = sliceForm(draft.text, usage);
  if (slice === undefined) throw policyEngineFailed(`${id}: could not find the scope of a parsed policy`);
  const loaded: LoadedPolicy = {
    id,
    file: draft.file,
    line: draft.line,
    column: draft.column,
    effect: policy.effect,
    text: draft.text,
    annotations: annotations.annotations,
    usage,
    sliceForm: slice,
    origin: draft.origin,
    ...(draft.description ? { description: draft.description } : {}),
  };
  return loaded;
}

/** Validates drafts against the workspace's schema; throws POLICY_INVALID naming every problem. */
export function compilePolicies(options: {
  drafts: readonly PolicyDraft[];
  files: readonly string[];
  workspace: PolicyWorkspace;
  warnings?: readonly string[];
}): LoadedPolicies {
  const { drafts, workspace } = options;
  const schema = generateCedarSchema(workspace);
  const problems: PolicyProblem[] = [];
  const taken = new Set<string>();
  const policies: LoadedPolicy[] = [];
  const draftById = new Map<string, PolicyDraft>();
  for (const draft of drafts) {
    const id = uniqueId(draft, taken);
    draftById.set(id, draft);
    const loaded = parseDraft(draft, id, problems, workspace);
    if (loaded) policies.push(loaded);
  }
  const warnings = [...(options.warnings ?? [])];
  const validation = cedar().validate({
    schema: schema.json,
    policies: { staticPolicies: Object.fromEntries(policies.map((policy) => [policy.id, policy.text])) },
  });
  if (validation.type === "failure") {
    throw policyEngineFailed(validation.errors.map((error) => error.message).join("; "));
  }
  for (const { policyId, error } of validation.validationErrors) {
    const draft = draftById.get(policyId);
    if (draft) problems.push(locate(draft, error));
  }
  for (const { policyId, error } of validation.validationWarnings) {
    const draft = draftById.get(policyId);
    if (!draft || draft.origin === "builtin") continue;
    const problem = locate(draft, error);
    warnings.push(`${problem.file}:${problem.line}: ${problem.message}`);
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
    throw policyInvalid(problems);
  }
  return {
    policies,
    files: options.files,
    schema,
    workspace,
    digest: sha256Hex(canonicalJson(policies.map((policy) => [policy.id, policy.text]))),
    warnings,
  };
}
