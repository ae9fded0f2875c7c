import type { PromptListItem } from "../../api/prompts-api.js";
import { formatInteger } from "../../format/format-tokens.js";
import { Link } from "../../router/link.js";
import { openOnRowClick } from "../../router/open-on-row-click.js";
import { promptPagePath } from "../../routes.js";
import { RelativeTime } from "../traces/relative-time.js";
import { DriftBadge } from "./drift-badge.js";
import { LabelChips, namedLabels } from "./label-chips.js";

/** The prompts list: id and description, latest version, labels, versions, last push, drift. */
export function PromptTable({ prompts, now }: { prompts: readonly PromptListItem[]; now: number }) {
  return (
    <div className="table-frame">
      <table className="table data-table prompt-table" aria-label="Prompts">
        <thead>
          <tr>
            <th scope="col">Prompt</th>
            <th scope="col">Latest</th>
            <th scope="col">Labels</th>
            <th scope="col" className="numeric">
              Versions
            </th>
            <th scope="col">Updated</th>
            <th scope="col">Drift</th>
          </tr>
        </thead>
        <tbody>
          {prompts.map((prompt) => (
            <tr
              key={prompt.promptId}
              className={prompt.openDriftAlerts > 0 ? "clickable-row row-warning" : "clickable-row"}
              onClick={(event) => openOnRowClick(event, promptPagePath(prompt.promptId))}
            >
              <td>
                <Link to={promptPagePath(prompt.promptId)} className="prompt-id-link">
                  {prompt.promptId}
                </Link>
                {prompt.description !== null && (
                  <span className="prompt-description">{prompt.description}</span>
                )}
              </td>
              <td className="nowrap">
                <code>{prompt.latestVersion}</code>
              </td>
              <td>
                <LabelChips labels={namedLabels(prompt.labels)} />
              </td>
              <td className="numeric">{formatInteger(prompt.versions)}</td>
              <td className="nowrap muted-cell">
                <RelativeTime epochMilliseconds={Date.parse(prompt.updatedAt)} now={now} />
              </td>
              <td>
                {prompt.openDriftAlerts > 0 ? (
                  <DriftBadge count={prompt.openDriftAlerts} />
                ) : (
                  <span className="muted-cell">none</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
