/** One entry of the navigation bar; sections not built yet are listed but cannot be opened. */
export interface NavigationSection {
  path: string;
  title: string;
  available: boolean;
  /** One sentence on what the section will show; used on its placeholder page. */
  summary: string;
}

export const navigationSections: readonly NavigationSection[] = [
  {
    path: "/",
    title: "Overview",
    available: true,
    summary: "The workspace, its store, its models and the server's health.",
  },
  {
    path: "/traces",
    title: "Traces",
    available: true,
    summary: "Every agent run as a tree of spans, with tokens, cost and tool calls.",
  },
  {
    path: "/sessions",
    title: "Sessions",
    available: true,
    summary: "Conversations and jobs that span several traces, with their totals.",
  },
  {
    path: "/runs",
    title: "Runs",
    available: true,
    summary: "Running, paused and finished runs, with their state and what they wait for.",
  },
  {
    path: "/prompts",
    title: "Prompts",
    available: true,
    summary: "Prompts as versioned contracts: versions, labels, diffs, usage per version and drift.",
  },
  {
    path: "/evals",
    title: "Evals",
    available: true,
    summary: "Eval suites, their runs with scores and reasons per case, comparisons and the gate's verdicts.",
  },
  {
    path: "/approvals",
    title: "Approvals",
    available: true,
    summary: "Tool calls waiting for a person to allow or deny them.",
  },
];

/** Drops a trailing slash so "/traces/" and "/traces" name the same section. */
export function normalisePath(pathname: string): string {
  if (pathname.length > 1 && pathname.endsWith("/")) return pathname.replace(/\/+$/, "") || "/";
  return pathname === "" ? "/" : pathname;
}

/** The section a path belongs to, or undefined for an unknown path. */
export function findSection(pathname: string): NavigationSection | undefined {
  const path = normalisePath(pathname);
  return navigationSections.find((section) => section.path === path);
}

/** The section a path is in, sub-pages included: "/traces/abc" is in Traces. */
export function sectionForPath(pathname: string): NavigationSection | undefined {
  const path = normalisePath(pathname);
  return navigationSections.find(
    (section) => section.path === path || (section.path !== "/" && path.startsWith(`${section.path}/`)),
  );
}
