import { hashJson, type JsonValue } from "../core/index.js";
import type { Decision, PolicyAction } from "../guard/index.js";
import type { ToolOutcome } from "./execute-tool.js";
import type { PendingToolCall } from "./pending-tool-calls.js";
import { principalChain, runEnvironment } from "./principal-chain.js";
import type { RunContext } from "./run-context.js";
import type { ToolCallRecord } from "./run-state.js";

// The enforcement point for tool calls: before a call runs, the policy decision point decides it
// (default deny), the decision is audited, and a `require_approval` becomes a signed approval
// request that pauses the run. A call that was already started before a crash was authorised then
// and is not decided again.

export interface GatedCall {
  call: PendingToolCall;
  record: ToolCallRecord;
}

export interface GateResult {
  /** Calls that may run, each with its decision. */
  allowed: GatedCall[];
  /** Calls refused (denied, denied by a person, or a forged or mismatched approval), with their tool result. */
  refused: Array<GatedCall & { outcome: ToolOutcome }>;
  /** Approval ids the run now waits for. */
  waiting: string[];
}

function actionOf(context: RunContext, call: PendingToolCall): PolicyAction {
  const { agent } = context;
  const subagent = agent.subagents.some((candidate) => candidate.name === call.toolName);
  const tool = agent.tools.find((candidate) => candidate.name === call.toolName);
  return {
    kind: "tool",
    tool: call.toolName,
    source: subagent ? "handoff" : "function",
    annotations: { ...tool?.annotations },
  };
}

async function audit(
  context: RunContext,
  action: string,
  call: PendingToolCall,
  decision: string,
  reason: string | null,
  details: Record<string, JsonValue>,
): Promise<void> {
  const log = context.deps.audit;
  if (!log) return;
  const { state } = context;
  await log.append({
    projectId: state.projectId,
    principal: principalChain(context) as unknown as Record<string, JsonValue>,
    action,
    resource: `tool:${call.toolName}`,
    decision,
    reason,
    details: {
      runId: state.runId,
      toolCallId: call.toolCallId,
      agentVersion: context.agent.version,
      argsDigest: hashJson(call.input),
      ...(state.traceId ? { traceId: state.traceId } : {}),
      ...details,
    },
  });
}

function decisionDetails(context: RunContext, decision: Decision): Record<string, JsonValue> {
  return {
    policyDigest: context.deps.policy?.digest ?? null,
    policies: [...decision.policies],
    ...(decision.invariant ? { invariant: decision.invariant } : {}),
  };
}

function refusal(code: string, message: string): ToolOutcome {
  return { kind: "error", error: { code, message } };
}

async function approvalGate(
  context: RunContext,
  gated: GatedCall,
  decision: Extract<Decision, { effect: "require_approval" }>,
) {
  const approvals = context.deps.approvals;
  const { call } = gated;
  if (!approvals) {
    return {
      refused: refusal(
        "POLICY_APPROVAL_REQUIRED",
        `${call.toolName} needs a person's approval (${decision.reason}) and no approvals are configured`,
      ),
    };
  }
  const request = {
    runId: context.state.runId,
    toolCallId: call.toolCallId,
    tool: call.toolName,
    args: call.input,
  };
  const check = await approvals.check(request);
  switch (check.state) {
    case "approved":
      await audit(context, "tool.approved", call, "allow", `approved by ${check.approval.approver}`, {
        approvalId: check.approval.id,
        approver: check.approval.approver,
      });
      return { allowed: true as const };
    case "denied":
      return {
        refused: refusal(
          "APPROVAL_DENIED",
          `${call.toolName} was denied by ${check.approval.approver}${check.approval.note ? `: ${check.approval.note}` : ""}`,
        ),
      };
    case "invalid":
      await audit(context, "tool.approval-refused", call, "deny", check.problem, {
        approvalId: check.approval.id,
      });
      return {
        refused: refusal(
          "APPROVAL_INVALID",
          `The approval for ${call.toolName} was refused: ${check.problem}`,
        ),
      };
    case "pending":
      return { waiting: check.approval.id };
    case "none": {
      const created = await approvals.request({
        ...request,
        agent: context.agent.name,
        reason: decision.reason,
        projectId: context.state.projectId,
      });
      return { waiting: created.id };
    }
  }
}

/** Decides every call about to run; calls already started before a resume were decided then. */
export async function gateToolCalls(context: RunContext, calls: readonly GatedCall[]): Promise<GateResult> {
  const result: GateResult = { allowed: [], refused: [], waiting: [] };
  const policy = context.deps.policy;
  for (const gated of calls) {
    const { call, record } = gated;
    if (!policy || record.attempts > 0) {
      result.allowed.push(gated);
      continue;
    }
    const decision = policy.decide({
      principal: principalChain(context),
      action: actionOf(context, call),
      args: call.input,
      environment: runEnvironment(context),
    });
    record.decision = {
      effect: decision.effect,
      policies: [...decision.policies],
      ...("reason" in decision ? { reason: decision.reason } : {}),
      ...(decision.invariant ? { invariant: decision.invariant } : {}),
    };
    await audit(
      context,
      "tool.propose",
      call,
      decision.effect,
      "reason" in decision ? decision.reason : null,
      decisionDetails(context, decision),
    );
    if (decision.effect === "allow" || decision.effect === "redact") {
      result.allowed.push(gated);
    } else if (decision.effect === "deny") {
      const invariant = decision.invariant ? ` (invariant ${decision.invariant})` : "";
      result.refused.push({
        ...gated,
        outcome: refusal(
          "POLICY_DENIED",
          `Denied by policy${invariant}: ${decision.reason}. The call was not run.`,
        ),
      });
    } else {
      const gate = await approvalGate(context, gated, decision);
      if ("allowed" in gate) result.allowed.push(gated);
      else if ("refused" in gate && gate.refused) result.refused.push({ ...gated, outcome: gate.refused });
      else if ("waiting" in gate && gate.waiting) result.waiting.push(gate.waiting);
    }
  }
  return result;
}

/** Audits what a call did once it ran. */
export async function auditToolResult(
  context: RunContext,
  call: PendingToolCall,
  outcome: ToolOutcome,
): Promise<void> {
  if (outcome.kind === "ok") {
    await audit(context, "tool.execute", call, "executed", null, { resultDigest: hashJson(outcome.output) });
  } else {
    await audit(context, "tool.execute", call, "failed", outcome.error.message, {
      errorCode: outcome.error.code,
    });
  }
}
