import { attributeSite, decodeAttribute, expectType, fieldOf, readCount } from "./decode-protobuf-values.js";
import type { OtlpEvent, OtlpLink, OtlpResource, OtlpScope, OtlpSpan } from "./otlp-span.js";
import { type ProtobufReader, wireType } from "./protobuf-reader.js";

// trace/v1 Span, with its events, links and status, on the protobuf wire. A field of the wrong wire
// type is noted in `problems` (the span is then rejected) and skipped; truncation throws.

/** A resource with nothing set, filled in as its message is read. */
export function emptyResource(): OtlpResource {
  return { attributes: {}, droppedAttributesCount: 0, schemaUrl: "" };
}

/** A scope with nothing set, filled in as its message is read. */
export function emptyScope(): OtlpScope {
  return { name: "", version: "", attributes: {}, droppedAttributesCount: 0, schemaUrl: "" };
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

/** Reads one Span message into `span`, noting field problems in `problems`. */
export function decodeSpan(reader: ProtobufReader, end: number, span: OtlpSpan, problems: string[]): void {
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

const placeholderResource = emptyResource();
const placeholderScope = emptyScope();

/** A span with nothing set yet; its resource and scope are attached once their messages are read. */
export function newSpan(index: number): OtlpSpan {
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
