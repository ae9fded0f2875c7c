import { StatusBadge } from "../status-badge.js";

/** "drift" in amber when open prompt-drift alerts exist: calls used a text the label does not point to. */
export function DriftBadge({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <span title={`${count} open prompt-drift alert${count === 1 ? "" : "s"}`}>
      <StatusBadge tone="warning">drift{count > 1 ? ` ×${count}` : ""}</StatusBadge>
    </span>
  );
}
