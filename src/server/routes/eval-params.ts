import { z } from "zod";
import { evalRunStatuses } from "../../store/index.js";
import { jsonBodyReader } from "./json-body.js";
import { invalidParameter, parseQuery, wholeNumberParameter } from "./trace-query-params.js";

// The queries and bodies of the evals routes, checked at the boundary: a wrong value is a 400 naming
// the parameter or field. Suite names are names, never paths: the API reads only `evals/*.yaml`.

const parseBody = jsonBodyReader("EVAL_REQUEST_INVALID", "evals");

const suiteNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const suiteNameRule = "a suite's name (letters, digits, '.', '_', '-'), as in evals/<name>.yaml";
const suiteName = z.string().regex(suiteNamePattern, suiteNameRule);
const text = z.string().min(1, "must not be empty");

/** The `:suite` of a route: a name, never a path. */
export function checkedSuiteName(value: string): string {
  if (!suiteNamePattern.test(value)) throw invalidParameter("suite", `must be ${suiteNameRule}`, "evals");
  return value;
}

const runListSchema = z.object({
  suite: text.optional(),
  label: text.optional(),
  status: z.enum(evalRunStatuses, { error: `must be one of ${evalRunStatuses.join(", ")}` }).optional(),
  limit: wholeNumberParameter(1, 500).optional(),
});

/** `?suite=&label=&status=&limit=` of `GET /api/v1/evals/runs` (limit default 50). */
export function parseEvalRunListQuery(query: Record<string, string>) {
  const parsed = parseQuery(runListSchema, query, "evals");
  return { ...parsed, limit: parsed.limit ?? 50 };
}

const compareSchema = z.object({
  baseline: text.optional(),
  run: text.optional(),
});

/** `?baseline=&run=` of `GET /api/v1/evals/compare`; the baseline is a run id or a label of the run's suite. */
export function parseCompareQuery(query: Record<string, string>): { baseline: string; run: string } {
  const parsed = parseQuery(compareSchema, query, "evals");
  for (const parameter of ["run", "baseline"] as const) {
    if (parsed[parameter] === undefined)
      throw invalidParameter(parameter, "is required: an eval run id", "evals");
  }
  return { baseline: parsed.baseline!, run: parsed.run! };
}

const startRunSchema = z.strictObject({
  suite: suiteName,
  label: z.string().min(1).max(200).optional(),
  /** A run id, or a label: the newest completed run of the suite with it. */
  baseline: text.optional(),
  trials: z.int().min(1).max(100).optional(),
});

export type StartEvalRunBody = z.output<typeof startRunSchema>;

/** `{ suite, label?, baseline?, trials? }` of `POST /api/v1/evals/runs`, or EVAL_REQUEST_INVALID (400). */
export function parseStartEvalRunBody(request: Request): Promise<StartEvalRunBody> {
  return parseBody(request, startRunSchema);
}

const addCaseSchema = z.strictObject({
  traceId: text,
  /** What a correct answer is; any JSON (`{ category: refund }`, a string). */
  expected: z.json().optional(),
  failureClass: z.string().min(1).max(200).optional(),
  /** Default: `<failureClass>-<trace>` or `trace-<trace>`. */
  id: text.optional(),
  tags: z.array(z.string().min(1)).optional(),
});

export type AddCaseBody = z.output<typeof addCaseSchema>;

/** `{ traceId, expected?, failureClass?, id?, tags? }` of `POST /api/v1/evals/datasets/:suite/cases`. */
export function parseAddCaseBody(request: Request): Promise<AddCaseBody> {
  return parseBody(request, addCaseSchema);
}
