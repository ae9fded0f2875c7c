import { z } from "zod";
import type { JsonValue } from "../../src/core/index.js";
import {
  type ActionAnnotations,
  type CedarPolicyPoint,
  compilePolicySources,
  createCedarPolicyPoint,
  type DecisionRequest,
  type PolicyWorkspace,
} from "../../src/guard/index.js";

// A workspace shaped like the support desk plus an ops agent with dangerous tools, and builders for
// decision requests, shared by the policy tests.

const schema = (shape: z.ZodObject) => z.toJSONSchema(shape, { io: "input" }) as JsonValue;

export const workspace: PolicyWorkspace = {
  agents: ["triage", "looper", "ops", "billing"],
  tools: [
    {
      name: "lookup_order",
      annotations: { readOnly: true, idempotent: true },
      inputSchema: schema(z.object({ orderId: z.string() })),
    },
    {
      name: "issue_refund",
      annotations: { destructive: true },
      inputSchema: schema(
        z.object({
          orderId: z.string(),
          amountUsd: z.number().positive(),
          quantity: z.number().int().optional(),
          reason: z.enum(["damaged", "late", "other"]).optional(),
          cardNumber: z.string().optional(),
        }),
      ),
    },
    {
      name: "check_ticket",
      annotations: { readOnly: true },
      inputSchema: schema(z.object({ ticketId: z.string() })),
    },
    {
      name: "delete_database",
      annotations: { destructive: true },
      inputSchema: schema(z.object({ name: z.string() })),
    },
    {
      name: "destroy_environment",
      annotations: { destructive: true },
      inputSchema: schema(z.object({ environment: z.string() })),
    },
    { name: "http_get", annotations: { readOnly: true }, inputSchema: schema(z.object({ url: z.string() })) },
    { name: "docs_search", source: "mcp", annotations: { readOnly: true } },
  ],
  models: ["sim:default", "openai:gpt-4o-mini"],
};

/** The declared annotations of a workspace tool (what the enforcement point passes). */
export function annotationsOf(tool: string): ActionAnnotations {
  return workspace.tools.find((candidate) => candidate.name === tool)?.annotations ?? {};
}

/** A policy point over Cedar text (one file, `policies/test.cedar`) and optional rules files. */
export function pointFor(cedar: string | undefined, rules: Record<string, string> = {}): CedarPolicyPoint {
  const sources = [
    ...(cedar === undefined ? [] : [{ file: "policies/test.cedar", text: cedar }]),
    ...Object.entries(rules).map(([file, text]) => ({ file, text })),
  ];
  return createCedarPolicyPoint({ policies: compilePolicySources({ sources, workspace }) });
}

interface CallOptions {
  agent?: string;
  args?: JsonValue;
  environment?: string;
  approved?: boolean;
  delegation?: string[];
  project?: string;
  session?: string;
  user?: string;
  annotations?: ActionAnnotations;
  egressHost?: string;
  source?: "function" | "mcp" | "handoff";
}

/** A tool-call decision request. */
export function toolCall(tool: string, options: CallOptions = {}): DecisionRequest {
  return {
    principal: {
      project: options.project ?? "default",
      agent: options.agent ?? "triage",
      runId: "run_test",
      delegation: options.delegation ?? [],
      ...(options.session ? { session: options.session } : {}),
      ...(options.user ? { user: options.user } : {}),
    },
    action: {
      kind: "tool",
      tool,
      source: options.source ?? (tool === "docs_search" ? "mcp" : "function"),
      annotations: options.annotations ?? annotationsOf(tool),
      ...(options.egressHost ? { egressHost: options.egressHost } : {}),
    },
    args: options.args ?? {},
    environment: options.environment ?? "production",
    ...(options.approved === undefined ? {} : { context: { approved: options.approved } }),
  };
}

/** A model-call decision request. */
export function modelCall(model: string, agent = "triage"): DecisionRequest {
  return {
    principal: { project: "default", agent, runId: "run_test", delegation: [] },
    action: { kind: "model", model },
    args: {},
    environment: "production",
  };
}
