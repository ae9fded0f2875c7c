import { GantryError, type JsonValue } from "../core/index.js";
import type { ParsedPrompt } from "./parse-prompt-file.js";
import type { PromptVariable } from "./prompt-file-schema.js";

// Fills a prompt's template. A missing, mistyped or unknown variable is an error, never an empty
// string: a silently blank `{{ticket}}` is exactly the bug that ships. Includes (`{{> id@1.2.0}}`)
// are resolved by the caller (a registry, a folder, a test map), rendered recursively with a depth
// limit and cycle detection.

/** What an include names: `{{> id@1.2.0}}` or `{{> id}}` for the latest version. */
export interface PromptIncludeReference {
  id: string;
  version?: string;
}

export interface RenderPromptOptions {
  /** Finds the prompt an include names; required as soon as a template has an include. */
  resolveInclude?: (reference: PromptIncludeReference) => ParsedPrompt | Promise<ParsedPrompt>;
  /** How deep includes may nest; 5 unless set. */
  maxIncludeDepth?: number;
}

/** A rendered prompt with every prompt it included (for the manifest and span attributes). */
export interface RenderedPrompt {
  text: string;
  includes: { id: string; version: string; hash: string }[];
}

export const defaultMaxIncludeDepth = 5;

const placeholder = /\{\{\s*(>\s*)?([^{}]*?)\s*\}\}/g;
const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;
const includeReference = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?:@([^\s@]+))?$/;

function promptError(
  code: string,
  message: string,
  details: Record<string, JsonValue>,
  hint: string,
): GantryError {
  return new GantryError({ code, message, domain: "PROMPT", category: "USER", details, hint });
}

function label(prompt: ParsedPrompt): string {
  return `${prompt.frontMatter.id}@${prompt.frontMatter.version}`;
}

function hasType(value: unknown, type: PromptVariable["type"]): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "json":
      try {
        return JSON.stringify(value) !== undefined;
      } catch {
        return false;
      }
  }
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function checkVariables(prompt: ParsedPrompt, values: Record<string, unknown>, checkUnknown: boolean): void {
  const declared = prompt.frontMatter.variables;
  const name = label(prompt);
  if (checkUnknown) {
    const unknown = Object.keys(values).filter((key) => !Object.hasOwn(declared, key));
    if (unknown.length > 0) {
      throw promptError(
        "PROMPT_VARIABLE_UNKNOWN",
        `Prompt ${name} does not declare variable(s) ${unknown.join(", ")}`,
        { prompt: name, variables: unknown, declared: Object.keys(declared) },
        "Remove the extra variables or declare them under `variables:` in the prompt's front matter.",
      );
    }
  }
  const missing = Object.entries(declared)
    .filter(([key, variable]) => variable.required && values[key] === undefined)
    .map(([key]) => key);
  if (missing.length > 0) {
    throw promptError(
      "PROMPT_VARIABLE_MISSING",
      `Prompt ${name} needs variable(s) ${missing.join(", ")}`,
      { prompt: name, variables: missing },
      "Pass every required variable, or mark it `required: false` in the front matter.",
    );
  }
  const mistyped = Object.entries(declared)
    .filter(([key, variable]) => values[key] !== undefined && !hasType(values[key], variable.type))
    .map(([key, variable]) => `${key} (expected ${variable.type}, got ${describeValue(values[key])})`);
  if (mistyped.length > 0) {
    throw promptError(
      "PROMPT_VARIABLE_TYPE",
      `Prompt ${name} got variable(s) of the wrong type: ${mistyped.join(", ")}`,
      { prompt: name, variables: mistyped },
      "Pass each variable with the type its front matter declares.",
    );
  }
}

function format(value: unknown, type: PromptVariable["type"]): string {
  if (value === undefined) return "";
  if (type === "json") return JSON.stringify(value);
  return String(value);
}

