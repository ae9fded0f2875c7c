import { z } from "zod";
import { type Clock, GantryError, parsePointInTime } from "../../core/index.js";
import { decodeCursor, type TraceQuery, traceStatuses } from "../../store/index.js";

// Query strings of the traces and sessions routes, checked at the boundary: a wrong value is a 400 that
// names the parameter, never a store error or a silently ignored filter.

/** A 400 naming the query parameter and what it accepts; `section` is the docs anchor of the route. */
export function invalidParameter(parameter: string, problem: string, section = "traces"): GantryError {
  return new GantryError({
    code: "QUERY_PARAMETER_INVALID",
    message: `Query parameter '${parameter}' ${problem}`,
    domain: "SERVER",
    category: "USER",
    details: { parameter },
    hint: `See docs/reference/http-api.md#${section} for the accepted values.`,
  });
}

/** Epoch ms from an ISO-8601 time or a duration back from now (`15m`, `24h`, `7d`, `30s`, `2w`). */
export function parseTimeParameter(parameter: string, value: string, clock: Clock): number {
  const time = parsePointInTime(value, clock.now());
  if (time === undefined) {
    throw invalidParameter(
      parameter,
      `must be an ISO-8601 time or a duration such as 15m, 24h or 7d, got '${value}'`,
    );
  }
  return time;
}

/** A query parameter holding a whole number from `minimum` to `maximum`. */
export function wholeNumberParameter(minimum: number, maximum: number) {
  const range = `must be ${minimum} to ${maximum}`;
  return z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(minimum, range).max(maximum, range));
}

const text = z.string().min(1, "must not be empty");
const listSchema = z.object({
  limit: wholeNumberParameter(1, 200).optional(),
  cursor: text.optional(),
});
const tracesSchema = listSchema.extend({
  agent: text.optional(),
  status: z.enum(traceStatuses, { error: `must be one of ${traceStatuses.join(", ")}` }).optional(),
  model: text.optional(),
  session: text.optional(),
  since: text.optional(),
  until: text.optional(),
});

/** A query checked against `schema`; the first problem is a 400 naming the parameter and the value given. */
export function parseQuery<Schema extends z.ZodType>(
  schema: Schema,
  query: Record<string, string>,
  section = "traces",
): z.output<Schema> {
  const result = schema.safeParse(query);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const parameter = String(issue.path[0] ?? "query");
    throw invalidParameter(parameter, `${issue.message}, got '${query[parameter] ?? ""}'`, section);
  }
  return result.data;
}

function checkedCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    decodeCursor(cursor);
  } catch {
    throw invalidParameter("cursor", "is not a cursor this API returned; pass nextCursor back unchanged");
  }
  return cursor;
}

/** `GET /api/v1/traces` query → the store's trace query (limit defaults to 50). */
export function parseTraceQuery(query: Record<string, string>, clock: Clock): TraceQuery {
  const parsed = parseQuery(tracesSchema, query);
  const since = parsed.since === undefined ? undefined : parseTimeParameter("since", parsed.since, clock);
  const until = parsed.until === undefined ? undefined : parseTimeParameter("until", parsed.until, clock);
  return {
    agent: parsed.agent,
    status: parsed.status,
    model: parsed.model,
    sessionId: parsed.session,
    since,
    until,
    limit: parsed.limit ?? 50,
    cursor: checkedCursor(parsed.cursor),
  };
}

/** `GET /api/v1/sessions` query → limit (default 50) and cursor. */
export function parseSessionQuery(query: Record<string, string>): { limit: number; cursor?: string } {
  const parsed = parseQuery(listSchema, query);
  return { limit: parsed.limit ?? 50, cursor: checkedCursor(parsed.cursor) };
}
