import { useState } from "react";
import { type ApprovalDecision, approvalListApiPath, parseApprovalList } from "../api/approvals-api.js";
import { useApiResource } from "../api/use-api-resource.js";
import { ApprovalCard } from "../components/approvals/approval-card.js";
import { DecidedApprovalsTable } from "../components/approvals/decided-approvals-table.js";
import { CopyButton } from "../components/copy-button.js";
import { ErrorPanel } from "../components/error-panel.js";
import { useDocumentVisible } from "../hooks/use-document-visible.js";
import { useInterval } from "../hooks/use-interval.js";
import { useNow } from "../hooks/use-now.js";
import { Link } from "../router/link.js";
import { runPagePath } from "../routes.js";

// New requests show up without a reload while the tab is visible.
const refreshMilliseconds = 5000;
const pendingPath = approvalListApiPath({ status: "pending", limit: 200 });
const historyPath = approvalListApiPath({ limit: 100 });

function LastDecision({ decision }: { decision: ApprovalDecision }) {
  const { approval, resume } = decision;
  const approved = approval.status === "approved";
  return (
    <section
      className={`run-outcome ${approved ? "approval-decided-approved" : "approval-decided-denied"}`}
      aria-label="Last decision"
      aria-live="polite"
    >
      <h2 className="run-outcome-title">
        {approved ? "Approved" : "Denied"} {approval.tool} for{" "}
        <Link to={runPagePath(approval.runId)}>{approval.runId}</Link>
      </h2>
      <p className="run-resume-line">
        <span>The run continues when resumed:</span>
        <code className="run-resume-command">{resume.command}</code>
        <CopyButton value={resume.command} label="resume command" />
      </p>
      <p className="muted">
        or <code>POST {resume.url}</code>.{" "}
        {approved
          ? "It runs this call only with exactly these arguments."
          : "The agent is told the call was denied."}
      </p>
    </section>
  );
}

/** The approvals inbox: tool calls waiting for a person (approve or deny), then the decided ones. */
export function ApprovalsPage() {
  const pending = useApiResource(pendingPath, parseApprovalList);
  const history = useApiResource(historyPath, parseApprovalList);
  const [lastDecision, setLastDecision] = useState<ApprovalDecision | null>(null);
  const visible = useDocumentVisible();
  const now = useNow(10_000);

  function reload() {
    pending.reload();
    history.reload();
  }
  useInterval(reload, refreshMilliseconds, visible);

  function handleDecided(decision: ApprovalDecision) {
    setLastDecision(decision);
    reload();
  }

  // Oldest first: the call that has waited longest is the one to look at first.
  const waiting = pending.state.status === "ready" ? [...pending.state.data.approvals].reverse() : [];
  const decided =
    history.state.status === "ready"
      ? history.state.data.approvals.filter((approval) => approval.status !== "pending")
      : [];

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Approvals</h1>
          <p className="muted">
            Tool calls a policy held for a person. A decision is signed for exactly the arguments shown,
            audited, and final; the run goes on when it is resumed.
          </p>
        </div>
      </div>

      {lastDecision !== null && <LastDecision decision={lastDecision} />}

      <section aria-labelledby="approvals-waiting">
        <h2 id="approvals-waiting" className="section-title">
          Waiting {waiting.length > 0 && <span className="count-pill">{waiting.length}</span>}
        </h2>
        {pending.state.status === "loading" && <p className="muted">Loading…</p>}
        {pending.state.status === "error" && (
          <ErrorPanel
            title="Could not load the waiting approvals"
            error={pending.state.error}
            onRetry={reload}
          />
        )}
        {pending.state.status === "ready" && waiting.length === 0 && (
          <div className="empty-state">
            <h2>Nothing is waiting for a decision</h2>
            <p className="muted">
              A run pauses here when a policy answers <code>require_approval</code> for one of its tool calls.
            </p>
          </div>
        )}
        {waiting.length > 0 && (
          <ul className="approval-list" aria-label="Pending approvals">
            {waiting.map((approval) => (
              <ApprovalCard key={approval.id} approval={approval} now={now} onDecided={handleDecided} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="approvals-decided">
        <h2 id="approvals-decided" className="section-title">
          Decided
        </h2>
        {history.state.status === "error" && (
          <ErrorPanel
            title="Could not load the decided approvals"
            error={history.state.error}
            onRetry={reload}
          />
        )}
        {history.state.status === "ready" && decided.length === 0 && (
          <p className="muted">No decisions yet.</p>
        )}
        {decided.length > 0 && <DecidedApprovalsTable approvals={decided} now={now} />}
      </section>
    </>
  );
}
