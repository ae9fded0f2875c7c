import { gatesOfEvent, type LabelEvent } from "../../api/prompts-api.js";
import { RelativeTime } from "../traces/relative-time.js";

/** Every label move, newest first: when, which label, from and to, who, and each gate's verdict. */
export function LabelHistoryTable({ history, now }: { history: readonly LabelEvent[]; now: number }) {
  const newestFirst = [...history].sort((left, right) => right.sequence - left.sequence);
  return (
    <div className="table-frame">
      <table className="table data-table" aria-label="Label history">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Label</th>
            <th scope="col">Change</th>
            <th scope="col">By</th>
            <th scope="col">Gates</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((event) => {
            const gates = gatesOfEvent(event);
            return (
              <tr key={event.sequence}>
                <td className="nowrap muted-cell">
                  <RelativeTime epochMilliseconds={Date.parse(event.at)} now={now} />
                </td>
                <td className="nowrap">
                  <span
                    className={
                      event.label === "production" ? "label-chip label-chip-production" : "label-chip"
                    }
                  >
                    {event.label}
                  </span>
                </td>
                <td className="nowrap">
                  {event.fromVersion === null ? (
                    <span className="muted-cell">new → </span>
                  ) : (
                    <code>{event.fromVersion} → </code>
                  )}
                  <code>{event.toVersion}</code>
                  {event.kind === "deploy" && <span className="muted-cell"> (release)</span>}
                </td>
                <td className="nowrap">{event.actor ?? <span className="muted-cell">—</span>}</td>
                <td>
                  {gates.length === 0 ? (
                    <span className="muted-cell">—</span>
                  ) : (
                    <span className="label-chips">
                      {gates.map((gate) => (
                        <span
                          key={gate.gate}
                          className={
                            gate.passed ? "gate-chip gate-chip-passed" : "gate-chip gate-chip-failed"
                          }
                          title={gate.summary}
                        >
                          {gate.passed ? "✓" : "✗"} {gate.gate}
                        </span>
                      ))}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
