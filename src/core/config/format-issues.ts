import type { z } from "zod";

export interface ConfigProblem {
  /** Dotted field path, e.g. `models.tiers.small.0`; `(root)` for the whole object. */
  path: string;
  /** What was wrong and what is expected. */
  message: string;
  /** 1-based line in the source file where the field was found, when it could be located. */
  line?: number;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(root)" : path.map(String).join(".");
}

function describeReceived(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "an array";
  if (typeof input === "string") return `the string ${JSON.stringify(input)}`;
  if (typeof input === "number" || typeof input === "boolean") return `${typeof input} ${String(input)}`;
  return typeof input;
}

/** Turns zod issues into one problem per field, phrased as "what is wrong; what is expected". */
export function formatIssues(error: z.ZodError, source?: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push(
          withLine(
            { path: pathText(path), message: "unknown field; remove it or check its spelling" },
            path,
            source,
          ),
        );
      }
      continue;
    }
    let message = issue.message;
    if (issue.code === "invalid_type") {
      message = `expected ${issue.expected}, got ${issue.input === undefined ? "nothing" : describeReceived(issue.input)}`;
    }
    problems.push(withLine({ path: pathText(issue.path), message }, issue.path, source));
  }
  return problems;
}

// Best effort: walk the path's keys through the file text in order, so `server.port` finds the
// `port:` that follows `server:`. Configs are code, so this can miss; the field path is always given.
function withLine(problem: ConfigProblem, path: readonly PropertyKey[], source?: string): ConfigProblem {
  if (!source) return problem;
  const keys = path.filter((key): key is string => typeof key === "string");
  if (keys.length === 0) return problem;
  let offset = 0;
  for (const key of keys) {
    const pattern = new RegExp(
      `(^|[\\s{,])["']?${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*:`,
      "m",
    );
    const match = pattern.exec(source.slice(offset));
    if (!match) return problem;
    offset += match.index + match[0].length;
  }
  const line = source.slice(0, offset).split("\n").length;
  return { ...problem, line };
}
