import type { JsonValue } from "../../core/index.js";
import { maximumValueDepth, type OtlpAttributes, setAttribute } from "./otlp-span.js";
import { type ProtobufReader, wireType, wireTypeName } from "./protobuf-reader.js";

// OTLP common/v1 values on the protobuf wire: AnyValue, ArrayValue, KeyValueList, KeyValue. A value of
// the wrong wire type is noted in `problems` (the caller rejects the owning span) and skipped.

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

function decodeAnyValue(
  reader: ProtobufReader,
  end: number,
  problems: string[],
  what: string,
  depth: number,
): JsonValue {
  let value: JsonValue = null;
  while (reader.position < end) {
    const tag = reader.readVarint(end, `${what} tag`);
    const type = tag & 7;
    switch (fieldOf(tag)) {
      case 1:
        if (expectType(reader, type, wireType.lengthDelimited, end, problems, `${what}.string_value`))
          value = reader.readString(end, `${what}.string_value`);
        break;
      case 2:
        if (expectType(reader, type, wireType.varint, end, problems, `${what}.bool_value`))
          value = reader.readVarint(end, `${what}.bool_value`) !== 0;
        break;
      case 3:
        if (expectType(reader, type, wireType.varint, end, problems, `${what}.int_value`))
          value = reader.readInt64(end, `${what}.int_value`);
        break;
      case 4:
        if (expectType(reader, type, wireType.fixed64, end, problems, `${what}.double_value`)) {
          const double = reader.readDouble(end, `${what}.double_value`);
          // NaN and the infinities are not JSON; their proto3 JSON names keep them.
          value = Number.isFinite(double) ? double : String(double);
        }
        break;
      case 5:
      case 6: {
        const isArray = fieldOf(tag) === 5;
        const name = `${what}.${isArray ? "array_value" : "kvlist_value"}`;
        if (!expectType(reader, type, wireType.lengthDelimited, end, problems, name)) break;
        const limit = reader.readLimit(end, name);
        if (depth >= maximumValueDepth) {
          problems.push(`${name} nests deeper than ${maximumValueDepth} levels`);
          reader.position = limit;
        } else {
          value = isArray
            ? decodeArrayValue(reader, limit, problems, name, depth + 1)
            : decodeKeyValueList(reader, limit, problems, name, depth + 1);
        }
        break;
      }
      case 7:
        if (expectType(reader, type, wireType.lengthDelimited, end, problems, `${what}.bytes_value`))
          value = reader.readBase64(end, `${what}.bytes_value`);
        break;
      default:
        reader.skip(type, end, what);
    }
  }
  return value;
}

function decodeArrayValue(
  reader: ProtobufReader,
  end: number,
  problems: string[],
  what: string,
  depth: number,
): JsonValue[] {
  const values: JsonValue[] = [];
  while (reader.position < end) {
    const tag = reader.readVarint(end, `${what} tag`);
    const type = tag & 7;
    if (fieldOf(tag) === 1 && expectType(reader, type, wireType.lengthDelimited, end, problems, what)) {
      const limit = reader.readLimit(end, `${what}[${values.length}]`);
      values.push(decodeAnyValue(reader, limit, problems, `${what}[${values.length}]`, depth));
    } else if (fieldOf(tag) !== 1) {
      reader.skip(type, end, what);
    }
  }
  return values;
}

function decodeKeyValueList(
  reader: ProtobufReader,
  end: number,
  problems: string[],
  what: string,
  depth: number,
): { [key: string]: JsonValue } {
  const values: { [key: string]: JsonValue } = {};
  while (reader.position < end) {
    const tag = reader.readVarint(end, `${what} tag`);
    const type = tag & 7;
    if (fieldOf(tag) === 1 && expectType(reader, type, wireType.lengthDelimited, end, problems, what)) {
      decodeKeyValue(reader, reader.readLimit(end, what), values, problems, what, depth);
    } else if (fieldOf(tag) !== 1) {
      reader.skip(type, end, what);
    }
  }
  return values;
}

/** One KeyValue into `target`; `where` names the owner (e.g. "attributes") for problem messages. */
function decodeKeyValue(
  reader: ProtobufReader,
  end: number,
  target: { [key: string]: JsonValue },
  problems: string[],
  where: string,
  depth: number,
): void {
  let key = "";
  let value: JsonValue = null;
  let valueStart = -1;
  let valueEnd = -1;
  while (reader.position < end) {
    const tag = reader.readVarint(end, `${where} key-value tag`);
    const type = tag & 7;
    const field = fieldOf(tag);
    if (field === 1 && expectType(reader, type, wireType.lengthDelimited, end, problems, `${where} key`)) {
      key = reader.readString(end, `${where} key`);
    } else if (
      field === 2 &&
      expectType(reader, type, wireType.lengthDelimited, end, problems, `${where} value`)
    ) {
      // The key may come after the value on the wire; decode the value once the key is known.
      valueEnd = reader.readLimit(end, `${where} value`);
      valueStart = reader.position;
      reader.position = valueEnd;
    } else if (field !== 1 && field !== 2) {
      reader.skip(type, end, where);
    }
  }
  if (valueStart >= 0) {
    reader.position = valueStart;
    value = decodeAnyValue(reader, valueEnd, problems, `${where}[${JSON.stringify(key)}]`, depth);
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
  problems: string[],
  where: string,
): void {
  if (expectType(reader, type, wireType.lengthDelimited, end, problems, where)) {
    decodeKeyValue(reader, reader.readLimit(end, where), attributes, problems, where, 0);
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
