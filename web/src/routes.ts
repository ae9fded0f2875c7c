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
  | { page: "prompts" }
  | { page: "prompt"; promptId: string }
  | { page: "evals" }
  | { page: "eval-run"; runId: string }
  | { page: "eval-compare" }
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
  const detail = /^\/(traces|sessions|runs|prompts)\/([^/]+)$/.exec(path);
  if (detail !== null) {
    const id = decodeSegment(detail[2]!);
    if (id === undefined) return { page: "not-found" };
    if (detail[1] === "runs") return { page: "run", runId: id };
    if (detail[1] === "prompts") return { page: "prompt", promptId: id };
    return detail[1] === "traces" ? { page: "trace", traceId: id } : { page: "session", sessionId: id };
  }
  const evalRun = /^\/evals\/runs\/([^/]+)$/.exec(path);
  if (evalRun !== null) {
    const id = decodeSegment(evalRun[1]!);
    return id === undefined ? { page: "not-found" } : { page: "eval-run", runId: id };
  }
  if (path === "/evals/compare") return { page: "eval-compare" };
  const section = findSection(path);
  if (section === undefined) return { page: "not-found" };
  if (!section.available) return { page: "coming-soon", section };
  if (section.path === "/traces") return { page: "traces" };
  if (section.path === "/sessions") return { page: "sessions" };
  if (section.path === "/runs") return { page: "runs" };
  if (section.path === "/prompts") return { page: "prompts" };
  if (section.path === "/evals") return { page: "evals" };
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

/** The dashboard path of one prompt, optionally comparing two versions or labels. */
export function promptPagePath(promptId: string, diff: { from?: string; to?: string } = {}): string {
  const query = new URLSearchParams();
  if (diff.from !== undefined) query.set("from", diff.from);
  if (diff.to !== undefined) query.set("to", diff.to);
  const text = query.toString();
  return `/prompts/${encodeURIComponent(promptId)}${text === "" ? "" : `?${text}`}`;
}

/** The dashboard path of one eval run. */
export function evalRunPagePath(runId: string): string {
  return `/evals/runs/${encodeURIComponent(runId)}`;
}

/** The dashboard path comparing run `run` with `baseline` (a run id; left out, the page picks one). */
export function evalComparePagePath(selection: { baseline?: string; run: string }): string {
  const query = new URLSearchParams();
  if (selection.baseline) query.set("baseline", selection.baseline);
  query.set("run", selection.run);
  return `/evals/compare?${query.toString()}`;
}
