import type { JsonValue } from "../core/index.js";

// Contract of the alerts repository: conditions a check found (prompt-hash drift now; cost, quality
// and behaviour drift later), kept open until resolved. Deduplicated by (project, key): a check that
// finds the same condition again bumps `count` and `lastSeenAt` instead of opening a second alert.

export const alertSeverities = ["info", "warning", "critical"] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

export interface StoredAlert {
  id: string;
  projectId: string;
  /** What raised it, e.g. `prompt-drift`. */
  kind: string;
  /** Identity of the condition within the kind, e.g. `triage:<hash>`; unique while open. */
  key: string;
  severity: AlertSeverity;
  title: string;
  details: JsonValue;
  firstSeenAt: string;
  lastSeenAt: string;
  /** Times the condition was reported while open (1 when opened). */
  count: number;
  resolvedAt: string | null;
}

export interface AlertReport {
  /** Defaults to `default`. */
  projectId?: string;
  kind: string;
  key: string;
  severity: AlertSeverity;
  title: string;
  details: JsonValue;
  at: string;
}

export interface AlertListOptions {
  projectId?: string;
  kind?: string;
  /** `open` (default), `resolved` or `all`. */
  state?: "open" | "resolved" | "all";
  /** 1..500, default 50. */
  limit?: number;
}

export interface AlertsRepository {
  /**
   * Opens an alert, or, when one with the same (project, key) is open, updates its title, details and
   * severity, bumps `count` and sets `lastSeenAt`. `opened` says which. Atomic across processes.
   */
  report(report: AlertReport): Promise<{ alert: StoredAlert; opened: boolean }>;
  /** Resolves an open alert; undefined when none is open with that id. */
  resolve(id: string, at: string): Promise<StoredAlert | undefined>;
  get(id: string): Promise<StoredAlert | undefined>;
  /** Newest first (by `lastSeenAt`). */
  list(options?: AlertListOptions): Promise<StoredAlert[]>;
}
