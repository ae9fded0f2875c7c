import type { JsonValue } from "../../core/index.js";
import { defaultProjectId, type SpanRecord } from "../../store/index.js";
import { gantryKeys } from "../gen-ai-conventions.js";
import { promptAndEnvironmentColumns } from "../span-record-mapping-columns.js";
import { mapSpanAttributes } from "./map-span-attributes.js";
import {
  type OtlpAttributes,
  type OtlpResource,
  type OtlpSpan,
  otlpSpanKinds,
  otlpStatusCodes,
} from "./otlp-span.js";

// Decoded OTLP spans to store rows. The span's own attributes are kept verbatim and never overwritten;
// what OTLP carries beside them goes in under `otel.*` keys (resource attributes as
// `otel.resource.<key>`, plus `service.name` as the store exporter writes it), and the mapper adds
// normalised `gen_ai.*`/`gantry.*` keys and `gantry.mapped_from` only where the span lacks them.

export interface ToSpanRecordsOptions {
  /** The project the spans belong to; otherwise `gantry.project.id` (span, then resource), then the default project. */
  projectId?: string;
}

/** Keys the receiver writes next to the span's own attributes. */
export const otlpAttributeKeys = {
  mappedFrom: "gantry.mapped_from",
  resourcePrefix: "otel.resource.",
  serviceName: "service.name",
  scopeName: "otel.scope.name",
  scopeVersion: "otel.scope.version",
  scopeAttributes: "otel.scope.attributes",
  traceState: "otel.trace_state",
  links: "otel.links",
  droppedAttributesCount: "otel.dropped_attributes_count",
  droppedEventsCount: "otel.dropped_events_count",
  droppedLinksCount: "otel.dropped_links_count",
} as const;

const nanosPerMilli = 1_000_000n;

/** Epoch milliseconds with fractions from exact nanoseconds (the split keeps the double's full precision). */
export function nanosToEpochMs(nanos: bigint): number {
  return Number(nanos / nanosPerMilli) + Number(nanos % nanosPerMilli) / 1e6;
}

function setIfAbsent(attributes: OtlpAttributes, key: string, value: JsonValue): void {
  if (!Object.hasOwn(attributes, key)) attributes[key] = value;
}

// Resource attributes repeat on every span of a request; prefix their keys once per resource.
const prefixedResources = new WeakMap<OtlpResource, [string, JsonValue][]>();

function prefixedResourceAttributes(resource: OtlpResource): [string, JsonValue][] {
  let entries = prefixedResources.get(resource);
  if (entries === undefined) {
    entries = Object.entries(resource.attributes).map(([key, value]) => [
      `${otlpAttributeKeys.resourcePrefix}${key}`,
      value,
    ]);
    prefixedResources.set(resource, entries);
  }
  return entries;
}

function text(value: JsonValue | undefined): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

function addOtlpContext(span: OtlpSpan, attributes: OtlpAttributes): void {
  const { scope, resource } = span;
  if (scope.name !== "") setIfAbsent(attributes, otlpAttributeKeys.scopeName, scope.name);
  if (scope.version !== "") setIfAbsent(attributes, otlpAttributeKeys.scopeVersion, scope.version);
  if (Object.keys(scope.attributes).length > 0) {
    setIfAbsent(attributes, otlpAttributeKeys.scopeAttributes, scope.attributes);
  }
  if (span.traceState !== "") setIfAbsent(attributes, otlpAttributeKeys.traceState, span.traceState);
  if (span.links.length > 0) {
    setIfAbsent(
      attributes,
      otlpAttributeKeys.links,
      span.links.map((link) => {
        const json: { [key: string]: JsonValue } = {
          traceId: link.traceId,
          spanId: link.spanId,
          attributes: link.attributes,
        };
        if (link.traceState !== "") json.traceState = link.traceState;
        if (link.droppedAttributesCount > 0) json.droppedAttributesCount = link.droppedAttributesCount;
        return json;
      }),
    );
  }
  // Dropped counts say the sender's SDK hit a limit: worth seeing, so kept when non-zero.
  if (span.droppedAttributesCount > 0)
    setIfAbsent(attributes, otlpAttributeKeys.droppedAttributesCount, span.droppedAttributesCount);
  if (span.droppedEventsCount > 0)
    setIfAbsent(attributes, otlpAttributeKeys.droppedEventsCount, span.droppedEventsCount);
  if (span.droppedLinksCount > 0)
    setIfAbsent(attributes, otlpAttributeKeys.droppedLinksCount, span.droppedLinksCount);
  const serviceName = resource.attributes[otlpAttributeKeys.serviceName];
  if (serviceName !== undefined) setIfAbsent(attributes, otlpAttributeKeys.serviceName, serviceName);
  for (const [key, value] of prefixedResourceAttributes(resource)) setIfAbsent(attributes, key, value);
}

/** One decoded span as a store row; takes ownership of the span's attribute object. */
export function otlpSpanToRecord(span: OtlpSpan, options: ToSpanRecordsOptions = {}): SpanRecord {
  const attributes = span.attributes;
  const mapped = mapSpanAttributes(attributes);
  for (const [key, value] of Object.entries(mapped.added)) setIfAbsent(attributes, key, value);
  if (Object.keys(mapped.mappedFrom).length > 0) {
    setIfAbsent(attributes, otlpAttributeKeys.mappedFrom, mapped.mappedFrom);
  }
  const projectId =
    options.projectId ??
    text(attributes[gantryKeys.projectId]) ??
    text(span.resource.attributes[gantryKeys.projectId]) ??
    defaultProjectId;
  addOtlpContext(span, attributes);
  const { values } = mapped;
  const model = values.responseModel ?? values.requestModel;
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId === "" ? null : span.parentSpanId,
    name: span.name,
    kind: otlpSpanKinds[span.kind] ?? "internal",
    startTimeMs: nanosToEpochMs(span.startTimeUnixNano),
    endTimeMs: span.endTimeUnixNano === 0n ? null : nanosToEpochMs(span.endTimeUnixNano),
    statusCode: otlpStatusCodes[span.statusCode] ?? "unset",
    statusMessage: span.statusMessage === "" ? null : span.statusMessage,
    attributes,
    events: span.events.map((event) => {
      const json: { [key: string]: JsonValue } = {
        name: event.name,
        timeMs: event.timeUnixNano === 0n ? null : nanosToEpochMs(event.timeUnixNano),
        attributes: event.attributes,
      };
      if (event.droppedAttributesCount > 0) json.droppedAttributesCount = event.droppedAttributesCount;
      return json;
    }),
    projectId,
    agent: typeof values.agent === "string" ? values.agent : null,
    model: typeof model === "string" ? model : null,
    sessionId: typeof values.sessionId === "string" ? values.sessionId : null,
    costMicros: typeof values.costMicros === "number" ? values.costMicros : null,
    ...promptAndEnvironmentColumns(attributes, span.resource.attributes),
  };
}

/** Decoded spans as store rows, in order. */
export function otlpSpansToRecords(
  spans: readonly OtlpSpan[],
  options: ToSpanRecordsOptions = {},
): SpanRecord[] {
  return spans.map((span) => otlpSpanToRecord(span, options));
}
