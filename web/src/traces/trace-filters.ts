import { traceListPath } from "../api/traces-api.js";

/** What the traces list is narrowed to; every field is kept in the page URL so a view can be shared. */
export interface TraceFilters {
  agent: string;
  status: "" | "ok" | "error";
  model: string;
  /** A preset such as `24h` (relative to now) or an ISO timestamp; empty means all time. */
  since: string;
  until: string;
  session: string;
}

export const emptyTraceFilters: TraceFilters = {
  agent: "",
  status: "",
  model: "",
  since: "",
  until: "",
  session: "",
};

/** The time-window presets offered as buttons; the server also accepts any ISO timestamp. */
export const sincePresets = [
  { value: "15m", label: "15 min" },
  { value: "1h", label: "1 h" },
  { value: "24h", label: "24 h" },
  { value: "7d", label: "7 d" },
] as const;

// URL order is fixed so the same filters always give the same link.
const filterKeys = ["agent", "status", "model", "since", "until", "session"] as const;

/** Reads filters from a URL query ("?status=error&since=24h"); unknown keys and bad values are ignored. */
export function parseTraceFilters(search: string): TraceFilters {
  const parameters = new URLSearchParams(search);
  const read = (key: string) => (parameters.get(key) ?? "").trim();
  const status = read("status");
  return {
    agent: read("agent"),
    status: status === "ok" || status === "error" ? status : "",
    model: read("model"),
    since: read("since"),
    until: read("until"),
    session: read("session"),
  };
}

function filterParameters(filters: TraceFilters): URLSearchParams {
  const parameters = new URLSearchParams();
  for (const key of filterKeys) {
    const value = filters[key].trim();
    if (value !== "") parameters.set(key, value);
  }
  return parameters;
}

/** The URL query for filters, with its "?", or "" when nothing is filtered. */
export function formatTraceFilters(filters: TraceFilters): string {
  const query = filterParameters(filters).toString();
  return query === "" ? "" : `?${query}`;
}

/** True when any filter narrows the list. */
export function hasActiveFilters(filters: TraceFilters): boolean {
  return filterKeys.some((key) => filters[key].trim() !== "");
}

/** The API path for one page of traces matching the filters. */
export function traceListApiPath(
  filters: TraceFilters,
  page: { limit: number; cursor?: string | null },
): string {
  const parameters = filterParameters(filters);
  parameters.set("limit", String(page.limit));
  if (page.cursor) parameters.set("cursor", page.cursor);
  return `${traceListPath}?${parameters.toString()}`;
}

/** The dashboard path of the traces list with these filters. */
export function tracesPagePath(filters: TraceFilters): string {
  return `/traces${formatTraceFilters(filters)}`;
}
