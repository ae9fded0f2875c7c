import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { formatIssues, GantryError } from "../../core/index.js";

// Every hand-edited evals file (suites, datasets, judge labels, promptfoo configs) reports a mistake
// as `file:line  field.path: expectation`. YAML files find the line by walking the document; JSONL
// files know it from the line the record is on. (src/prompts has the same mapping for its own files,
// private to that module.)

/** A parsed file that can say on which line a field path starts. */
export interface LocatedSource {
  file: string;
  /** The parsed value; undefined when `syntaxProblems` is not empty. */
  value: unknown;
  /** `file:line  message` for each syntax error. */
  syntaxProblems: string[];
  /** 1-based line of the deepest node along `path` that exists. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** How a path is shown; default `a.0.b`. (JSONL drops the record index: the line names the record.) */
  pathText?(path: readonly PropertyKey[]): string;
}

/** A problem at a field path (`cases.2.id`), before it has a line. */
export interface PathIssue {
  path: readonly PropertyKey[];
  message: string;
}

type Ranged = { range?: [number, number, number] } | null | undefined;

/** Parses YAML text, keeping each node's position for error lines. */
export function locateYaml(text: string, file: string): LocatedSource {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter });
  const syntaxProblems = document.errors.map(
    (error) => `${file}:${error.linePos?.[0].line ?? "?"}  ${error.message.split("\n")[0]}`,
  );
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    let node: unknown = document.contents;
    let range = (node as Ranged)?.range;
    for (const key of path) {
      if (isMap(node)) node = node.get(key as string, true);
      else if (isSeq(node)) node = node.get(Number(key), true);
      else break;
      const next = (node as Ranged)?.range;
      if (!next) break;
      range = next;
    }
    return range ? counter.linePos(range[0]).line : undefined;
  };
  return { file, value: syntaxProblems.length > 0 ? undefined : document.toJS(), syntaxProblems, lineOf };
}

/** Formats issues as `file:line  path: message`; `root` names an issue about the whole file. */
export function describeIssues(
  located: Pick<LocatedSource, "file" | "lineOf" | "pathText">,
  issues: readonly PathIssue[],
  root = "(file)",
): string[] {
  return issues.map((issue) => {
    const line = located.lineOf(issue.path);
    const where = line === undefined ? located.file : `${located.file}:${line}`;
    const path = located.pathText ? located.pathText(issue.path) : issue.path.map(String).join(".");
    return `${where}  ${path || root}: ${issue.message}`;
  });
}

/** A zod error's issues phrased as core's config problems ("unknown field…", "expected string, got…"). */
export function zodPathIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): PathIssue[] {
  return formatIssues(error).map((problem) => ({
    path: [...prefix, ...(problem.path === "(root)" ? [] : problem.path.split("."))],
    message: problem.message,
  }));
}

/** The USER error for an evals file with problems, one indented line each. */
export function invalidEvalFile(options: {
  code: string;
  /** `dataset`, `eval suite`, `judge labels file`… */
  what: string;
  file: string;
  problems: string[];
  hint: string;
}): GantryError {
  const { code, what, file, problems, hint } = options;
  return new GantryError({
    code,
    message: `Invalid ${what} ${file}:\n${problems.map((problem) => `  ${problem}`).join("\n")}`,
    domain: "EVAL",
    category: "USER",
    details: { file, problems },
    hint,
  });
}
