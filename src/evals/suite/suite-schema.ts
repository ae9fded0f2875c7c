import { z } from "zod";
import { evalCaseListSchema } from "../datasets/eval-case-schema.js";
import type { EvalTarget } from "../eval-spec.js";
import { scorerSpecListSchema } from "../scorers/scorer-spec-schema.js";

// The suite file `evals/<suite>.yaml`. Strict: an unknown field is an error. Two legacy spellings are
// still read: a top-level `agent: <name>` (now `target: { agent }`) and `thresholds.pass_rate`.

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a name of letters, digits, '.', '_' or '-'");
const share = z.number().min(0).max(1);

const agentTarget = z.strictObject({ agent: z.string().min(1, "the agent's name") });
const promptTarget = z.strictObject({
  prompt: z.string().min(1, "the prompt id"),
  label: z.string().min(1).optional(),
  version: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
});
const modelTarget = z.strictObject({
  model: z.string().min(1, "a model such as openai:gpt-4o-mini, tier:small or sim:default"),
  system: z.string().optional(),
});

const targetHint = "a target: { agent } | { prompt, label?, version?, model? } | { model, system? }";

// Chooses the target's shape by its key, so a mistake is reported against that shape, not as "no union member matched".
export const targetSchema = z.unknown().transform((value, context): EvalTarget => {
  const record =
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const [shape, kind] =
    record && "agent" in record
      ? [agentTarget, "agent" as const]
      : record && "prompt" in record
        ? [promptTarget, "prompt" as const]
        : record && "model" in record
          ? [modelTarget, "model" as const]
          : [undefined, undefined];
  if (!shape) {
    context.addIssue({ code: "custom", message: targetHint });
    return z.NEVER;
  }
  const parsed = shape.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      context.addIssue({
        ...issue,
        code: "custom",
        message:
          issue.code === "unrecognized_keys"
            ? `unknown field(s) ${(issue as { keys: string[] }).keys.join(", ")} of the ${kind} target`
            : issue.message,
      });
    return z.NEVER;
  }
  return { kind, ...parsed.data } as EvalTarget;
});

const thresholdsSchema = z
  .strictObject({
    passRate: share.optional(),
    /** Legacy spelling of passRate. */
    pass_rate: share.optional(),
    scorers: z.record(z.string().min(1), share).default({}),
    dimensions: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, "a dimension name"), share).default({}),
    maxRegressions: z.int().min(0).optional(),
  })
  .refine((thresholds) => thresholds.passRate === undefined || thresholds.pass_rate === undefined, {
    message: "passRate and its old spelling pass_rate both given; keep passRate",
    path: ["pass_rate"],
  });

export const suiteFileSchema = z
  .strictObject({
    suite: name,
    description: z.string().optional(),
    target: targetSchema.optional(),
    /** Legacy: `agent: triage` is `target: { agent: triage }`. */
    agent: z.string().min(1).optional(),
    dataset: z.union([z.string().min(1), z.strictObject({ file: z.string().min(1) })]).optional(),
    cases: evalCaseListSchema.optional(),
    scorers: scorerSpecListSchema.default([]),
    thresholds: thresholdsSchema.prefault({}),
    trials: z.int().min(1).max(100).default(1),
    concurrency: z.int().min(1).max(256).default(8),
    cache: z.boolean().default(false),
    judge: z
      .strictObject({ model: z.string().min(1, "a judge model such as anthropic:claude-haiku-4-5") })
      .optional(),
  })
  .superRefine((suite, context) => {
    if (suite.target === undefined && suite.agent === undefined) {
      context.addIssue({ code: "custom", path: ["target"], message: `missing; ${targetHint}` });
    }
    if (suite.target !== undefined && suite.agent !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["agent"],
        message: "both agent and target given; keep target: { agent }",
      });
    }
    if ((suite.dataset === undefined) === (suite.cases === undefined)) {
      context.addIssue({
        code: "custom",
        path: [suite.dataset === undefined ? "cases" : "dataset"],
        message:
          suite.dataset === undefined
            ? "missing; give cases: [...] or dataset: datasets/<name>.jsonl"
            : "both dataset and cases given; keep one",
      });
    }
  });

export type SuiteFile = z.output<typeof suiteFileSchema>;
