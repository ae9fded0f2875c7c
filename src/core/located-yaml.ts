import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { type ErrorCategory, type ErrorDomain, GantryError } from "./errors.js";

// Hand-edited YAML files (prompt front matter, replay sets, consumer contracts, eval suites, datasets,
// judge labels, promptfoo configs) report mistakes the same way: `file:line  field.path: expectation`.
// This file owns the mapping from a YAML document and field-path issues to lines, so every format
// says it identically.

/** A parsed file that still knows on which line each field path starts. */
export interface LocatedYaml {
  file: string;
  /** The document as plain JS (`{}` for an empty document); undefined when `syntaxProblems` is not empty. */
  value: unknown;
  /** `file:line  message` for each YAML syntax error; empty when the text parsed. */
  syntaxProblems: string[];
  /** The file line of the deepest node along `path` that exists (the document start when none). */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** How a path is shown; default `a.0.b` (JSONL drops the record index: the line names the record). */
  pathText?(path: readonly PropertyKey[]): string;
}

/** A problem at a field path (a zod issue fits). */
export interface YamlIssue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  issues?: readonly { message: string }[];
}

type Ranged = { range?: [number, number, number] } | null | undefined;

/** Parses `text`; `lineOffset` is the file line before the YAML's first line (1 for front matter). */
export function parseLocatedYaml(text: string, file: string, lineOffset = 0): LocatedYaml {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter });
  const syntaxProblems = document.errors.map(
    (error) =>
      `${file}:${(error.linePos?.[0].line ?? 0) + lineOffset || "?"}  ${error.message.split("\n")[0]}`,
  );
  // Walks the document along the path to the deepest node that exists, for its line.
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
    return range ? counter.linePos(range[0]).line + lineOffset : undefined;
  };
  return {
    file,
    value: syntaxProblems.length > 0 ? undefined : (document.toJS() ?? {}),
    syntaxProblems,
    lineOf,
  };
}

// A record key's own message ("Invalid key in record") hides the expectation; the nested issue has it.
function expectation(issue: YamlIssue): string {
  const nested = issue.code === "invalid_key" ? issue.issues?.[0]?.message : undefined;
  return nested ? `invalid name, expected ${nested}` : issue.message;
}

/** One `file:line  field.path: expectation` line per issue; `root` names an issue about the whole file. */
export function describeYamlIssues(
  located: Pick<LocatedYaml, "file" | "lineOf" | "pathText">,
  issues: readonly YamlIssue[],
  root = "(file)",
): string[] {
  return issues.map((issue) => {
    const line = located.lineOf(issue.path);
    const where = line === undefined ? located.file : `${located.file}:${line}`;
    const path = located.pathText ? located.pathText(issue.path) : issue.path.map(String).join(".");
    return `${where}  ${path || root}: ${expectation(issue)}`;
  });
}

/** The error for a hand-edited file with problems: one indented problem line each in the message. */
export function invalidYamlFile(options: {
  code: string;
  domain: ErrorDomain;
  /** What the file is, for the message: `prompt file`, `eval suite`… */
  what: string;
  file: string;
  problems: string[];
  hint: string;
  category?: ErrorCategory;
}): GantryError {
  const { code, domain, what, file, problems, hint } = options;
  return new GantryError({
    code,
    message: `Invalid ${what} ${file}:\n${problems.map((problem) => `  ${problem}`).join("\n")}`,
    domain,
    category: options.category ?? "USER",
    details: { file, problems },
    hint,
  });
}
