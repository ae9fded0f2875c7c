import type { TraceStatus } from "../../api/trace-schemas.js";
import { StatusBadge } from "../status-badge.js";

/** "ok" in green or "error" in red. */
export function TraceStatusBadge({ status }: { status: TraceStatus }) {
  return status === "error" ? (
    <StatusBadge tone="danger">error</StatusBadge>
  ) : (
    <StatusBadge tone="good">ok</StatusBadge>
  );
}
