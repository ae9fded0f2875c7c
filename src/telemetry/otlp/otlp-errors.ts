import { GantryError, type JsonValue } from "../../core/index.js";

// The receiver's errors. Every one of them is the sender's fault (category USER), so a bad body can
// never turn into a 5xx; the HTTP status each maps to is in `otlpStatusForError`.

/** The body is not a well-formed OTLP export request (truncated protobuf, bad JSON, corrupt gzip). */
export function otlpBodyInvalid(message: string, details: Record<string, JsonValue> = {}): GantryError {
  return new GantryError({
    code: "OTLP_BODY_INVALID",
    message,
    domain: "TELEMETRY",
    category: "USER",
    details,
    hint: "Send an OTLP ExportTraceServiceRequest as protobuf (application/x-protobuf) or OTLP/JSON (application/json), optionally gzip-compressed; see docs/reference/otlp.md",
  });
}

/** The body is over the compressed or decompressed size limit. */
export function otlpBodyTooLarge(message: string, details: Record<string, JsonValue>): GantryError {
  return new GantryError({
    code: "OTLP_BODY_TOO_LARGE",
    message,
    domain: "TELEMETRY",
    category: "USER",
    details,
    hint: "Export smaller batches (BatchSpanProcessor maxExportBatchSize, default 512) or raise the receiver's limits",
  });
}

/** The content type or content encoding is not one OTLP/HTTP defines. */
export function otlpMediaTypeUnsupported(
  code: "OTLP_CONTENT_TYPE_UNSUPPORTED" | "OTLP_CONTENT_ENCODING_UNSUPPORTED",
  message: string,
  details: Record<string, JsonValue>,
): GantryError {
  return new GantryError({
    code,
    message,
    domain: "TELEMETRY",
    category: "USER",
    details,
    hint: "Use Content-Type application/x-protobuf or application/json, and Content-Encoding gzip or none",
  });
}
