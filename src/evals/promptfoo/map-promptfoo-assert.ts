import type { JsonValue } from "../../core/index.js";
import type { ScorerSpec } from "../eval-spec.js";
import { renderPromptfooTemplate, templateProblem } from "./render-promptfoo-template.js";

// promptfoo asserts → Gantry scorer specs. A `not-` prefix negates a deterministic assert. String
// values are rendered with the test's variables first, as promptfoo does. An assert type or field
// with no faithful equivalent is an error naming it, never silently dropped: a dropped assert would
// make a failing test pass.

export interface PromptfooAssert {
  type: string;
  value?: JsonValue;
  threshold?: number;
  weight?: number;
  metric?: string;
  [field: string]: JsonValue | undefined;
}

/** Fields that only label or weigh an assert; they do not change pass or fail. */
const cosmeticFields = new Set(["type", "value", "threshold", "weight", "metric", "description"]);

export const supportedAssertTypes = [
  "equals",
  "contains",
  "icontains",
  "contains-any",
  "icontains-any",
  "contains-all",
  "icontains-all",
  "starts-with",
  "regex",
  "is-json",
  "javascript",
  "llm-rubric",
  "levenshtein",
  "cost",
  "latency",
] as const;

const judgeTypes = new Set(["llm-rubric"]);

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function rawString(assert: PromptfooAssert): string {
  if (typeof assert.value !== "string" || assert.value === "")
    throw new Error(`${assert.type} needs a text value`);
  if (assert.value.startsWith("file://"))
    throw new Error(`${assert.type} with a file:// value is not imported; inline the value`);
  return assert.value;
}

function stringValue(assert: PromptfooAssert, vars: Record<string, JsonValue>): string {
  // promptfoo takes a number where it takes text (`contains: 42`).
  if (typeof assert.value === "number") return String(assert.value);
  const value = rawString(assert);
  const problem = templateProblem(value);
  if (problem) throw new Error(`the value ${problem}`);
  return renderPromptfooTemplate(value, vars);
}

function stringList(assert: PromptfooAssert, vars: Record<string, JsonValue>): string[] {
  const values = Array.isArray(assert.value)
    ? assert.value
    : typeof assert.value === "string"
      ? assert.value.split(",")
      : undefined;
  if (!values || values.length === 0 || values.some((value) => typeof value !== "string")) {
    throw new Error(`${assert.type} needs a list of strings`);
  }
  return values.map((value) => renderPromptfooTemplate(String(value).trim(), vars));
}

function positive(assert: PromptfooAssert, what: string): number {
  if (typeof assert.threshold !== "number" || assert.threshold < 0)
    throw new Error(`${assert.type} needs threshold: <${what}>`);
  return assert.threshold;
}

function mapPositive(type: string, assert: PromptfooAssert, vars: Record<string, JsonValue>): ScorerSpec[] {
  switch (type) {
    case "equals": {
      const value = typeof assert.value === "string" ? stringValue(assert, vars) : assert.value;
      if (value === undefined) throw new Error("equals needs a value");
      return [{ type: "equals", value }];
    }
    case "contains":
    case "icontains":
      return [{ type: "contains", value: stringValue(assert, vars), caseSensitive: type === "contains" }];
    case "contains-any":
    case "icontains-any":
      return [
        {
          type: "regex",
          pattern: stringList(assert, vars).map(escapeRegex).join("|"),
          ...(type === "icontains-any" ? { flags: "i" } : {}),
        },
      ];
    case "contains-all":
    case "icontains-all":
      return stringList(assert, vars).map((value) => ({
        type: "contains",
        value,
        caseSensitive: type === "contains-all",
      }));
    case "starts-with":
      return [{ type: "regex", pattern: `^${escapeRegex(stringValue(assert, vars))}` }];
    case "regex":
      return [{ type: "regex", pattern: stringValue(assert, vars) }];
    case "is-json":
      // promptfoo's is-json takes an optional JSON Schema as its value.
      return assert.value !== undefined &&
        typeof assert.value === "object" &&
        assert.value !== null &&
        !Array.isArray(assert.value)
        ? [{ type: "json-schema", schema: assert.value }]
        : [{ type: "is-json" }];
    case "javascript":
      return [
        {
          type: "javascript",
          // Code is not a template: `{{` in an object literal must survive.
          expression: rawString(assert),
          ...(assert.threshold === undefined ? {} : { threshold: assert.threshold }),
        },
      ];
    case "llm-rubric":
      return [
        {
          type: "llm-rubric",
          rubric: stringValue(assert, vars),
          ...(assert.threshold === undefined ? {} : { threshold: assert.threshold }),
        },
      ];
    case "levenshtein":
      // promptfoo: the edit distance to the value is at most `threshold` (default 5).
      return [{ type: "levenshtein", value: stringValue(assert, vars), maxDistance: assert.threshold ?? 5 }];
    case "cost":
      return [{ type: "cost", maxUsd: positive(assert, "max USD") }];
    case "latency":
      return [{ type: "latency", maxMs: positive(assert, "max milliseconds") }];
    default:
      throw new Error(
        `assert type ${type} is not imported; supported: ${supportedAssertTypes.join(", ")} (and not-… of the deterministic ones)`,
      );
  }
}

/**
 * The scorer specs of one assert (contains-all gives several). Throws an Error saying what is not
 * supported; the importer adds where.
 */
export function mapPromptfooAssert(assert: PromptfooAssert, vars: Record<string, JsonValue>): ScorerSpec[] {
  const extra = Object.keys(assert).filter((field) => !cosmeticFields.has(field));
  if (extra.length > 0)
    throw new Error(`assert field ${extra.join(", ")} is not imported (it changes what is scored)`);
  const negate = assert.type.startsWith("not-");
  const type = negate ? assert.type.slice("not-".length) : assert.type;
  if (negate && (judgeTypes.has(type) || type === "cost" || type === "latency")) {
    throw new Error(`${assert.type} is not imported: only deterministic content asserts can be negated`);
  }
  const specs = mapPositive(type, assert, vars);
  if (!negate) return specs;
  // not-contains-all: fails only when every value is there, so it is one negated check, not several.
  if (specs.length > 1) {
    throw new Error(
      `${assert.type} is not imported; write it as not-contains-any or separate not-contains asserts`,
    );
  }
  return specs.map((spec) => ({ ...spec, negate: true }));
}
