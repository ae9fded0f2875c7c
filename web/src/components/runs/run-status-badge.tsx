import type { RunStatus } from "../../api/runs-api.js";
import { runStatusTone } from "../../runs/run-status.js";
import { StatusBadge } from "../status-badge.js";

/** A run's status as a coloured pill: paused in amber (waiting for a resume), failed in red. */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <StatusBadge tone={runStatusTone(status)}>{status}</StatusBadge>;
}
