import { useId, useState } from "react";
import { toApiError } from "../../api/api-client.js";
import { useApi } from "../../api/api-context.js";
import type { ApiError } from "../../api/api-error.js";
import {
  type Approval,
  type ApprovalDecision,
  approvalDecisionPath,
  parseApprovalDecision,
} from "../../api/approvals-api.js";
import { Link } from "../../router/link.js";
import { runPagePath } from "../../routes.js";
import { RefusalNote } from "../refusal-note.js";
import { RelativeTime } from "../traces/relative-time.js";

export interface ApprovalCardProps {
  approval: Approval;
  now: number;
  onDecided: (decision: ApprovalDecision) => void;
}

/**
 * One waiting tool call: who asks, for which tool, with which arguments and why, and the two buttons.
 * The arguments shown are the ones the signature will cover; approving anything else is impossible.
 */
export function ApprovalCard({ approval, now, onDecided }: ApprovalCardProps) {
  const { client, reportAuthRequired } = useApi();
  const [note, setNote] = useState("");
  const [sending, setSending] = useState<"approve" | "deny" | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const noteId = useId();
  const titleId = useId();

  async function decide(decision: "approve" | "deny") {
    setSending(decision);
    setError(null);
    try {
      const body = note.trim() === "" ? {} : { note: note.trim() };
      onDecided(
        await client.postJson(approvalDecisionPath(approval.id, decision), body, parseApprovalDecision),
      );
    } catch (thrown) {
      const apiError = toApiError(thrown);
      setError(apiError);
      if (apiError.isAuthRequired) reportAuthRequired(apiError);
    } finally {
      setSending(null);
    }
  }

  return (
    <li className="approval-card" aria-labelledby={titleId}>
      <div className="approval-card-head">
        <h3 id={titleId} className="approval-tool">
          {approval.tool}
        </h3>
        <span className="muted-cell">
          asked by <strong>{approval.agent}</strong>{" "}
          <RelativeTime epochMilliseconds={Date.parse(approval.requestedAt)} now={now} />
        </span>
        <Link to={runPagePath(approval.runId)} className="mono-link approval-run-link">
          {approval.runId}
        </Link>
      </div>
      <p className="approval-reason">{approval.reason}</p>
      <pre className="run-json approval-args">{JSON.stringify(approval.args, null, 2)}</pre>
      <label className="approval-note-label" htmlFor={noteId}>
        Note (optional, kept in the audit log)
      </label>
      <textarea
        id={noteId}
        className="approval-note"
        rows={2}
        maxLength={2000}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        disabled={sending !== null}
      />
      <div className="approval-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={sending !== null}
          onClick={() => decide("approve")}
        >
          {sending === "approve" ? "Approving…" : "Approve"}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={sending !== null}
          onClick={() => decide("deny")}
        >
          {sending === "deny" ? "Denying…" : "Deny"}
        </button>
        <span
          className="muted-cell approval-digest"
          title={`sha256 of the arguments: ${approval.argsDigest}`}
        >
          signed for arguments {approval.argsDigest.slice(0, 12)}
        </span>
      </div>
      {error !== null && <RefusalNote error={error} />}
    </li>
  );
}
