import {
  type Attributes,
  type AttributeValue,
  type HrTime,
  SpanKind,
  SpanStatusCode,
} from "@opentelemetry/api";
import type { Resource } from "@opentelemetry/resources";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { JsonValue } from "../core/index.js";
import { defaultProjectId, type SpanRecord } from "../store/index.js";
import { gantryKeys, genAiKeys } from "./gen-ai-conventions.js";
import { otlpAttributeKeys } from "./otlp/to-span-records.js";
import { promptAndEnvironmentColumns } from "./span-record-mapping-columns.js";

// ReadableSpan (the SDK's finished span) to the store's SpanRecord row. The indexed columns (project,
// agent, model, session, cost; prompt and environment, span-record-mapping-columns.ts) are read from
// the attributes the helpers set; everything else stays in `attributes`, so nothing recorded is lost
// on the way to the store. Resource, scope and links go in under the same `otel.*` keys the OTLP
// receiver uses, so a span reads the same however it arrived.

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

// The resource is shared by every span of a provider: prefix its keys once.
const prefixedResources = new WeakMap<Resource, [string, JsonValue][]>();

function prefixedResourceAttributes(resource: Resource): [string, JsonValue][] {
  let entries = prefixedResources.get(resource);
  if (entries === undefined) {
    entries = Object.entries(attributesToJson(resource.attributes)).map(([key, value]) => [
      `${otlpAttributeKeys.resourcePrefix}${key}`,
      value,
    ]);
    prefixedResources.set(resource, entries);
  }
  return entries;
}

function setIfAbsent(json: Record<string, JsonValue>, key: string, value: JsonValue): void {
  if (!Object.hasOwn(json, key)) json[key] = value;
}

function addContext(span: ReadableSpan, json: Record<string, JsonValue>): void {
  const scope = span.instrumentationScope;
  setIfAbsent(json, otlpAttributeKeys.scopeName, scope.name);
  if (scope.version) setIfAbsent(json, otlpAttributeKeys.scopeVersion, scope.version);
  const traceState = span.spanContext().traceState?.serialize();
  if (traceState) setIfAbsent(json, otlpAttributeKeys.traceState, traceState);
  if (span.links.length > 0) {
    setIfAbsent(
      json,
      otlpAttributeKeys.links,
      span.links.map((link) => ({
        traceId: link.context.traceId,
        spanId: link.context.spanId,
        attributes: attributesToJson(link.attributes),
      })),
    );
  }
  // Dropped counts mean a span limit was hit: worth seeing, so kept when non-zero.
  if (span.droppedAttributesCount > 0) {
    setIfAbsent(json, otlpAttributeKeys.droppedAttributesCount, span.droppedAttributesCount);
  }
  if (span.droppedEventsCount > 0)
    setIfAbsent(json, otlpAttributeKeys.droppedEventsCount, span.droppedEventsCount);
  if (span.droppedLinksCount > 0)
    setIfAbsent(json, otlpAttributeKeys.droppedLinksCount, span.droppedLinksCount);
  const serviceName = span.resource.attributes[otlpAttributeKeys.serviceName];
  if (typeof serviceName === "string") setIfAbsent(json, otlpAttributeKeys.serviceName, serviceName);
  for (const [key, value] of prefixedResourceAttributes(span.resource)) setIfAbsent(json, key, value);
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
  addContext(span, json);
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
    projectId:
      text(attributes[gantryKeys.projectId]) ?? text(resource[gantryKeys.projectId]) ?? defaultProjectId,
    agent: text(attributes[genAiKeys.agentName]) ?? text(attributes[gantryKeys.agentName]),
    model: text(attributes[genAiKeys.responseModel]) ?? text(attributes[genAiKeys.requestModel]),
    sessionId: text(attributes[gantryKeys.sessionId]) ?? text(attributes[genAiKeys.conversationId]),
    costMicros: micros(attributes[gantryKeys.costMicros]),
    ...promptAndEnvironmentColumns(attributes, resource),
  };
}
