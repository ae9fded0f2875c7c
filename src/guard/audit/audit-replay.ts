import type { JsonValue } from "../../core/index.js";
import type { AuditEntry, AuditRepository } from "../../store/index.js";

// How one audit entry reads when a run's decisions are replayed: who (the principal chain), what
// (action, tool, arguments digest), under which policies, what was decided and why, who approved,
// what came of it, what it cost, and the trace to open. Everything comes from the entry itself;
// `details` is kept whole so nothing an enforcement point recorded is hidden.

/** One step of `gantry audit replay`, as `--json` prints it. */
export interface AuditReplayStep {
  sequence: number;
  time: string;
  /** The principal chain as text: `key_… › project › session … › delegating agents › agent@version`. */
  principal: string;
  action: string;
  /** The tool (from a `tool:<name>` resource), else null. */
  tool: string | null;
  resource: string;
  decision: string;
  reason: string | null;
  argsDigest: string | null;
  policyDigest: string | null;
  policies: string[];
  invariant: string | null;
  approvalId: string | null;
  approver: string | null;
  /** What came of an executed call: `ok <result digest>` or the error code; null before it ran. */
  result: string | null;
  costMicros: number | null;
  traceId: string | null;
  details: Record<string, JsonValue>;
}

const text = (value: JsonValue | undefined): string | null =>
  typeof value === "string" && value.length > 0 ? value : null;

/** A principal as one line: the runtime's chain, an approver, or the agent that asked. */
export function principalText(principal: Record<string, JsonValue>): string {
  if (principal.type === "approver") return `approver ${text(principal.id) ?? "?"}`;
  if (principal.type === "agent") return `agent ${text(principal.agent) ?? "?"}`;
  const agent = text(principal.agent);
  const version = text(principal.agentVersion);
  const delegation = Array.isArray(principal.delegation) ? principal.delegation.map(String) : [];
  const session = text(principal.session);
  const parts = [
    text(principal.user) ?? text(principal.apiKeyId),
    text(principal.project),
    session && `session ${session}`,
    ...delegation,
    agent && (version ? `${agent}@${version}` : agent),
  ].filter((part): part is string => Boolean(part));
  if (parts.length > 0) return parts.join(" › ");
  // An entry from another writer: show what it holds rather than nothing.
  return JSON.stringify(principal);
}

function resultOf(details: Record<string, JsonValue>, decision: string): string | null {
  const errorCode = text(details.errorCode);
  if (errorCode) return `error ${errorCode}`;
  const digest = text(details.resultDigest);
  if (digest) return `ok ${digest.slice(0, 12)}`;
  return decision === "executed" ? "ok" : null;
}

/** One audit entry as a replay step. */
export function auditReplayStep(entry: AuditEntry): AuditReplayStep {
  const { details } = entry;
  const cost = details.costMicros;
  return {
    sequence: entry.sequence,
    time: entry.time,
    principal: principalText(entry.principal),
    action: entry.action,
    tool: entry.resource.startsWith("tool:") ? entry.resource.slice("tool:".length) : null,
    resource: entry.resource,
    decision: entry.decision,
    reason: entry.reason,
    argsDigest: text(details.argsDigest),
    policyDigest: text(details.policyDigest),
    policies: Array.isArray(details.policies) ? details.policies.map(String) : [],
    invariant: text(details.invariant),
    approvalId: text(details.approvalId),
    approver: text(details.approver),
    result: resultOf(details, entry.decision),
    costMicros: typeof cost === "number" && Number.isFinite(cost) ? cost : null,
    traceId: text(details.traceId),
    details,
  };
}

/** Every audit entry of one run, oldest first, read in pages through the indexed run id. */
export async function readRunAudit(
  audit: Pick<AuditRepository, "list">,
  runId: string,
): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  const pageSize = 1000;
  for (;;) {
    const page = await audit.list({ runId, since: entries.at(-1)?.sequence ?? 0, limit: pageSize });
    entries.push(...page);
    if (page.length < pageSize) return entries;
  }
}
