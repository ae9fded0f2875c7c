import { z } from "zod";
import { GantryError, type JsonValue } from "../../core/index.js";
import { parseJsonBody, readJsonBody } from "./json-body.js";

// The bodies of `POST /api/v1/agents/:name/runs` and `POST /api/v1/runs/:id/resume`, checked with zod
// at the boundary: a typo (`inptu`) is a 400 naming the field, never a run with no input.

const startRunSchema = z.strictObject({
  // The body was parsed from JSON, so any value it holds is JSON; only its absence is a mistake.
  input: z
    .unknown()
    .refine((value) => value !== undefined, "is required: a string or any JSON value")
    .transform((value) => value as JsonValue),
  sessionId: z.string().min(1).max(200).optional(),
  stream: z.boolean().optional(),
});

const resumeRunSchema = z.strictObject({ stream: z.boolean().optional() });

export interface StartRunBody {
  input: JsonValue;
  sessionId?: string;
  stream?: boolean;
}

export interface ResumeRunBody {
  stream?: boolean;
}

function invalidBody(problem: string, details: Record<string, JsonValue>, route: string): GantryError {
  return new GantryError({
    code: "RUN_REQUEST_INVALID",
    message: `Invalid request body: ${problem}`,
    domain: "SERVER",
    category: "USER",
    details,
    hint: `See docs/reference/http-api.md#${route} for the body this route takes.`,
  });
}

function bodyOf(request: Request, allowEmpty: boolean, route: string): Promise<unknown> {
  return readJsonBody(request, {
    allowEmpty,
    invalid: (problem, details) => invalidBody(problem, details, route),
  });
}

function parseWith<Schema extends z.ZodType>(schema: Schema, body: unknown, route: string): z.output<Schema> {
  return parseJsonBody(schema, body, (problem, details) => invalidBody(problem, details, route));
}

/** `{ input, sessionId?, stream? }` from a start request, or RUN_REQUEST_INVALID (400). */
export async function parseStartRunBody(request: Request): Promise<StartRunBody> {
  return parseWith(startRunSchema, await bodyOf(request, false, "start-a-run"), "start-a-run");
}

/** `{ stream? }` from a resume request (an empty body is fine), or RUN_REQUEST_INVALID (400). */
export async function parseResumeRunBody(request: Request): Promise<ResumeRunBody> {
  return parseWith(resumeRunSchema, await bodyOf(request, true, "resume-a-run"), "resume-a-run");
}
