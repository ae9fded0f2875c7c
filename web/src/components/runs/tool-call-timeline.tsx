import type { RunToolCall } from "../../api/runs-api.js";
import { StatusBadge } from "../status-badge.js";
import { JsonValue } from "./json-value.js";

const toolStatusTone = { completed: "good", failed: "danger", started: "warning" } as const;

// `started` with no result: the call was entered but its result never recorded (the process died);
// a resume runs it again with the same idempotency key.
const toolStatusLabel = { completed: "completed", failed: "failed", started: "no result" } as const;

/** A run's tool calls in the order the model made them, each with its input and result or error. */
export function ToolCallTimeline({ calls }: { calls: readonly RunToolCall[] }) {
  if (calls.length === 0) return <p className="muted">The agent called no tools.</p>;
  return (
    <ol className="tool-timeline" aria-label="Tool calls">
      {calls.map((call) => (
        <li key={call.toolCallId} className={`tool-call tool-call-${call.status}`}>
          <div className="tool-call-head">
            <span className="tool-call-step">step {call.step}</span>
            <span className="tool-call-name">{call.toolName}</span>
            <StatusBadge tone={toolStatusTone[call.status]}>{toolStatusLabel[call.status]}</StatusBadge>
            {call.attempts > 1 && <span className="muted-cell">{call.attempts} attempts</span>}
            <code className="tool-call-id" title="Tool call id">
              {call.toolCallId}
            </code>
          </div>
          <div className="tool-call-body">
            <div>
              <h4 className="tool-call-label">Input</h4>
              <JsonValue value={call.input} emptyText="(none)" />
            </div>
            <div>
              <h4 className="tool-call-label">{call.error === null ? "Output" : "Error"}</h4>
              {call.error === null ? (
                <JsonValue
                  value={call.output}
                  emptyText={call.status === "started" ? "No result was recorded." : "(none)"}
                />
              ) : (
                <p className="tool-call-error">
                  <code>{call.error.code}</code> {call.error.message}
                </p>
              )}
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
