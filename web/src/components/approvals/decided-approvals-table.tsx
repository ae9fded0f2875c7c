import type { Approval } from "../../api/approvals-api.js";
import { Link } from "../../router/link.js";
import { runPagePath } from "../../routes.js";
import { jsonPreview } from "../runs/json-value.js";
import { StatusBadge } from "../status-badge.js";
import { RelativeTime } from "../traces/relative-time.js";

/** Approvals already decided, newest request first: the decision, what it was for, who and why. */
export function DecidedApprovalsTable({ approvals, now }: { approvals: readonly Approval[]; now: number }) {
  return (
    <div className="table-frame">
      <table className="table data-table" aria-label="Decided approvals">
        <thead>
          <tr>
            <th scope="col">Decided</th>
            <th scope="col">Decision</th>
            <th scope="col">Tool</th>
            <th scope="col">Arguments</th>
            <th scope="col">Agent</th>
            <th scope="col">Run</th>
            <th scope="col">Approver</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {approvals.map((approval) => (
            <tr key={approval.id}>
              <td className="nowrap muted-cell">
                {approval.decidedAt === null ? (
                  "—"
                ) : (
                  <RelativeTime epochMilliseconds={Date.parse(approval.decidedAt)} now={now} />
                )}
              </td>
              <td>
                <StatusBadge tone={approval.status === "approved" ? "good" : "danger"}>
                  {approval.status}
                </StatusBadge>
              </td>
              <td className="nowrap">{approval.tool}</td>
              <td className="mono-cell" title={JSON.stringify(approval.args)}>
                {jsonPreview(approval.args, 60)}
              </td>
              <td className="nowrap">{approval.agent}</td>
              <td className="nowrap">
                <Link to={runPagePath(approval.runId)} className="mono-link">
                  {approval.runId}
                </Link>
              </td>
              <td className="nowrap">{approval.approver ?? "—"}</td>
              <td>{approval.note ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
