import { findSection, type NavigationSection, normalisePath } from "./navigation.js";

/** What the dashboard shows for a path. */
export type Route =
  | { page: "overview" }
  | { page: "traces" }
  | { page: "trace"; traceId: string }
  | { page: "sessions" }
  | { page: "session"; sessionId: string }
  | { page: "runs" }
  | { page: "run"; runId: string }
  | { page: "approvals" }
  | { page: "coming-soon"; section: NavigationSection }
  | { page: "not-found" };

function decodeSegment(segment: string): string | undefined {
  try {
    const decoded = decodeURIComponent(segment);
    return decoded === "" ? undefined : decoded;
  } catch {
    // A malformed escape ("%E0%A4%A") is no id we could have linked to.
    return undefined;
  }
}

/** Matches a pathname to a page; ids in paths are percent-decoded. */
export function resolveRoute(pathname: string): Route {
  const path = normalisePath(pathname);
  const detail = /^\/(traces|sessions|runs)\/([^/]+)$/.exec(path);
  if (detail !== null) {
    const id = decodeSegment(detail[2]!);
    if (id === undefined) return { page: "not-found" };
    if (detail[1] === "runs") return { page: "run", runId: id };
    return detail[1] === "traces" ? { page: "trace", traceId: id } : { page: "session", sessionId: id };
  }
  const section = findSection(path);
  if (section === undefined) return { page: "not-found" };
  if (!section.available) return { page: "coming-soon", section };
  if (section.path === "/traces") return { page: "traces" };
  if (section.path === "/sessions") return { page: "sessions" };
  if (section.path === "/runs") return { page: "runs" };
  if (section.path === "/approvals") return { page: "approvals" };
  if (section.path === "/") return { page: "overview" };
  return { page: "not-found" };
}

/** The dashboard path of one trace, optionally with a span selected. */
export function tracePagePath(traceId: string, spanId?: string): string {
  const path = `/traces/${encodeURIComponent(traceId)}`;
  return spanId === undefined ? path : `${path}?span=${encodeURIComponent(spanId)}`;
}

/** The dashboard path of one session. */
export function sessionPagePath(sessionId: string): string {
  return `/sessions/${encodeURIComponent(sessionId)}`;
}

/** The dashboard path of one run. */
export function runPagePath(runId: string): string {
  return `/runs/${encodeURIComponent(runId)}`;
}
