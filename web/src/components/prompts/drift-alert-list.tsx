import type { Alert } from "../../api/prompts-api.js";
import { Link } from "../../router/link.js";
import { promptPagePath } from "../../routes.js";
import { RelativeTime } from "../traces/relative-time.js";

interface DriftDetails {
  knownVersion?: string | null;
  expected?: { version?: string };
}

function driftDetails(alert: Alert): DriftDetails {
  return typeof alert.details === "object" && alert.details !== null ? (alert.details as DriftDetails) : {};
}

/**
 * Open prompt-drift alerts of one prompt: what the calls used against what the label says, how often
 * it was seen and when, and (for a pushed version) a link to the diff between the two.
 */
export function DriftAlertList({
  promptId,
  alerts,
  now,
}: {
  promptId: string;
  alerts: readonly Alert[];
  now: number;
}) {
  return (
    <ul className="drift-alert-list" aria-label="Open drift alerts">
      {alerts.map((alert) => {
        const details = driftDetails(alert);
        const used = details.knownVersion;
        const expected = details.expected?.version;
        return (
          <li key={alert.id} className="drift-alert">
            <p className="drift-alert-title">{alert.title}</p>
            <p className="muted">
              Seen {alert.count} time{alert.count === 1 ? "" : "s"}, first{" "}
              <RelativeTime epochMilliseconds={Date.parse(alert.firstSeenAt)} now={now} />, last{" "}
              <RelativeTime epochMilliseconds={Date.parse(alert.lastSeenAt)} now={now} />.
              {typeof used === "string" && expected !== undefined && (
                <>
                  {" "}
                  <Link to={promptPagePath(promptId, { from: expected, to: used })}>
                    Compare {expected} with {used}
                  </Link>
                </>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
