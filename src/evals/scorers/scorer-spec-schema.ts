import { z } from "zod";
import { jsonPathProblem } from "../../prompts/index.js";
import type { ScorerSpec } from "../eval-spec.js";
import { pairwiseSpecSchema, rubricSpecSchema } from "../judge/judge-spec-schema.js";
import { javascriptProblem } from "./compile-javascript.js";
import { jsonSchemaProblem } from "./compile-json-schema.js";
import { regexArgumentProblems } from "./match-arguments.js";
import { toJsonPath } from "./output-values.js";

// The parameters of every scorer type, checked where a spec is written (suite file, case, online
// rule) so a typo is reported with its file line instead of failing mid-run. Objects are strict: an
// unknown parameter is an error, never silently ignored.

const common = {
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a name of letters, digits, '.', '_' or '-'")
    .optional(),
  threshold: z.number().min(0).max(1).optional(),
  description: z.string().optional(),
  /** Inverts a deterministic scorer: value becomes 1 − value (promptfoo's `not-` asserts). */
  negate: z.boolean().optional(),
};

const jsonPath = z.string().superRefine((path, context) => {
  const problem = jsonPathProblem(toJsonPath(path));
  if (problem) context.addIssue({ code: "custom", message: `a JSON path such as $.category: ${problem}` });
});

const regexFlags = z
  .string()
  .regex(/^[dimsuv]*$/, "regex flags among d, i, m, s, u, v (no g or y: they make a regex stateful)");

const schemas = {
  equals: z.strictObject({
    ...common,
    type: z.literal("equals"),
    path: jsonPath.optional(),
    value: z.json().optional(),
  }),
  contains: z.strictObject({
    ...common,
    type: z.literal("contains"),
    value: z.string().min(1, "the text to look for"),
    caseSensitive: z.boolean().optional(),
  }),
  regex: z
    .strictObject({
      ...common,
      type: z.literal("regex"),
      pattern: z.string().min(1, "a regular expression"),
      flags: regexFlags.optional(),
    })
    .superRefine((spec, context) => {
      try {
        new RegExp(spec.pattern, spec.flags);
      } catch (error) {
        context.addIssue({ code: "custom", path: ["pattern"], message: (error as Error).message });
      }
    }),
  "json-schema": z
    .strictObject({ ...common, type: z.literal("json-schema"), schema: z.record(z.string(), z.json()) })
    .superRefine((spec, context) => {
      const problem = jsonSchemaProblem(spec.schema);
      if (problem) context.addIssue({ code: "custom", path: ["schema"], message: problem });
    }),
  "is-json": z.strictObject({ ...common, type: z.literal("is-json") }),
  "tool-called": z
    .strictObject({
      ...common,
      type: z.literal("tool-called"),
      tool: z.string().min(1, "the tool's name"),
      args: z.record(z.string(), z.json()).optional(),
      times: z.int().min(1).optional(),
    })
    .superRefine((spec, context) => {
      for (const problem of regexArgumentProblems(spec.args ?? {}, ["args"])) {
        context.addIssue({ code: "custom", path: problem.path, message: problem.message });
      }
    }),
  trajectory: z.strictObject({
    ...common,
    type: z.literal("trajectory"),
    tools: z.array(z.string().min(1)).min(1, "at least one tool name"),
    mode: z.enum(["exact", "ordered", "unordered", "subset"]).optional(),
  }),
  cost: z.strictObject({ ...common, type: z.literal("cost"), maxUsd: z.number().nonnegative() }),
  latency: z.strictObject({ ...common, type: z.literal("latency"), maxMs: z.number().nonnegative() }),
  "finish-reason": z
    .strictObject({
      ...common,
      type: z.literal("finish-reason"),
      equals: z.string().min(1).optional(),
      oneOf: z.array(z.string().min(1)).min(1).optional(),
    })
    .refine((spec) => (spec.equals === undefined) !== (spec.oneOf === undefined), {
      message: "exactly one of equals or oneOf",
    }),
  levenshtein: z.strictObject({
    ...common,
    type: z.literal("levenshtein"),
    path: jsonPath.optional(),
    value: z.string().optional(),
    /** Pass on an edit distance of at most this many characters instead of on the similarity (promptfoo's levenshtein). */
    maxDistance: z.int().min(0).optional(),
  }),
  javascript: z
    .strictObject({
      ...common,
      type: z.literal("javascript"),
      expression: z.string().min(1, "an expression or a function body"),
    })
    .superRefine((spec, context) => {
      const problem = javascriptProblem(spec.expression);
      if (problem) context.addIssue({ code: "custom", path: ["expression"], message: problem });
    }),
  custom: z.strictObject({
    ...common,
    type: z.literal("custom"),
    module: z.string().min(1, "a module path relative to the workspace (scorers/tone.ts)"),
    export: z.string().min(1).optional(),
    params: z.record(z.string(), z.json()).optional(),
  }),
  "llm-rubric": rubricSpecSchema,
  pairwise: pairwiseSpecSchema,
} as const;

export type ScorerType = keyof typeof schemas;
export const scorerTypes = Object.keys(schemas) as ScorerType[];
/** The validated parameters of a scorer of type `T`. */
export type ScorerParams<T extends ScorerType> = z.output<(typeof schemas)[T]>;

export interface SpecProblem {
  /** Relative to the spec: `["pattern"]`, `["args", "orderId"]`; empty for the spec itself. */
  path: PropertyKey[];
  message: string;
}

function isScorerType(type: unknown): type is ScorerType {
  return typeof type === "string" && Object.hasOwn(schemas, type);
}

/** Every problem of one scorer spec; empty when it is valid. */
export function scorerSpecProblems(spec: unknown): SpecProblem[] {
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) {
    return [{ path: [], message: "a scorer is an object such as { type: contains, value: refund }" }];
  }
  const type = (spec as { type?: unknown }).type;
  if (!isScorerType(type)) {
    return [
      {
        path: ["type"],
        message: `${type === undefined ? "missing" : `unknown type ${JSON.stringify(type)}`}; expected one of ${scorerTypes.join(", ")}`,
      },
    ];
  }
  const parsed = schemas[type].safeParse(spec);
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({
          path: [...issue.path, key],
          message: `unknown parameter of a ${type} scorer; remove it or check its spelling`,
        }))
      : [{ path: [...issue.path], message: issue.message }],
  );
}

/** The typed parameters of a spec already checked by `scorerSpecProblems`. */
export function scorerParams<T extends ScorerType>(type: T, spec: ScorerSpec): ScorerParams<T> {
  return schemas[type].parse(spec) as ScorerParams<T>;
}

/** A zod schema for a list of scorer specs, for the file schemas that hold one (suites, cases). */
export const scorerSpecListSchema = z.array(
  z.record(z.string(), z.json()).superRefine((spec, context) => {
    for (const problem of scorerSpecProblems(spec)) {
      context.addIssue({ code: "custom", path: problem.path, message: problem.message });
    }
  }),
) as unknown as z.ZodType<ScorerSpec[]>;
