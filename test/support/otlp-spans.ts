import type { Attributes, HrTime, Tracer } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";

// Spans made by the real OpenTelemetry SDK and bodies made by the real OTLP serializer
// (@opentelemetry/otlp-transformer, what the official exporters send), so the receiver is checked
// against the official encoder rather than against our own idea of the format.

export interface RecordSpansOptions {
  resource?: Attributes;
  scopeName?: string;
  scopeVersion?: string;
}

/** Runs `build` with a tracer and returns the spans it ended, as the SDK hands them to exporters. */
export function recordSpans(
  build: (tracer: Tracer) => void,
  options: RecordSpansOptions = {},
): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(options.resource ?? { "service.name": "otlp-test" }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  build(provider.getTracer(options.scopeName ?? "otlp-test-scope", options.scopeVersion ?? "1.0.0"));
  return exporter.getFinishedSpans();
}

/** An ExportTraceServiceRequest in protobuf, from the official serializer. */
export function protobufBody(spans: ReadableSpan[]): Uint8Array {
  const body = ProtobufTraceSerializer.serializeRequest(spans);
  if (body === undefined) throw new Error("the protobuf serializer returned nothing");
  return body;
}

/** An ExportTraceServiceRequest in OTLP/JSON, from the official serializer. */
export function jsonBody(spans: ReadableSpan[]): Uint8Array {
  const body = JsonTraceSerializer.serializeRequest(spans);
  if (body === undefined) throw new Error("the JSON serializer returned nothing");
  return body;
}

/** Decodes an ExportTraceServiceResponse with the official deserializer (what exporters read). */
export function deserializeProtobufResponse(body: Uint8Array) {
  return ProtobufTraceSerializer.deserializeResponse(body);
}

/** An SDK time as exact nanoseconds. */
export function hrTimeToNanos(time: HrTime): bigint {
  return BigInt(time[0]) * 1_000_000_000n + BigInt(time[1]);
}
