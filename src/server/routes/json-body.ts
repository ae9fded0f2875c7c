import type { z } from "zod";
import { formatIssues, GantryError, type JsonValue } from "../../core/index.js";

// Reading and checking a JSON request body, shared by every route that takes one. Each route names its
// own error (RUN_REQUEST_INVALID, PROMPT_REQUEST_INVALID…) through `invalid`, so a client can tell
// which request was wrong; the problems always name the field and what it must be.

/** Builds the route's 400 from one line describing the problem and JSON details. */
export type InvalidBody = (problem: string, details: Record<string, JsonValue>) => GantryError;

/** The body as JSON; an empty body is `{}` when `allowEmpty`, else refused, as is text that is not JSON. */
export async function readJsonBody(
  request: Request,
  options: { allowEmpty: boolean; invalid: InvalidBody },
): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") {
    if (options.allowEmpty) return {};
    throw options.invalid("the body is empty", {});
  }
  try {
    return JSON.parse(text);
  } catch {
    throw options.invalid("the body is not JSON", {});
  }
}

/** `body` checked against `schema`; every problem named by field (`(body)` for the whole) in one error. */
export function parseJsonBody<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  invalid: InvalidBody,
): z.output<Schema> {
  const parsed = schema.safeParse(body, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problems = formatIssues(parsed.error).map((problem) => ({
    field: problem.path === "" ? "(body)" : problem.path,
    message: problem.message,
  }));
  const text = problems.map((problem) => `${problem.field}: ${problem.message}`).join("; ");
  throw invalid(text, { problems });
}

/**
 * The body reader of a family of routes: a non-empty JSON body checked against a schema, any problem
 * one 400 with the family's `code` and a hint to its section of docs/reference/http-api.md.
 */
export function jsonBodyReader(code: string, section: string) {
  const invalid: InvalidBody = (problem, details) =>
    new GantryError({
      code,
      message: `Invalid request body: ${problem}`,
      domain: "SERVER",
      category: "USER",
      details,
      hint: `See docs/reference/http-api.md#${section} for the body this route takes.`,
    });
  return async <Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.output<Schema>> =>
    parseJsonBody(schema, await readJsonBody(request, { allowEmpty: false, invalid }), invalid);
}
