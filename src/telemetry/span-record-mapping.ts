import {
  type Attributes,
  type AttributeValue,
  type HrTime,
  SpanKind,
  SpanStatusCode,
} from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { JsonValue } from "../core/index.js";
import type { SpanRecord } from "../store/index.js";
import { gantryKeys, genAiKeys } from "./gen-ai-conventions.js";

// ReadableSpan (the SDK's finished span) to the store's SpanRecord row. The indexed columns (project,
// agent, model, session, cost) are read from the attributes the helpers set; everything else stays
// in `attributes`, so nothing recorded is lost on the way to the store.

const kindNames: Record<SpanKind, string> = {
  [SpanKind.INTERNAL]: "internal",
  [SpanKind.SERVER]: "server",
  [SpanKind.CLIENT]: "client",
  [SpanKind.PRODUCER]: "producer",
  [SpanKind.CONSUMER]: "consumer",
};

const statusNames: Record<SpanStatusCode, string> = {
  [SpanStatusCode.UNSET]: "unset",
  [SpanStatusCode.OK]: "ok",
  [SpanStatusCode.ERROR]: "error",
};

/** Epoch milliseconds with fractions (nanosecond precision kept as far as a double allows). */
export function hrTimeToEpochMs(time: HrTime): number {
  return time[0] * 1000 + time[1] / 1e6;
}

function toJsonNumber(value: number): JsonValue {
  // JSON has no NaN or Infinity; keep the information as text rather than write invalid JSON.
  return Number.isFinite(value) ? value : String(value);
}

function toJsonValue(value: AttributeValue): JsonValue {
  if (typeof value === "number") return toJsonNumber(value);
  if (typeof value === "string" || typeof value === "boolean") return value;
  return (value as ReadonlyArray<string | number | boolean | null | undefined>).map((item) => {
    if (item === undefined || item === null) return null;
    return typeof item === "number" ? toJsonNumber(item) : item;
  });
}

/** Attributes as a JSON object, skipping unset values. */
export function attributesToJson(attributes: Attributes | undefined): Record<string, JsonValue> {
  const json: Record<string, JsonValue> = {};
  if (!attributes) return json;
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined) json[key] = toJsonValue(value);
  }
  return json;
}

function text(value: AttributeValue | undefined): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

function micros(value: AttributeValue | undefined): number | null {
  // The store refuses a fractional amount; a bad value must not fail the whole batch, so it stays
  // visible in the attributes and the column is left unknown.
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** Maps a finished SDK span to the store's row. */
export function toSpanRecord(span: ReadableSpan): SpanRecord {
  const spanContext = span.spanContext();
  const attributes = span.attributes;
  const resource = span.resource.attributes;
  const json = attributesToJson(attributes);
  // The service is a resource attribute; keep it on the row so a trace from several services reads well.
  const serviceName = resource["service.name"];
  if (typeof serviceName === "string" && json["service.name"] === undefined)
    json["service.name"] = serviceName;
  if (span.links.length > 0) {
    json["otel.links"] = span.links.map((link) => ({
      traceId: link.context.traceId,
      spanId: link.context.spanId,
      attributes: attributesToJson(link.attributes),
    }));
  }
  return {
    traceId: spanContext.traceId,
    spanId: spanContext.spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    name: span.name,
    kind: kindNames[span.kind] ?? "internal",
    startTimeMs: hrTimeToEpochMs(span.startTime),
    endTimeMs: span.ended ? hrTimeToEpochMs(span.endTime) : null,
    statusCode: statusNames[span.status.code] ?? "unset",
    statusMessage: span.status.message ?? null,
    attributes: json,
    events: span.events.map((event) => ({
      name: event.name,
      timeMs: hrTimeToEpochMs(event.time),
      attributes: attributesToJson(event.attributes),
    })),
    projectId: text(attributes[gantryKeys.projectId]) ?? text(resource[gantryKeys.projectId]),
    agent: text(attributes[genAiKeys.agentName]) ?? text(attributes[gantryKeys.agentName]),
    model: text(attributes[genAiKeys.responseModel]) ?? text(attributes[genAiKeys.requestModel]),
    sessionId: text(attributes[gantryKeys.sessionId]) ?? text(attributes[genAiKeys.conversationId]),
    costMicros: micros(attributes[gantryKeys.costMicros]),
  };
}
