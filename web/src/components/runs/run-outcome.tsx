import { type RunDetail, resumeCommand } from "../../api/runs-api.js";
import { describeStopReason } from "../../runs/run-status.js";
import { CopyButton } from "../copy-button.js";
import { HintText } from "../hint-text.js";

/** How the run ended, or why it waits and the command that resumes it. */
export function RunOutcome({ run }: { run: RunDetail["run"] }) {
  if (run.status === "paused") {
    return (
      <section className="run-outcome run-outcome-paused" aria-label="Pause">
        <h2 className="run-outcome-title">Paused{run.pause === null ? "" : `: ${run.pause.reason}`}</h2>
        {run.pause !== null && <p className="run-outcome-message">{run.pause.message}</p>}
        <p className="run-resume-line">
          <span>Resume with</span>
          <code className="run-resume-command">{resumeCommand(run.runId)}</code>
          <CopyButton value={resumeCommand(run.runId)} label="resume command" />
        </p>
        <p className="muted">
          or <code>POST /api/v1/runs/{run.runId}/resume</code>. It continues from the last checkpoint;
          completed tool calls are not repeated.
        </p>
      </section>
    );
  }
  if (run.error !== null) {
    return (
      <section className="run-outcome run-outcome-failed" aria-label="Error">
        <h2 className="run-outcome-title">
          {run.status === "cancelled" ? "Cancelled" : "Failed"}: <code>{run.error.code}</code>
        </h2>
        <p className="run-outcome-message">{run.error.message}</p>
        {run.error.hint !== undefined && (
          <p className="muted">
            <HintText text={run.error.hint} />
          </p>
        )}
      </section>
    );
  }
  if (run.status === "running" || run.status === "queued") {
    return (
      <section className="run-outcome" aria-label="Progress">
        <p className="run-outcome-message">
          {run.status === "running" ? "Running" : "Queued"}. If its process has died, resume it with{" "}
          <code>{resumeCommand(run.runId)}</code>.
        </p>
      </section>
    );
  }
  if (run.stopReason === null) return null;
  return (
    <section className="run-outcome" aria-label="Stop reason">
      <p className="run-outcome-message">
        <span className="id-label">Stop reason</span> <code>{run.stopReason}</code>{" "}
        {describeStopReason(run.stopReason)}
      </p>
    </section>
  );
}
