import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { GantryError } from "../core/index.js";

// The prompt module's hand-edited YAML files (prompt front matter, replay sets, consumer contracts)
// report mistakes the same way: `file:line  field.path: expectation`. This file owns that mapping
// from a YAML document and zod issues to lines, so every format says it identically.

/** A parsed YAML text that still knows where each node came from. */
export interface LocatedYaml {
  /** The document as plain JS (`{}` for an empty document). */
  value: unknown;
  /** `file:line  message` for each YAML syntax error; empty when the text parsed. */
  syntaxProblems: string[];
  /** The file line of the deepest node along `path` that exists (the document start when none). */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  file: string;
}

/** What a zod issue carries that the mapping needs (zod's `$ZodIssue` fits). */
export interface LocatableIssue {
  code: string;
  message: string;
  path: readonly PropertyKey[];
  issues?: readonly { message: string }[];
}

type Ranged = { range?: [number, number, number] } | null | undefined;

/** Parses `text`; `lineOffset` is the file line before the YAML's first line (1 for front matter). */
export function parseLocatedYaml(text: string, file: string, lineOffset = 0): LocatedYaml {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter });
  const syntaxProblems = document.errors.map(
    (error) => `${file}:${(error.linePos?.[0].line ?? 0) + lineOffset || "?"}  ${error.message}`,
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
    value: syntaxProblems.length > 0 ? undefined : (document.toJS() ?? {}),
    syntaxProblems,
    lineOf,
    file,
  };
}

// A record key's own message ("Invalid key in record") hides the expectation; the nested issue has it.
function expectation(issue: LocatableIssue): string {
  const nested = issue.code === "invalid_key" ? issue.issues?.[0]?.message : undefined;
  return nested ? `invalid name, expected ${nested}` : issue.message;
}

/** One `file:line  field.path: expectation` line per issue; `root` names an issue at the top. */
export function describeYamlIssues(
  located: Pick<LocatedYaml, "file" | "lineOf">,
  issues: readonly LocatableIssue[],
  root: string,
): string[] {
  return issues.map((issue) => {
    const line = located.lineOf(issue.path);
    const where = line === undefined ? located.file : `${located.file}:${line}`;
    return `${where}  ${issue.path.map(String).join(".") || root}: ${expectation(issue)}`;
  });
}

/** The USER error for a hand-edited file with problems: one indented problem line each in the message. */
export function invalidYamlFile(options: {
  code: string;
  /** What the file is, for the message: `prompt file`, `replay set`… */
  what: string;
  file: string;
  problems: string[];
  hint: string;
}): GantryError {
  const { code, what, file, problems, hint } = options;
  return new GantryError({
    code,
    message: `Invalid ${what} ${file}:\n${problems.map((problem) => `  ${problem}`).join("\n")}`,
    domain: "PROMPT",
    category: "USER",
    details: { file, problems },
    hint,
  });
}
