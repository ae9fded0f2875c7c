import type { JsonValue } from "../../core/index.js";
import { maximumValueDepth, type OtlpAttributes, setAttribute } from "./otlp-span.js";
import { type ProtobufReader, wireType, wireTypeName } from "./protobuf-reader.js";

// OTLP common/v1 values on the protobuf wire: AnyValue, ArrayValue, KeyValueList, KeyValue. A value of
// the wrong wire type is noted as a problem (the caller rejects the owning span) and skipped. Labels
// are static strings and problem messages are built only when there is a problem: this is the hot
// loop of the receiver, run for every attribute of every span.

/** The field number of a tag. */
export function fieldOf(tag: number): number {
  return Math.floor(tag / 8);
}

/** True when the field has the expected wire type; otherwise notes a problem and skips the field. */
export function expectType(
  reader: ProtobufReader,
  type: number,
  expected: number,
  end: number,
  problems: string[],
  what: string,
): boolean {
  if (type === expected) return true;
  problems.push(`${what} has wire type ${wireTypeName(type)}, expected ${wireTypeName(expected)}`);
  reader.skip(type, end, what);
  return false;
}

/** Whose attributes are being decoded (e.g. "attribute", "event attribute") and the current key. */
export interface AttributeSite {
  problems: string[];
  owner: string;
  key: string;
}

/** A site for problems found in `owner` attributes, collected into `problems`. */
export function attributeSite(problems: string[], owner: string): AttributeSite {
  return { problems, owner, key: "" };
}

function noteProblem(site: AttributeSite, message: string): void {
  site.problems.push(`${site.owner} ${JSON.stringify(site.key)}: ${message}`);
}

function expectValueType(
  reader: ProtobufReader,
  type: number,
  expected: number,
  end: number,
  site: AttributeSite,
  label: string,
): boolean {
  if (type === expected) return true;
  noteProblem(site, `${label} has wire type ${wireTypeName(type)}, expected ${wireTypeName(expected)}`);
  reader.skip(type, end, label);
  return false;
}

function decodeAnyValue(reader: ProtobufReader, end: number, site: AttributeSite, depth: number): JsonValue {
  let value: JsonValue = null;
  while (reader.position < end) {
    const tag = reader.readVarint(end, "AnyValue tag");
    const type = tag & 7;
    switch (fieldOf(tag)) {
      case 1:
        if (expectValueType(reader, type, wireType.lengthDelimited, end, site, "string_value"))
          value = reader.readString(end, "AnyValue.string_value");
        break;
      case 2:
        if (expectValueType(reader, type, wireType.varint, end, site, "bool_value"))
          value = reader.readVarint(end, "AnyValue.bool_value") !== 0;
        break;
      case 3:
        if (expectValueType(reader, type, wireType.varint, end, site, "int_value"))
          value = reader.readInt64(end, "AnyValue.int_value");
        break;
      case 4:
        if (expectValueType(reader, type, wireType.fixed64, end, site, "double_value")) {
          const double = reader.readDouble(end, "AnyValue.double_value");
          // NaN and the infinities are not JSON; their proto3 JSON names keep them.
          value = Number.isFinite(double) ? double : String(double);
        }
        break;
      case 5:
      case 6: {
        const isArray = fieldOf(tag) === 5;
        const label = isArray ? "array_value" : "kvlist_value";
        if (!expectValueType(reader, type, wireType.lengthDelimited, end, site, label)) break;
        const limit = reader.readLimit(end, `AnyValue.${label}`);
        if (depth >= maximumValueDepth) {
          noteProblem(site, `${label} nests deeper than ${maximumValueDepth} levels`);
          reader.position = limit;
        } else {
          value = isArray
            ? decodeArrayValue(reader, limit, site, depth + 1)
            : decodeKeyValueList(reader, limit, site, depth + 1);
        }
        break;
      }
      case 7:
        if (expectValueType(reader, type, wireType.lengthDelimited, end, site, "bytes_value"))
          value = reader.readBase64(end, "AnyValue.bytes_value");
        break;
      default:
        reader.skip(type, end, "AnyValue");
    }
  }
  return value;
}

function decodeArrayValue(
  reader: ProtobufReader,
  end: number,
  site: AttributeSite,
  depth: number,
): JsonValue[] {
  const values: JsonValue[] = [];
  while (reader.position < end) {
    const tag = reader.readVarint(end, "ArrayValue tag");
    const type = tag & 7;
    if (fieldOf(tag) !== 1) {
      reader.skip(type, end, "ArrayValue");
    } else if (expectValueType(reader, type, wireType.lengthDelimited, end, site, "array_value.values")) {
      values.push(decodeAnyValue(reader, reader.readLimit(end, "ArrayValue.values"), site, depth));
    }
  }
  return values;
}

function decodeKeyValueList(
  reader: ProtobufReader,
  end: number,
  site: AttributeSite,
  depth: number,
): { [key: string]: JsonValue } {
  const values: { [key: string]: JsonValue } = {};
  while (reader.position < end) {
    const tag = reader.readVarint(end, "KeyValueList tag");
    const type = tag & 7;
    if (fieldOf(tag) !== 1) {
      reader.skip(type, end, "KeyValueList");
    } else if (expectValueType(reader, type, wireType.lengthDelimited, end, site, "kvlist_value.values")) {
      decodeKeyValue(reader, reader.readLimit(end, "KeyValueList.values"), values, site, depth);
    }
  }
  return values;
}

/** One KeyValue into `target`. Problems name the top-level attribute key, which is what a sender knows. */
function decodeKeyValue(
  reader: ProtobufReader,
  end: number,
  target: { [key: string]: JsonValue },
  site: AttributeSite,
  depth: number,
): void {
  let key = "";
  let valueStart = -1;
  let valueEnd = -1;
  while (reader.position < end) {
    const tag = reader.readVarint(end, "KeyValue tag");
    const type = tag & 7;
    const field = fieldOf(tag);
    if (field === 1 && expectValueType(reader, type, wireType.lengthDelimited, end, site, "key")) {
      key = reader.readString(end, "KeyValue.key");
    } else if (field === 2 && expectValueType(reader, type, wireType.lengthDelimited, end, site, "value")) {
      // The key may follow the value on the wire; the value is decoded once the key is known.
      valueEnd = reader.readLimit(end, "KeyValue.value");
      valueStart = reader.position;
      reader.position = valueEnd;
    } else if (field !== 1 && field !== 2) {
      reader.skip(type, end, "KeyValue");
    }
  }
  let value: JsonValue = null;
  if (valueStart >= 0) {
    if (depth === 0) site.key = key;
    reader.position = valueStart;
    value = decodeAnyValue(reader, valueEnd, site, depth);
    reader.position = end;
  }
  setAttribute(target, key, value);
}

/** One repeated KeyValue field (an attribute) into `attributes`. */
export function decodeAttribute(
  reader: ProtobufReader,
  type: number,
  end: number,
  attributes: OtlpAttributes,
  site: AttributeSite,
): void {
  if (expectType(reader, type, wireType.lengthDelimited, end, site.problems, `${site.owner} list`)) {
    decodeKeyValue(reader, reader.readLimit(end, "KeyValue"), attributes, site, 0);
  }
}

/** A uint32 count field, or 0 (and a problem) when its wire type is wrong. */
export function readCount(
  reader: ProtobufReader,
  type: number,
  end: number,
  problems: string[],
  what: string,
): number {
  return expectType(reader, type, wireType.varint, end, problems, what) ? reader.readVarint(end, what) : 0;
}
