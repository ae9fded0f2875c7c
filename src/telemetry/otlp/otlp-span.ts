import type { JsonValue } from "../../core/index.js";

// The receiver's decoded form of OTLP trace data, shared by the protobuf and the JSON decoder so that
// everything after decoding (validation, mapping, rows) is written once.

/**
 * Attributes with OTLP AnyValues turned into JSON: int64 beyond 2^53 as a decimal string, bytes as
 * base64, a kvlist as an object, an empty AnyValue as null.
 */
export type OtlpAttributes = Record<string, JsonValue>;

export interface OtlpResource {
  attributes: OtlpAttributes;
  droppedAttributesCount: number;
  schemaUrl: string;
}

export interface OtlpScope {
  name: string;
  version: string;
  attributes: OtlpAttributes;
  droppedAttributesCount: number;
  schemaUrl: string;
}

export interface OtlpEvent {
  /** Nanoseconds since the epoch, kept exact until converted to milliseconds. */
  timeUnixNano: bigint;
  name: string;
  attributes: OtlpAttributes;
  droppedAttributesCount: number;
}

export interface OtlpLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: OtlpAttributes;
  droppedAttributesCount: number;
  flags: number;
}

export interface OtlpSpan {
  /** Position of the span in the request, counting every span of every resource and scope from 0. */
  index: number;
  /** Lowercase hex, 32 characters. */
  traceId: string;
  /** Lowercase hex, 16 characters. */
  spanId: string;
  traceState: string;
  /** Lowercase hex, or "" for a root span. */
  parentSpanId: string;
  flags: number;
  name: string;
  /** OTLP SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startTimeUnixNano: bigint;
  /** 0 when the sender did not set it. */
  endTimeUnixNano: bigint;
  attributes: OtlpAttributes;
  droppedAttributesCount: number;
  events: OtlpEvent[];
  droppedEventsCount: number;
  links: OtlpLink[];
  droppedLinksCount: number;
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
  resource: OtlpResource;
  scope: OtlpScope;
}

/** A span left out of the batch, and why (the reason goes back to the sender). */
export interface OtlpRejectedSpan {
  index: number;
  reason: string;
}

/** What a decoder returns: the spans to keep and the spans it had to reject. */
export interface DecodedOtlpSpans {
  spans: OtlpSpan[];
  rejected: OtlpRejectedSpan[];
}

/** Span kinds by OTLP enum value; 0 (unspecified) is treated as internal, as the OTel spec says. */
export const otlpSpanKinds = ["internal", "internal", "server", "client", "producer", "consumer"] as const;

/** Status codes by OTLP enum value. */
export const otlpStatusCodes = ["unset", "ok", "error"] as const;

// The maximum nesting of array and kvlist values: deeper input is an attack on the stack, not telemetry.
export const maximumValueDepth = 32;

const hexPattern = /^[0-9a-f]*$/;

function idProblem(field: string, id: string, length: number, optional: boolean): string | null {
  if (id.length === 0) return optional ? null : `${field} is missing`;
  if (id.length !== length || !hexPattern.test(id)) {
    return `${field} must be ${length / 2} bytes (${length} hex characters), got ${JSON.stringify(id.slice(0, 40))}`;
  }
  if (/^0+$/.test(id)) return `${field} must not be all zeros`;
  return null;
}

/** Why a decoded span cannot be stored, or null when it can; both decoders apply the same rules. */
export function spanProblem(span: OtlpSpan): string | null {
  const idIssue =
    idProblem("traceId", span.traceId, 32, false) ??
    idProblem("spanId", span.spanId, 16, false) ??
    idProblem("parentSpanId", span.parentSpanId, 16, true);
  if (idIssue !== null) return idIssue;
  if (!Number.isInteger(span.kind) || span.kind < 0 || span.kind >= otlpSpanKinds.length) {
    return `kind ${span.kind} is not an OTLP SpanKind (0 to 5)`;
  }
  if (
    !Number.isInteger(span.statusCode) ||
    span.statusCode < 0 ||
    span.statusCode >= otlpStatusCodes.length
  ) {
    return `status.code ${span.statusCode} is not an OTLP StatusCode (0 unset, 1 ok, 2 error)`;
  }
  if (span.startTimeUnixNano === 0n) return "startTimeUnixNano is missing";
  if (span.endTimeUnixNano !== 0n && span.endTimeUnixNano < span.startTimeUnixNano) {
    return "endTimeUnixNano is before startTimeUnixNano";
  }
  for (const [position, link] of span.links.entries()) {
    const linkIssue =
      idProblem(`links[${position}].traceId`, link.traceId, 32, false) ??
      idProblem(`links[${position}].spanId`, link.spanId, 16, false);
    if (linkIssue !== null) return linkIssue;
  }
  return null;
}

/** Sets an attribute; `__proto__` is defined as an own property so a sender cannot replace the prototype. */
export function setAttribute(target: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
