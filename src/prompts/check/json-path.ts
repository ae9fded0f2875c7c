import { GantryError, type JsonValue } from "../../core/index.js";

// The small JSON path dialect consumer contracts and divergence reports speak: `$`, `.name`,
// `["name"]` (or `['name']`), `[0]` and `[*]`. No filters, slices or recursive descent: a contract
// names fields a consumer reads, and anything richer would make contracts harder to review.

export type JsonPathSegment =
  | { kind: "property"; name: string }
  | { kind: "index"; index: number }
  | { kind: "wildcard" };

/** One place a path leads to in a value; `found: false` when the field is absent there. */
export interface JsonPathMatch {
  /** The path with each `[*]` replaced by the element's index: `$.items[2].id`. */
  path: string;
  found: boolean;
  value?: JsonValue;
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]*/;

type Parsed = { segments: JsonPathSegment[] } | { problem: string };

function readQuoted(path: string, start: number): { name: string; end: number } | undefined {
  const quote = path[start];
  let index = start + 1;
  let name = "";
  while (index < path.length && path[index] !== quote) {
    if (path[index] === "\\") {
      const next = path[index + 1];
      if (next === undefined) return undefined;
      name += next === "n" ? "\n" : next === "t" ? "\t" : next;
      index += 2;
      continue;
    }
    name += path[index];
    index += 1;
  }
  return index < path.length ? { name, end: index + 1 } : undefined;
}

function parseBracket(path: string, start: number): { segment: JsonPathSegment; end: number } | string {
  const inner = path[start + 1];
  if (inner === "*") {
    return path[start + 2] === "]"
      ? { segment: { kind: "wildcard" }, end: start + 3 }
      : "expected ']' after '[*'";
  }
  if (inner === '"' || inner === "'") {
    const quoted = readQuoted(path, start + 1);
    if (!quoted) return `the name quoted at position ${start + 1} is never closed`;
    if (path[quoted.end] !== "]") return `expected ']' at position ${quoted.end}`;
    return { segment: { kind: "property", name: quoted.name }, end: quoted.end + 1 };
  }
  const digits = /^(0|[1-9][0-9]*)\]/.exec(path.slice(start + 1));
  if (!digits?.[1]) return `expected an index, '*' or a quoted name after '[' at position ${start}`;
  return { segment: { kind: "index", index: Number(digits[1]) }, end: start + 1 + digits[0].length };
}

function parse(path: string): Parsed {
  if (!path.startsWith("$")) return { problem: "a JSON path starts with '$'" };
  const segments: JsonPathSegment[] = [];
  let position = 1;
  while (position < path.length) {
    const char = path[position];
    if (char === ".") {
      const name = identifier.exec(path.slice(position + 1))?.[0];
      if (!name) {
        return {
          problem: `expected a field name after '.' at position ${position} (use ["name"] for other characters)`,
        };
      }
      segments.push({ kind: "property", name });
      position += 1 + name.length;
      continue;
    }
    if (char === "[") {
      const bracket = parseBracket(path, position);
      if (typeof bracket === "string") return { problem: bracket };
      segments.push(bracket.segment);
      position = bracket.end;
      continue;
    }
    return { problem: `unexpected '${char}' at position ${position}; expected '.' or '['` };
  }
  return { segments };
}

/** Why `path` is not a JSON path of this dialect, or undefined when it is one. */
export function jsonPathProblem(path: string): string | undefined {
  const parsed = parse(path);
  return "problem" in parsed ? parsed.problem : undefined;
}

/** Parses `$.a["b"][0][*]`; throws PROMPT_JSON_PATH_INVALID saying where it went wrong. */
export function parseJsonPath(path: string): JsonPathSegment[] {
  const parsed = parse(path);
  if ("segments" in parsed) return parsed.segments;
  throw new GantryError({
    code: "PROMPT_JSON_PATH_INVALID",
    message: `Invalid JSON path ${JSON.stringify(path)}: ${parsed.problem}`,
    domain: "PROMPT",
    category: "USER",
    details: { path, problem: parsed.problem },
    hint: 'Write paths as $.field, $.list[0].field, $.list[*].field or $["odd name"].',
  });
}

/** Writes segments back as a path; names that are not identifiers are bracketed and quoted. */
export function formatJsonPath(segments: readonly JsonPathSegment[]): string {
  return `$${segments.map(formatSegment).join("")}`;
}

function formatSegment(segment: JsonPathSegment): string {
  if (segment.kind === "wildcard") return "[*]";
  if (segment.kind === "index") return `[${segment.index}]`;
  const match = identifier.exec(segment.name);
  return match?.[0] === segment.name ? `.${segment.name}` : `[${JSON.stringify(segment.name)}]`;
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// The child a property or index segment leads to, or undefined when it is absent.
function child(
  value: JsonValue,
  segment: Exclude<JsonPathSegment, { kind: "wildcard" }>,
): JsonValue | undefined {
  if (segment.kind === "property") {
    return isObject(value) && Object.hasOwn(value, segment.name) ? value[segment.name] : undefined;
  }
  return Array.isArray(value) ? value[segment.index] : undefined;
}

function walk(
  value: JsonValue,
  segments: readonly JsonPathSegment[],
  at: number,
  concrete: string,
  matches: JsonPathMatch[],
): void {
  const segment = segments[at];
  if (segment === undefined) {
    matches.push({ path: concrete, found: true, value });
    return;
  }
  if (segment.kind === "wildcard" && Array.isArray(value)) {
    // `[*]` over an empty array matches nothing: a field of "every element" holds vacuously.
    value.forEach((element, index) => {
      walk(element, segments, at + 1, `${concrete}[${index}]`, matches);
    });
    return;
  }
  const next = segment.kind === "wildcard" ? undefined : child(value, segment);
  if (next === undefined) {
    matches.push({ path: `${concrete}${segments.slice(at).map(formatSegment).join("")}`, found: false });
    return;
  }
  walk(next, segments, at + 1, concrete + formatSegment(segment), matches);
}

/** Every place `path` leads to in `value` (several through `[*]`), each found or missing. */
export function evaluateJsonPath(
  value: JsonValue,
  path: string | readonly JsonPathSegment[],
): JsonPathMatch[] {
  const segments = typeof path === "string" ? parseJsonPath(path) : path;
  const matches: JsonPathMatch[] = [];
  walk(value, segments, 0, "$", matches);
  return matches;
}