async function renderWithin(
  prompt: ParsedPrompt,
  values: Record<string, unknown>,
  options: RenderPromptOptions,
  chain: string[],
  includes: RenderedPrompt["includes"],
): Promise<string> {
  checkVariables(prompt, values, chain.length === 1);
  const maxDepth = options.maxIncludeDepth ?? defaultMaxIncludeDepth;
  const declared = prompt.frontMatter.variables;
  const parts: string[] = [];
  let last = 0;
  for (const match of prompt.template.matchAll(placeholder)) {
    parts.push(prompt.template.slice(last, match.index));
    last = match.index + match[0].length;
    const body = match[2] ?? "";
    if (match[1] === undefined) {
      const variable = variableName.test(body) ? declared[body] : undefined;
      if (!variable) {
        throw promptError(
          "PROMPT_VARIABLE_UNDECLARED",
          `Prompt ${label(prompt)} uses {{${body}}} but declares no such variable`,
          { prompt: label(prompt), variable: body },
          "Declare the variable under `variables:` in the front matter, or fix the placeholder's name.",
        );
      }
      parts.push(format(values[body], variable.type));
      continue;
    }
    parts.push(await renderInclude(prompt, body, values, options, chain, includes, maxDepth));
  }
  parts.push(prompt.template.slice(last));
  return parts.join("");
}

async function renderInclude(
  parent: ParsedPrompt,
  body: string,
  values: Record<string, unknown>,
  options: RenderPromptOptions,
  chain: string[],
  includes: RenderedPrompt["includes"],
  maxDepth: number,
): Promise<string> {
  const reference = includeReference.exec(body);
  if (!reference?.[1]) {
    throw promptError(
      "PROMPT_INCLUDE_INVALID",
      `Prompt ${label(parent)} has an include {{> ${body}}} that is not 'id' or 'id@version'`,
      { prompt: label(parent), include: body },
      "Write includes as {{> other-id@1.2.0}} or {{> other-id}} for the latest version.",
    );
  }
  if (!options.resolveInclude) {
    throw promptError(
      "PROMPT_INCLUDE_UNRESOLVED",
      `Prompt ${label(parent)} includes ${body} but no include resolver was given`,
      { prompt: label(parent), include: body },
      "Render through the prompt registry, or pass `resolveInclude`.",
    );
  }
  if (chain.length > maxDepth) {
    throw promptError(
      "PROMPT_INCLUDE_TOO_DEEP",
      `Includes nest deeper than ${maxDepth}: ${[...chain, body].join(" > ")}`,
      { chain: [...chain, body], maxDepth },
      "Flatten the includes, or raise `maxIncludeDepth` if the nesting is intended.",
    );
  }
  const id = reference[1];
  const version = reference[2];
  const included = await options.resolveInclude(version === undefined ? { id } : { id, version });
  const includedLabel = label(included);
  if (chain.some((entry) => entry.startsWith(`${id}@`)) || chain.includes(includedLabel)) {
    throw promptError(
      "PROMPT_INCLUDE_CYCLE",
      `Prompt includes form a cycle: ${[...chain, includedLabel].join(" > ")}`,
      { chain: [...chain, includedLabel] },
      "Break the cycle: a prompt may not include itself, directly or through others.",
    );
  }
  includes.push({ id: included.frontMatter.id, version: included.frontMatter.version, hash: included.hash });
  // An include sees only the variables it declares, taken from the including prompt's values.
  const subset = Object.fromEntries(
    Object.keys(included.frontMatter.variables)
      .filter((key) => values[key] !== undefined)
      .map((key) => [key, values[key]]),
  );
  return renderWithin(included, subset, options, [...chain, includedLabel], includes);
}

/** Fills `{{name}}` placeholders and `{{> id@version}}` includes; any missing, mistyped or unknown variable throws. */
export async function renderPrompt(
  prompt: ParsedPrompt,
  variables: Record<string, unknown>,
  options: RenderPromptOptions = {},
): Promise<RenderedPrompt> {
  const includes: RenderedPrompt["includes"] = [];
  const text = await renderWithin(prompt, variables, options, [label(prompt)], includes);
  return { text, includes };
}
