import { z } from "zod";
import { caseSources, type EvalCase, riskTiers } from "../eval-spec.js";
import { scorerSpecListSchema } from "../scorers/scorer-spec-schema.js";

// One case as written in a dataset or a suite file. `id` is required (specs point at `suite#id`),
// `tags` default to [] and `source` to `manual`; a case needs an input and may say what a correct
// answer is (`expected`) or how to judge one (`rubric`), or neither when only checks like `is-json`
// or `cost` apply.

/** A required JSON field whose absence says what is missing (zod's own message is "Invalid input"). */
export function requiredJson(what: string) {
  return z
    .unknown()
    .refine((value) => value !== undefined, `missing; ${what}`)
    .pipe(z.json());
}

export const caseIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export const evalCaseSchema = z.strictObject({
  id: z
    .string()
    .regex(caseIdPattern, "a case id of letters, digits, '.', '_', ':' or '-' (no spaces or '#')"),
  input: requiredJson("the case's input (text or JSON)"),
  expected: z.json().optional(),
  rubric: z.string().min(1).optional(),
  context: z.json().optional(),
  tags: z.array(z.string().min(1)).default([]),
  failureClass: z.string().min(1).optional(),
  source: z.enum(caseSources).default("manual"),
  riskTier: z.enum(riskTiers).optional(),
  traceId: z.string().min(1).optional(),
  scorers: scorerSpecListSchema.optional(),
  vars: z.record(z.string(), z.json()).optional(),
});

/** A list of cases whose ids are unique; a repeat is reported at the later case's id. */
export const evalCaseListSchema = z.array(evalCaseSchema).superRefine((cases, context) => {
  const first = new Map<string, number>();
  cases.forEach((testCase, index) => {
    const earlier = first.get(testCase.id);
    if (earlier === undefined) first.set(testCase.id, index);
    else
      context.addIssue({
        code: "custom",
        path: [index, "id"],
        message: `"${testCase.id}" is already the id of case ${earlier + 1}; ids must be unique`,
      });
  });
});

/** Drops undefined members so two equal cases hash equally however they were written. */
export function normaliseCase(parsed: z.output<typeof evalCaseSchema> | EvalCase): EvalCase {
  return Object.fromEntries(
    Object.entries(parsed).filter(([, value]) => value !== undefined),
  ) as unknown as EvalCase;
}
