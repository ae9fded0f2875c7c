import { z } from "zod";
import { attributesSchema } from "./decode-json-values.js";
import { otlpBodyInvalid } from "./otlp-errors.js";
import {
  type DecodedOtlpSpans,
  type OtlpResource,
  type OtlpScope,
  type OtlpSpan,
  spanProblem,
} from "./otlp-span.js";

// OTLP/JSON (the proto3 JSON mapping with OTLP's deviations): hex trace and span ids, int64 as decimal
// strings or numbers, enums as integers or names, unknown fields ignored. The envelope must be right
// or the body is refused; each span is validated on its own so one bad span does not sink the batch.

const nanosError = "expected nanoseconds since the epoch as a decimal string or a whole number";
const nanosSchema = z
  .union([z.string().regex(/^\d+$/, nanosError), z.number().nonnegative(nanosError)], { error: nanosError })
  .refine((value) => typeof value === "string" || Number.isInteger(value), nanosError)
  .transform((value) => BigInt(value));

const countSchema = z.number().int().nonnegative();

function enumSchema(names: readonly string[]) {
  return z.union(
    [
      z.number().int().nonnegative(),
      z.enum(names as [string, ...string[]]).transform((name) => names.indexOf(name)),
    ],
    { error: `expected a number (0 to ${names.length - 1}) or one of ${names.join(", ")}` },
  );
}

const spanKindSchema = enumSchema([
  "SPAN_KIND_UNSPECIFIED",
  "SPAN_KIND_INTERNAL",
  "SPAN_KIND_SERVER",
  "SPAN_KIND_CLIENT",
  "SPAN_KIND_PRODUCER",
  "SPAN_KIND_CONSUMER",
]);
const statusCodeSchema = enumSchema(["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"]);

// Ids are compared as lowercase hex; the shared spanProblem check judges their length and content.
const idSchema = z
  .string()
  .nullish()
  .transform((id) => (id ?? "").toLowerCase());

const eventSchema = z.object({
  timeUnixNano: nanosSchema.nullish(),
  name: z.string().nullish(),
  attributes: attributesSchema,
  droppedAttributesCount: countSchema.nullish(),
});

const linkSchema = z.object({
  traceId: idSchema,
  spanId: idSchema,
  traceState: z.string().nullish(),
  attributes: attributesSchema,
  droppedAttributesCount: countSchema.nullish(),
  flags: countSchema.nullish(),
});

const spanSchema = z.object({
  traceId: idSchema,
  spanId: idSchema,
  traceState: z.string().nullish(),
  parentSpanId: idSchema,
  flags: countSchema.nullish(),
  name: z.string().nullish(),
  kind: spanKindSchema.nullish(),
  startTimeUnixNano: nanosSchema.nullish(),
  endTimeUnixNano: nanosSchema.nullish(),
  attributes: attributesSchema,
  droppedAttributesCount: countSchema.nullish(),
  events: z.array(eventSchema).nullish(),
  droppedEventsCount: countSchema.nullish(),
  links: z.array(linkSchema).nullish(),
  droppedLinksCount: countSchema.nullish(),
  status: z.object({ code: statusCodeSchema.nullish(), message: z.string().nullish() }).nullish(),
});

const resourceSchema = z
  .object({ attributes: attributesSchema, droppedAttributesCount: countSchema.nullish() })
  .nullish();

const scopeSchema = z
  .object({
    name: z.string().nullish(),
    version: z.string().nullish(),
    attributes: attributesSchema,
    droppedAttributesCount: countSchema.nullish(),
  })
  .nullish();

// The envelope: only what is needed to find and count the spans; everything inside is checked per span.
const requestSchema = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.unknown().optional(),
        schemaUrl: z.unknown().optional(),
        scopeSpans: z
          .array(
            z.object({
              scope: z.unknown().optional(),
              schemaUrl: z.unknown().optional(),
              spans: z.array(z.unknown()).nullish(),
            }),
          )
          .nullish(),
      }),
    )
    .nullish(),
});

