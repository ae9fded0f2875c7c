import { parsePromptList, promptListPath } from "../api/prompts-api.js";
import { useApiResource } from "../api/use-api-resource.js";
import { ErrorPanel } from "../components/error-panel.js";
import { PromptTable } from "../components/prompts/prompt-table.js";
import { useNow } from "../hooks/use-now.js";

function PromptsEmptyState() {
  return (
    <div className="empty-state">
      <h2>No prompts in the registry yet</h2>
      <p className="muted">
        Push the workspace's prompt files with <code>gantry prompts push</code>, or{" "}
        <code>POST /api/v1/prompts</code> with a prompt file's source.
      </p>
    </div>
  );
}

/** The prompt registry: every prompt, its latest version, where its labels point, and drift. */
export function PromptsPage() {
  const { state, reload } = useApiResource(promptListPath, parsePromptList);
  const now = useNow(10_000);
  const drifting =
    state.status === "ready" ? state.data.prompts.filter((prompt) => prompt.openDriftAlerts > 0) : [];
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Prompts</h1>
          <p className="muted">
            Prompts as versioned contracts: immutable versions, labels that move behind scopes and gates, and
            drift when production calls use a text the label does not point to.
          </p>
        </div>
        <div className="page-actions">
          <button type="button" className="button" onClick={reload}>
            Refresh
          </button>
        </div>
      </div>
      {state.status === "loading" && (
        <p className="muted loading-line" role="status">
          Loading prompts…
        </p>
      )}
      {state.status === "error" && (
        <ErrorPanel title="Could not load the prompts" error={state.error} onRetry={reload} />
      )}
      {state.status === "ready" && drifting.length > 0 && (
        <p className="prompt-drift-note" role="status">
          {drifting.length === 1 ? "1 prompt has" : `${drifting.length} prompts have`} open drift alerts:{" "}
          {drifting.map((prompt) => prompt.promptId).join(", ")}.
        </p>
      )}
      {state.status === "ready" &&
        (state.data.prompts.length === 0 ? (
          <PromptsEmptyState />
        ) : (
          <PromptTable prompts={state.data.prompts} now={now} />
        ))}
    </>
  );
}
