import type { ServerInfo } from "../api/server-info.js";
import { StatusBadge } from "./status-badge.js";

/** The models the control plane can call; the one used when an agent names none is marked default. */
export function ModelsTable({ models }: { models: ServerInfo["models"] }) {
  if (models.length === 0) return <p className="muted">No models are configured.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Provider</th>
          <th scope="col">
            <span className="visually-hidden">Default</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {models.map((model) => (
          <tr key={model.id}>
            <td>
              <code>{model.id}</code>
            </td>
            <td>{model.provider}</td>
            <td className="table-cell-end">
              {model.default && <StatusBadge tone="accent">default</StatusBadge>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