/** `attributes[1].value.intValue: expected …` — the first few issues of a failed parse. */
function issueText(error: z.ZodError, prefix: string): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path
      .map((segment, position) =>
        typeof segment === "number" ? `[${segment}]` : `${position === 0 ? "" : "."}${String(segment)}`,
      )
      .join("");
    const where = [prefix, path].filter((part) => part !== "").join(".");
    return where === "" ? issue.message : `${where}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? `; and ${error.issues.length - 3} more` : "";
  return parts.join("; ") + more;
}

function schemaUrlOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function toSpan(
  parsed: z.infer<typeof spanSchema>,
  index: number,
  resource: OtlpResource,
  scope: OtlpScope,
): OtlpSpan {
  return {
    index,
    traceId: parsed.traceId,
    spanId: parsed.spanId,
    traceState: parsed.traceState ?? "",
    parentSpanId: parsed.parentSpanId,
    flags: parsed.flags ?? 0,
    name: parsed.name ?? "",
    kind: parsed.kind ?? 0,
    startTimeUnixNano: parsed.startTimeUnixNano ?? 0n,
    endTimeUnixNano: parsed.endTimeUnixNano ?? 0n,
    attributes: parsed.attributes,
    droppedAttributesCount: parsed.droppedAttributesCount ?? 0,
    events: (parsed.events ?? []).map((event) => ({
      timeUnixNano: event.timeUnixNano ?? 0n,
      name: event.name ?? "",
      attributes: event.attributes,
      droppedAttributesCount: event.droppedAttributesCount ?? 0,
    })),
    droppedEventsCount: parsed.droppedEventsCount ?? 0,
    links: (parsed.links ?? []).map((link) => ({
      traceId: link.traceId,
      spanId: link.spanId,
      traceState: link.traceState ?? "",
      attributes: link.attributes,
      droppedAttributesCount: link.droppedAttributesCount ?? 0,
      flags: link.flags ?? 0,
    })),
    droppedLinksCount: parsed.droppedLinksCount ?? 0,
    statusCode: parsed.status?.code ?? 0,
    statusMessage: parsed.status?.message ?? "",
    resource,
    scope,
  };
}

/** Decodes an OTLP/JSON ExportTraceServiceRequest; throws OTLP_BODY_INVALID when the envelope is wrong, rejects bad spans one by one. */
export function decodeOtlpJson(bytes: Uint8Array): DecodedOtlpSpans {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
  } catch (error) {
    throw otlpBodyInvalid(`Invalid OTLP/JSON: ${(error as Error).message}`, { format: "json" });
  }
  const request = requestSchema.safeParse(document);
  if (!request.success) {
    throw otlpBodyInvalid(`Invalid OTLP/JSON ExportTraceServiceRequest: ${issueText(request.error, "")}`, {
      format: "json",
    });
  }
  const result: DecodedOtlpSpans = { spans: [], rejected: [] };
  let index = 0;
  for (const resourceSpans of request.data.resourceSpans ?? []) {
    const resource = resourceSchema.safeParse(resourceSpans.resource);
    const resourceProblem = resource.success ? null : issueText(resource.error, "resource");
    const decodedResource: OtlpResource = {
      attributes: resource.data?.attributes ?? {},
      droppedAttributesCount: resource.data?.droppedAttributesCount ?? 0,
      schemaUrl: schemaUrlOf(resourceSpans.schemaUrl),
    };
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      const scope = scopeSchema.safeParse(scopeSpans.scope);
      const scopeProblem = resourceProblem ?? (scope.success ? null : issueText(scope.error, "scope"));
      const decodedScope: OtlpScope = {
        name: scope.data?.name ?? "",
        version: scope.data?.version ?? "",
        attributes: scope.data?.attributes ?? {},
        droppedAttributesCount: scope.data?.droppedAttributesCount ?? 0,
        schemaUrl: schemaUrlOf(scopeSpans.schemaUrl),
      };
      for (const rawSpan of scopeSpans.spans ?? []) {
        const spanIndex = index++;
        if (scopeProblem !== null) {
          result.rejected.push({ index: spanIndex, reason: scopeProblem });
          continue;
        }
        const parsed = spanSchema.safeParse(rawSpan);
        if (!parsed.success) {
          result.rejected.push({ index: spanIndex, reason: issueText(parsed.error, "") });
          continue;
        }
        const span = toSpan(parsed.data, spanIndex, decodedResource, decodedScope);
        const problem = spanProblem(span);
        if (problem === null) result.spans.push(span);
        else result.rejected.push({ index: spanIndex, reason: problem });
      }
    }
  }
  return result;
}
