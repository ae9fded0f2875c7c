import { attributeSite, decodeAttribute, expectType, fieldOf, readCount } from "./decode-protobuf-values.js";
import {
  type DecodedOtlpSpans,
  type OtlpEvent,
  type OtlpLink,
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

function decodeEvent(reader: ProtobufReader, end: number, problems: string[]): OtlpEvent {
  const event: OtlpEvent = { timeUnixNano: 0n, name: "", attributes: {}, droppedAttributesCount: 0 };
  const site = attributeSite(problems, "event attribute");
  while (reader.position < end) {
    const tag = reader.readVarint(end, "event tag");
    const type = tag & 7;
    switch (fieldOf(tag)) {
      case 1:
        if (expectType(reader, type, wireType.fixed64, end, problems, "event.time_unix_nano"))
          event.timeUnixNano = reader.readFixed64(end, "event.time_unix_nano");
        break;
      case 2:
        if (expectType(reader, type, wireType.lengthDelimited, end, problems, "event.name"))
          event.name = reader.readString(end, "event.name");
        break;
      case 3:
        decodeAttribute(reader, type, end, event.attributes, site);
        break;
      case 4:
        event.droppedAttributesCount = readCount(
          reader,
          type,
          end,
          problems,
          "event.dropped_attributes_count",
        );
        break;
      default:
        reader.skip(type, end, "event");
    }
  }
  return event;
}

function decodeLink(reader: ProtobufReader, end: number, problems: string[]): OtlpLink {
  const link: OtlpLink = {
    traceId: "",
    spanId: "",
    traceState: "",
    attributes: {},
    droppedAttributesCount: 0,
    flags: 0,
  };
  const site = attributeSite(problems, "link attribute");
  while (reader.position < end) {
    const tag = reader.readVarint(end, "link tag");
    const type = tag & 7;
    const field = fieldOf(tag);
    if (field === 4) {
      decodeAttribute(reader, type, end, link.attributes, site);
    } else if (field === 5) {
      link.droppedAttributesCount = readCount(reader, type, end, problems, "link.dropped_attributes_count");
    } else if (field === 6) {
      if (expectType(reader, type, wireType.fixed32, end, problems, "link.flags"))
        link.flags = reader.readFixed32(end, "link.flags");
    } else if (field >= 1 && field <= 3) {
      const name = field === 1 ? "trace_id" : field === 2 ? "span_id" : "trace_state";
      if (!expectType(reader, type, wireType.lengthDelimited, end, problems, `link.${name}`)) continue;
      if (field === 1) link.traceId = reader.readHex(end, "link.trace_id");
      else if (field === 2) link.spanId = reader.readHex(end, "link.span_id");
      else link.traceState = reader.readString(end, "link.trace_state");
    } else {
      reader.skip(type, end, "link");
    }
  }
  return link;
}

function decodeStatus(reader: ProtobufReader, end: number, span: OtlpSpan, problems: string[]): void {
  while (reader.position < end) {
    const tag = reader.readVarint(end, "status tag");
    const type = tag & 7;
    const field = fieldOf(tag);
    if (field === 2 && expectType(reader, type, wireType.lengthDelimited, end, problems, "status.message")) {
      span.statusMessage = reader.readString(end, "status.message");
    } else if (field === 3) {
      span.statusCode = readCount(reader, type, end, problems, "status.code");
    } else if (field !== 2) {
      reader.skip(type, end, "status");
    }
  }
}

const spanStringFields: Record<number, string> = {
  1: "trace_id",
  2: "span_id",
  3: "trace_state",
  4: "parent_span_id",
  5: "name",
};

function decodeSpan(reader: ProtobufReader, end: number, span: OtlpSpan, problems: string[]): void {
  const site = attributeSite(problems, "attribute");
  while (reader.position < end) {
    const tag = reader.readVarint(end, "span tag");
    const type = tag & 7;
    const field = fieldOf(tag);
    switch (field) {
      case 1:
      case 2:
      case 3:
      case 4:
      case 5: {
        const name = spanStringFields[field]!;
        if (!expectType(reader, type, wireType.lengthDelimited, end, problems, name)) break;
        if (field === 1) span.traceId = reader.readHex(end, name);
        else if (field === 2) span.spanId = reader.readHex(end, name);
        else if (field === 3) span.traceState = reader.readString(end, name);
        else if (field === 4) span.parentSpanId = reader.readHex(end, name);
        else span.name = reader.readString(end, name);
        break;
      }
      case 6:
        span.kind = readCount(reader, type, end, problems, "kind");
        break;
      case 7:
        if (expectType(reader, type, wireType.fixed64, end, problems, "start_time_unix_nano"))
          span.startTimeUnixNano = reader.readFixed64(end, "start_time_unix_nano");
        break;
      case 8:
        if (expectType(reader, type, wireType.fixed64, end, problems, "end_time_unix_nano"))
          span.endTimeUnixNano = reader.readFixed64(end, "end_time_unix_nano");
        break;
      case 9:
        decodeAttribute(reader, type, end, span.attributes, site);
        break;
      case 10:
        span.droppedAttributesCount = readCount(reader, type, end, problems, "dropped_attributes_count");
        break;
      case 11:
        if (expectType(reader, type, wireType.lengthDelimited, end, problems, "events")) {
          span.events.push(decodeEvent(reader, reader.readLimit(end, "event"), problems));
        }
        break;
      case 12:
        span.droppedEventsCount = readCount(reader, type, end, problems, "dropped_events_count");
        break;
      case 13:
        if (expectType(reader, type, wireType.lengthDelimited, end, problems, "links")) {
          span.links.push(decodeLink(reader, reader.readLimit(end, "link"), problems));
        }
        break;
      case 14:
        span.droppedLinksCount = readCount(reader, type, end, problems, "dropped_links_count");
        break;
      case 15:
        if (expectType(reader, type, wireType.lengthDelimited, end, problems, "status"))
          decodeStatus(reader, reader.readLimit(end, "status"), span, problems);
        break;
      case 16:
        if (expectType(reader, type, wireType.fixed32, end, problems, "flags"))
          span.flags = reader.readFixed32(end, "flags");
        break;
      default:
        reader.skip(type, end, "span");
    }
  }
}

function emptyResource(): OtlpResource {
  return { attributes: {}, droppedAttributesCount: 0, schemaUrl: "" };
}

function emptyScope(): OtlpScope {
  return { name: "", version: "", attributes: {}, droppedAttributesCount: 0, schemaUrl: "" };
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

const placeholderResource = emptyResource();
const placeholderScope = emptyScope();

function newSpan(index: number): OtlpSpan {
  return {
    index,
    traceId: "",
    spanId: "",
    traceState: "",
    parentSpanId: "",
    flags: 0,
    name: "",
    kind: 0,
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    attributes: {},
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    statusCode: 0,
    statusMessage: "",
    resource: placeholderResource,
    scope: placeholderScope,
  };
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
