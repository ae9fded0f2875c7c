import { decodeSpan, emptyResource, emptyScope, newSpan } from "./decode-protobuf-span.js";
import { attributeSite, decodeAttribute, expectType, fieldOf, readCount } from "./decode-protobuf-values.js";
import {
  type DecodedOtlpSpans,
  type OtlpRejectedSpan,
  type OtlpResource,
  type OtlpScope,
  type OtlpSpan,
  spanProblem,
} from "./otlp-span.js";
import { ProtobufReader, wireType } from "./protobuf-reader.js";

// ExportTraceServiceRequest (opentelemetry-proto collector/trace/v1, trace/v1, common/v1, resource/v1).
// A broken wire structure (truncation, a length past its message) fails the whole body: nothing after
// it can be trusted. A field of the wrong wire type inside a span (an attribute sent as the wrong type)
// only rejects that span; the reader skips it by its wire type and carries on with the batch.

interface DecodeState {
  spans: OtlpSpan[];
  rejected: OtlpRejectedSpan[];
  nextIndex: number;
}

function decodeResource(
  reader: ProtobufReader,
  end: number,
  resource: OtlpResource,
  problems: string[],
): void {
  const site = attributeSite(problems, "resource attribute");
  while (reader.position < end) {
    const tag = reader.readVarint(end, "resource tag");
    const type = tag & 7;
    const field = fieldOf(tag);
    if (field === 1) decodeAttribute(reader, type, end, resource.attributes, site);
    else if (field === 2)
      resource.droppedAttributesCount = readCount(
        reader,
        type,
        end,
        problems,
        "resource.dropped_attributes_count",
      );
    else reader.skip(type, end, "resource");
  }
}

function decodeScope(reader: ProtobufReader, end: number, scope: OtlpScope, problems: string[]): void {
  const site = attributeSite(problems, "scope attribute");
  while (reader.position < end) {
    const tag = reader.readVarint(end, "scope tag");
    const type = tag & 7;
    const field = fieldOf(tag);
    if (field === 1 || field === 2) {
      const name = field === 1 ? "scope.name" : "scope.version";
      if (!expectType(reader, type, wireType.lengthDelimited, end, problems, name)) continue;
      if (field === 1) scope.name = reader.readString(end, name);
      else scope.version = reader.readString(end, name);
    } else if (field === 3) {
      decodeAttribute(reader, type, end, scope.attributes, site);
    } else if (field === 4) {
      scope.droppedAttributesCount = readCount(reader, type, end, problems, "scope.dropped_attributes_count");
    } else {
      reader.skip(type, end, "scope");
    }
  }
}

/** A message-typed field that holds spans: a wrong wire type makes the span count unknowable. */
function readMessageLimit(reader: ProtobufReader, type: number, end: number, what: string): number {
  if (type !== wireType.lengthDelimited) reader.fail("wire type length-delimited", what);
  return reader.readLimit(end, what);
}

function problemText(problems: string[]): string {
  const shown = problems.slice(0, 3).join("; ");
  return problems.length > 3 ? `${shown}; and ${problems.length - 3} more` : shown;
}

interface SpanGroup {
  spans: OtlpSpan[];
  problems: Map<OtlpSpan, string>;
}

function decodeScopeSpans(reader: ProtobufReader, end: number, state: DecodeState, group: SpanGroup): void {
  const scope = emptyScope();
  const scopeProblems: string[] = [];
  const spans: OtlpSpan[] = [];
  while (reader.position < end) {
    const tag = reader.readVarint(end, "scope_spans tag");
    const type = tag & 7;
    const field = fieldOf(tag);
    if (field === 1) {
      decodeScope(reader, readMessageLimit(reader, type, end, "scope"), scope, scopeProblems);
    } else if (field === 2) {
      const span = newSpan(state.nextIndex++);
      const problems: string[] = [];
      decodeSpan(reader, readMessageLimit(reader, type, end, "span"), span, problems);
      if (problems.length > 0) group.problems.set(span, problemText(problems));
      spans.push(span);
    } else if (field === 3 && type === wireType.lengthDelimited) {
      scope.schemaUrl = reader.readString(end, "scope_spans.schema_url");
    } else {
      reader.skip(type, end, "scope_spans");
    }
  }
  // The scope may follow its spans on the wire, so spans learn their scope once the message is read.
  for (const span of spans) {
    span.scope = scope;
    if (scopeProblems.length > 0 && !group.problems.has(span))
      group.problems.set(span, problemText(scopeProblems));
    group.spans.push(span);
  }
}

function decodeResourceSpans(reader: ProtobufReader, end: number, state: DecodeState): void {
  const resource = emptyResource();
  const resourceProblems: string[] = [];
  const group: SpanGroup = { spans: [], problems: new Map() };
  while (reader.position < end) {
    const tag = reader.readVarint(end, "resource_spans tag");
    const type = tag & 7;
    const field = fieldOf(tag);
    if (field === 1) {
      decodeResource(reader, readMessageLimit(reader, type, end, "resource"), resource, resourceProblems);
    } else if (field === 2) {
      decodeScopeSpans(reader, readMessageLimit(reader, type, end, "scope_spans"), state, group);
    } else if (field === 3 && type === wireType.lengthDelimited) {
      resource.schemaUrl = reader.readString(end, "resource_spans.schema_url");
    } else {
      reader.skip(type, end, "resource_spans");
    }
  }
  for (const span of group.spans) {
    span.resource = resource;
    const reason =
      group.problems.get(span) ??
      (resourceProblems.length > 0 ? problemText(resourceProblems) : null) ??
      spanProblem(span);
    if (reason === null) state.spans.push(span);
    else state.rejected.push({ index: span.index, reason });
  }
}

/** Decodes an OTLP ExportTraceServiceRequest in protobuf; throws OTLP_BODY_INVALID (with the byte offset) when the wire structure is broken. */
export function decodeOtlpProtobuf(bytes: Uint8Array): DecodedOtlpSpans {
  const reader = new ProtobufReader(bytes);
  const state: DecodeState = { spans: [], rejected: [], nextIndex: 0 };
  const end = reader.length;
  while (reader.position < end) {
    const tag = reader.readVarint(end, "ExportTraceServiceRequest tag");
    const type = tag & 7;
    if (fieldOf(tag) === 1) {
      decodeResourceSpans(reader, readMessageLimit(reader, type, end, "resource_spans"), state);
    } else {
      reader.skip(type, end, "ExportTraceServiceRequest");
    }
  }
  state.rejected.sort((left, right) => left.index - right.index);
  return { spans: state.spans, rejected: state.rejected };
}
