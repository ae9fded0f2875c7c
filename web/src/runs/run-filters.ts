import { type RunStatus, runListPath, runStatuses } from "../api/runs-api.js";

/** What the runs list is narrowed to; kept in the page URL so a filtered view is a link. */
export interface RunFilters {
  agent: string;
  status: "" | RunStatus;
}

export const emptyRunFilters: RunFilters = { agent: "", status: "" };

// URL order is fixed so the same filters always give the same link.
const filterKeys = ["agent", "status"] as const;

/** Reads filters from a URL query ("?status=paused&agent=triage"); unknown keys and bad values are ignored. */
export function parseRunFilters(search: string): RunFilters {
  const parameters = new URLSearchParams(search);
  const status = (parameters.get("status") ?? "").trim();
  return {
    agent: (parameters.get("agent") ?? "").trim(),
    status: (runStatuses as readonly string[]).includes(status) ? (status as RunStatus) : "",
  };
}

function filterParameters(filters: RunFilters): URLSearchParams {
  const parameters = new URLSearchParams();
  for (const key of filterKeys) {
    const value = filters[key].trim();
    if (value !== "") parameters.set(key, value);
  }
  return parameters;
}

/** True when any filter narrows the list. */
export function hasActiveRunFilters(filters: RunFilters): boolean {
  return filterKeys.some((key) => filters[key].trim() !== "");
}

/** The API path for one page of runs matching the filters. */
export function runListApiPath(filters: RunFilters, page: { limit: number; cursor?: string | null }): string {
  const parameters = filterParameters(filters);
  parameters.set("limit", String(page.limit));
  if (page.cursor) parameters.set("cursor", page.cursor);
  return `${runListPath}?${parameters.toString()}`;
}

/** The dashboard path of the runs list with these filters. */
export function runsPagePath(filters: RunFilters): string {
  const query = filterParameters(filters).toString();
  return query === "" ? "/runs" : `/runs?${query}`;
}
