import { type PromptDiff, parsePromptDiff, promptDiffPath } from "../../api/prompts-api.js";
import { useApiResource } from "../../api/use-api-resource.js";
import { bumpTooSmall, declaredBump } from "../../prompts/declared-bump.js";
import { type DiffRow, diffCounts, sideBySideRows } from "../../prompts/side-by-side-diff.js";
import { ErrorPanel } from "../error-panel.js";
import { type BadgeTone, StatusBadge } from "../status-badge.js";

export interface PromptDiffViewProps {
  promptId: string;
  /** The pair compared: versions or labels. */
  selection: { from: string; to: string };
  /** What each side may be set to (labels, then versions). */
  options: readonly { value: string; label: string }[];
  onChange: (selection: { from: string; to: string }) => void;
}

const bumpTones: Record<string, BadgeTone> = {
  major: "danger",
  minor: "warning",
  patch: "accent",
  none: "neutral",
};

function DiffSideSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: PromptDiffViewProps["options"];
  onChange: (value: string) => void;
}) {
  // A value typed into the URL that is neither a label nor a version still shows as chosen.
  const known = options.some((option) => option.value === value);
  return (
    <label className="diff-side-select">
      <span className="filter-label" aria-hidden="true">
        {label}
      </span>
      <select
        className="select"
        aria-label={`${label} version`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {!known && <option value={value}>{value}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function Classification({ diff }: { diff: PromptDiff }) {
  const { bump, reasons } = diff.classification;
  const declared = declaredBump(diff.from.version, diff.to.version);
  const tooSmall = bumpTooSmall(declared, bump);
  return (
    <section
      className={tooSmall ? "diff-classification diff-classification-short" : "diff-classification"}
      aria-label="Classification"
    >
      <p className="diff-classification-line">
        <span>Needs</span>
        <StatusBadge tone={bumpTones[bump] ?? "neutral"}>
          {bump === "none" ? "no bump" : `a ${bump} bump`}
        </StatusBadge>
        {declared !== undefined && (
          <span className="muted-cell">
            declared {declared === "downgrade" ? "a downgrade" : declared} ({diff.from.version} →{" "}
            {diff.to.version})
          </span>
        )}
        {tooSmall && <strong className="diff-too-small">the declared bump is too small</strong>}
      </p>
      {reasons.length === 0 ? (
        <p className="muted">No change to the variables or the output schema: wording only.</p>
      ) : (
        <ul className="diff-reasons">
          {reasons.map((reason) => (
            <li key={`${reason.path}:${reason.message}`}>
              <StatusBadge tone={bumpTones[reason.bump] ?? "neutral"}>{reason.bump}</StatusBadge>{" "}
              <code>{reason.path}</code> {reason.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DiffCellView({ cell }: { cell: DiffRow["left"] }) {
  if (cell === null) {
    return (
      <>
        <td className="diff-number diff-empty" />
        <td className="diff-text diff-empty" />
      </>
    );
  }
  const changed = cell.kind === "equal" ? "" : ` diff-${cell.kind}`;
  return (
    <>
      <td className={`diff-number${changed}`}>{cell.lineNumber}</td>
      <td className={`diff-text${changed}`}>
        <span className="visually-hidden">
          {cell.kind === "add" ? "added: " : cell.kind === "remove" ? "removed: " : ""}
        </span>
        {cell.text === "" ? "\u00a0" : cell.text}
      </td>
    </>
  );
}

function SideBySide({ diff }: { diff: PromptDiff }) {
  const rows = sideBySideRows(diff.lines);
  return (
    <div className="table-frame diff-frame">
      <table className="diff-table" aria-label="Side-by-side diff">
        <colgroup>
          <col className="diff-number-column" />
          <col />
          <col className="diff-number-column" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="colgroup" colSpan={2}>
              {diff.from.version} <span className="prompt-hash">{diff.from.hash.slice(0, 12)}</span>
            </th>
            <th scope="colgroup" colSpan={2}>
              {diff.to.version} <span className="prompt-hash">{diff.to.hash.slice(0, 12)}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            // Rows have no identity of their own beyond their place in the diff.
            // biome-ignore lint/suspicious/noArrayIndexKey: the diff is replaced whole, never reordered.
            <tr key={index}>
              <DiffCellView cell={row.left} />
              <DiffCellView cell={row.right} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Two versions (or labels) of a prompt side by side, old on the left, with the change's classification. */
export function PromptDiffView({ promptId, selection, options, onChange }: PromptDiffViewProps) {
  const { state, reload } = useApiResource(promptDiffPath(promptId, selection), parsePromptDiff);
  const counts = state.status === "ready" ? diffCounts(state.data.lines) : undefined;
  return (
    <section aria-labelledby="prompt-diff-title" className="prompt-diff">
      <div className="diff-head">
        <h2 id="prompt-diff-title" className="section-title">
          Compare
        </h2>
        <div className="diff-controls">
          <DiffSideSelect
            label="Old"
            value={selection.from}
            options={options}
            onChange={(from) => onChange({ ...selection, from })}
          />
          <span aria-hidden="true" className="muted-cell">
            →
          </span>
          <DiffSideSelect
            label="New"
            value={selection.to}
            options={options}
            onChange={(to) => onChange({ ...selection, to })}
          />
          {counts !== undefined && (
            <span className="diff-counts">
              <span className="diff-count-add">+{counts.added}</span>{" "}
              <span className="diff-count-remove">−{counts.removed}</span>
            </span>
          )}
        </div>
      </div>
      {state.status === "loading" && <p className="muted">Loading the diff…</p>}
      {state.status === "error" && (
        <ErrorPanel title="Could not compare these versions" error={state.error} onRetry={reload} />
      )}
      {state.status === "ready" && (
        <>
          <Classification diff={state.data} />
          <SideBySide diff={state.data} />
        </>
      )}
    </section>
  );
}
