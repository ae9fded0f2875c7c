import { wireType } from "./protobuf-reader.js";

// The few protobuf encodings the receiver answers with (varints, strings, nested messages). Values
// are built bottom-up as byte arrays: the answers are tiny, so clarity beats a streaming writer.

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

function tag(field: number, type: number): number[] {
  return varint(field * 8 + type);
}

/** A varint field (uint32, int64 >= 0, enums, booleans). Negative values are not needed and refused. */
export function varintField(field: number, value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint field ${field}: ${value}`);
  return Uint8Array.from([...tag(field, wireType.varint), ...varint(value)]);
}

/** A length-delimited field holding raw bytes or a nested message. */
export function bytesField(field: number, value: Uint8Array): Uint8Array {
  const header = [...tag(field, wireType.lengthDelimited), ...varint(value.byteLength)];
  const bytes = new Uint8Array(header.length + value.byteLength);
  bytes.set(header, 0);
  bytes.set(value, header.length);
  return bytes;
}

/** A string field, UTF-8 encoded. */
export function stringField(field: number, value: string): Uint8Array {
  return bytesField(field, Buffer.from(value, "utf8"));
}

/** Concatenates fields into one message. */
export function message(...fields: Uint8Array[]): Uint8Array {
  return Buffer.concat(fields);
}
