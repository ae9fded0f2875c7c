import semver from "semver";
import { z } from "zod";
import { type Clock, GantryError, type JsonValue } from "../../core/index.js";
import type { PromptSelector } from "../../prompts/index.js";
import { selectorOf } from "../../runtime/index.js";
import { parseJsonBody, readJsonBody } from "./json-body.js";
import { invalidParameter, parseTimeParameter } from "./trace-query-params.js";

// The queries and bodies of the prompt registry's routes, checked at the boundary: a wrong value is a
// 400 naming the parameter or field and what it must be, never a silent fallback to `latest`.

function invalidPromptRequest(problem: string, details: Record<string, JsonValue>): GantryError {
  return new GantryError({
    code: "PROMPT_REQUEST_INVALID",
    message: `Invalid request body: ${problem}`,
    domain: "SERVER",
    category: "USER",
    details,
    hint: "See docs/reference/http-api.md#prompts for the body this route takes.",
  });
}

async function parseBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<z.output<Schema>> {
  const body = await readJsonBody(request, { allowEmpty: false, invalid: invalidPromptRequest });
  return parseJsonBody(schema, body, invalidPromptRequest);
}

const text = z.string().min(1, "must not be empty");

const pushSchema = z.strictObject({
  source: z.string().min(1, "the whole prompt file: front matter and template"),
  file: text.optional(),
  message: z.string().max(2000).optional(),
  force: z.boolean().optional(),
});

export type PushBody = z.output<typeof pushSchema>;

/** `{ source, file?, message?, force? }` of `POST /api/v1/prompts`, or PROMPT_REQUEST_INVALID (400). */
export function parsePushBody(request: Request): Promise<PushBody> {
  return parseBody(request, pushSchema);
}

const labelSchema = z.strictObject({
  version: z
    .string()
    .refine((value) => semver.valid(value) !== null, "must be an exact version such as 1.2.0"),
});

/** `{ version }` of `PUT /api/v1/prompts/:id/labels/:label`, or PROMPT_REQUEST_INVALID (400). */
export async function parseLabelBody(request: Request): Promise<{ version: string }> {
  return parseBody(request, labelSchema);
}

/** The body of `PUT …/consumers/:consumer`: any JSON object; its contract is checked by the prompts module. */
export function parseConsumerBody(request: Request): Promise<Record<string, unknown>> {
  return parseBody(request, z.record(z.string(), z.unknown(), { error: "must be a JSON object" }));
}

/** A version or a label, as `?version=` / `?label=` of the resolve route; neither is `latest`. */
export function parseSelectorQuery(query: Record<string, string>): PromptSelector {
  for (const parameter of ["label", "version"] as const) {
    if (query[parameter] === "") throw invalidParameter(parameter, "must not be empty", "prompts");
  }
  if (query.version !== undefined && semver.valid(query.version) === null) {
    throw invalidParameter(
      "version",
      `must be an exact version such as 1.2.0, got '${query.version}'`,
      "prompts",
    );
  }
  return {
    ...(query.label === undefined ? {} : { label: query.label }),
    ...(query.version === undefined ? {} : { version: query.version }),
  };
}

/** `from`/`to` of the diff route: a semver picks that version, anything else names a label. */
export function selectorOfParameter(
  parameter: string,
  value: string | undefined,
): PromptSelector | undefined {
  if (value === "") throw invalidParameter(parameter, "must be a version or a label", "prompts");
  return value === undefined ? undefined : selectorOf(value);
}

/** `?environment=&since=` of the metrics route. */
export function parseMetricsQuery(
  query: Record<string, string>,
  clock: Clock,
): { environment?: string; sinceMs?: number } {
  if (query.environment === "") throw invalidParameter("environment", "must not be empty", "prompts");
  return {
    ...(query.environment === undefined ? {} : { environment: query.environment }),
    ...(query.since === undefined ? {} : { sinceMs: parseTimeParameter("since", query.since, clock) }),
  };
}
