import { type FormEvent, useId, useState } from "react";
import { toApiError } from "../../api/api-client.js";
import { useApi } from "../../api/api-context.js";
import type { ApiError } from "../../api/api-error.js";
import {
  type AddedCase,
  evalAddCaseApiPath,
  evalSuitesPath,
  parseAddedCase,
  parseEvalSuiteList,
} from "../../api/evals-api.js";
import { useApiResource } from "../../api/use-api-resource.js";
import { evalsPagePath } from "../../evals/eval-filters.js";
import { parseExpectedJson, targetText } from "../../evals/eval-format.js";
import { Link } from "../../router/link.js";
import { ErrorPanel } from "../error-panel.js";
import { RefusalNote } from "../refusal-note.js";

export interface AddToDatasetPanelProps {
  traceId: string;
  /** The trace's agent: a suite targeting it is picked first. */
  agent: string | null;
  onClose: () => void;
}

/**
 * Turns this trace into a case of a suite's dataset (POST /api/v1/evals/datasets/:suite/cases): the
 * input of the run behind the trace, what the answer should have been (JSON), and the failure it
 * guards against. The server writes the suite's dataset file; the answer says which and its new size.
 */
export function AddToDatasetPanel({ traceId, agent, onClose }: AddToDatasetPanelProps) {
  const { client, reportAuthRequired } = useApi();
  const suites = useApiResource(evalSuitesPath, parseEvalSuiteList);
  const [chosen, setChosen] = useState<string | null>(null);
  const [expected, setExpected] = useState("");
  const [failureClass, setFailureClass] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [added, setAdded] = useState<AddedCase | null>(null);
  const ids = { suite: useId(), expected: useId(), failureClass: useId(), title: useId() };

  const list = suites.state.status === "ready" ? suites.state.data.suites : [];
  const preferred =
    list.find((suite) => suite.target.kind === "agent" && suite.target.agent === agent) ?? list[0];
  const suite = chosen ?? preferred?.name ?? "";
  const parsedExpected = parseExpectedJson(expected);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!parsedExpected.ok || suite === "") return;
    setSending(true);
    setError(null);
    try {
      const body = {
        traceId,
        ...(parsedExpected.value === undefined ? {} : { expected: parsedExpected.value }),
        ...(failureClass.trim() === "" ? {} : { failureClass: failureClass.trim() }),
      };
      setAdded(await client.postJson(evalAddCaseApiPath(suite), body, parseAddedCase));
    } catch (thrown) {
      const apiError = toApiError(thrown);
      setError(apiError);
      if (apiError.isAuthRequired) reportAuthRequired(apiError);
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="card add-to-dataset" aria-labelledby={ids.title}>
      <h2 id={ids.title} className="card-title">
        Add to dataset
      </h2>
      <p className="muted">
        The input of the run behind this trace becomes a case (source <code>prod_replay</code>, linked to this
        trace) in the suite's dataset file, where it can be reviewed like any change.
      </p>
      {suites.state.status === "loading" && (
        <p className="muted loading-line" role="status">
          Loading suites…
        </p>
      )}
      {suites.state.status === "error" && (
        <ErrorPanel title="Could not load the suites" error={suites.state.error} onRetry={suites.reload} />
      )}
      {suites.state.status === "ready" && list.length === 0 && (
        <p className="muted">
          This workspace has no eval suites yet: add <code>evals/&lt;suite&gt;.yaml</code> first.
        </p>
      )}
      {added !== null ? (
        <div className="add-to-dataset-done" role="status">
          <p>
            Added case <code>{added.case.id}</code> to <code>{added.file}</code>: suite {added.suite} now has{" "}
            {added.dataset.cases} cases (version <code>{added.dataset.hash.slice(0, 12)}</code>).
          </p>
          <p>
            <Link to={evalsPagePath(added.suite)}>See the suite's runs</Link>{" "}
            <button type="button" className="button button-small" onClick={onClose}>
              Close
            </button>
          </p>
        </div>
      ) : (
        list.length > 0 && (
          <form className="add-to-dataset-form" onSubmit={submit}>
            <label htmlFor={ids.suite}>Suite</label>
            <select
              id={ids.suite}
              value={suite}
              onChange={(event) => setChosen(event.target.value)}
              disabled={sending}
            >
              {list.map((candidate) => (
                <option key={candidate.name} value={candidate.name}>
                  {candidate.name} ({targetText(candidate.target)}, {candidate.cases} cases)
                </option>
              ))}
            </select>
            <label htmlFor={ids.expected}>Expected answer (JSON, optional)</label>
            <textarea
              id={ids.expected}
              rows={3}
              placeholder='{"category": "refund"}'
              value={expected}
              onChange={(event) => setExpected(event.target.value)}
              disabled={sending}
              aria-invalid={!parsedExpected.ok}
              aria-describedby={parsedExpected.ok ? undefined : `${ids.expected}-problem`}
            />
            {!parsedExpected.ok && (
              <p id={`${ids.expected}-problem`} className="field-problem">
                {parsedExpected.problem}
              </p>
            )}
            <label htmlFor={ids.failureClass}>Failure class (optional)</label>
            <input
              id={ids.failureClass}
              type="text"
              placeholder="invented-policy"
              maxLength={200}
              value={failureClass}
              onChange={(event) => setFailureClass(event.target.value)}
              disabled={sending}
            />
            <div className="add-to-dataset-actions">
              <button
                type="submit"
                className="button button-primary"
                disabled={sending || !parsedExpected.ok}
              >
                {sending ? "Adding…" : "Add case"}
              </button>
              <button type="button" className="button" onClick={onClose} disabled={sending}>
                Cancel
              </button>
            </div>
          </form>
        )
      )}
      {error !== null && <RefusalNote error={error} />}
    </section>
  );
}
