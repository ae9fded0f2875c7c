import type { JsonValue } from "../../core/index.js";
import { otlpBodyInvalid } from "./otlp-errors.js";

// The protobuf wire format, read by hand: OTLP needs five wire types and a handful of scalar types,
// and a reader that knows the byte offset can say exactly where a body is broken.

export const wireType = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

const wireTypeNames = ["varint", "fixed64", "length-delimited", "start-group", "end-group", "fixed32"];

/** The name of a wire type, for messages. */
export function wireTypeName(type: number): string {
  return wireTypeNames[type] ?? `unknown wire type ${type}`;
}

const twoTo64 = 1n << 64n;
const int64SignBit = 1n << 63n;
const maximumSafe = BigInt(Number.MAX_SAFE_INTEGER);

/** A cursor over one protobuf message and the messages nested in it; every read is bounds-checked. */
export class ProtobufReader {
  position = 0;
  private readonly bytes: Buffer;
  private readonly view: DataView;

  constructor(bytes: Uint8Array) {
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  /** Fails with the offset, what was being read and what was expected. */
  fail(expected: string, what: string, offset = this.position): never {
    throw otlpBodyInvalid(`Invalid OTLP protobuf at byte ${offset} in ${what}: expected ${expected}`, {
      format: "protobuf",
      offset,
      expected,
      field: what,
    });
  }

  private boundary(end: number): string {
    return end === this.length ? "body" : "enclosing message";
  }

  private need(count: number, end: number, what: string): void {
    if (this.position + count > end) {
      this.fail(`${count} byte(s), but the ${this.boundary(end)} ends at byte ${end} (truncated)`, what);
    }
  }

  /** A varint of up to 53 bits (tags, lengths, enums, counts, booleans). */
  readVarint(end: number, what: string): number {
    const start = this.position;
    let result = 0;
    let multiplier = 1;
    for (let count = 0; count < 10; count++) {
      if (this.position >= end) this.fail("the rest of a varint (the message is truncated)", what, start);
      const byte = this.bytes[this.position++]!;
      // Bits past 2^53 only occur in negative enum values, which OTLP never sends; they are dropped.
      if (multiplier < 2 ** 53) result += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      if (byte < 0x80) return result;
    }
    return this.fail("a varint of at most 10 bytes", what, start);
  }

  /** A signed int64 varint: a number when it fits exactly, otherwise its decimal string. */
  readInt64(end: number, what: string): JsonValue {
    const start = this.position;
    let low = 0;
    let shift = 0;
    // Up to 4 bytes (28 bits) in plain arithmetic; longer varints go through BigInt.
    for (; shift < 28; shift += 7) {
      if (this.position >= end) this.fail("the rest of a varint (the message is truncated)", what, start);
      const byte = this.bytes[this.position++]!;
      low += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return low;
    }
    let value = BigInt(low);
    for (let count = 4; count < 10; count++, shift += 7) {
      if (this.position >= end) this.fail("the rest of a varint (the message is truncated)", what, start);
      const byte = this.bytes[this.position++]!;
      value |= BigInt(byte & 0x7f) << BigInt(shift);
      if (byte < 0x80) {
        value %= twoTo64;
        if (value >= int64SignBit) value -= twoTo64;
        return value <= maximumSafe && value >= -maximumSafe ? Number(value) : value.toString();
      }
    }
    return this.fail("a varint of at most 10 bytes", what, start);
  }

  /** An unsigned fixed64 (timestamps in nanoseconds), exact. */
  readFixed64(end: number, what: string): bigint {
    this.need(8, end, what);
    const value = this.view.getBigUint64(this.position, true);
    this.position += 8;
    return value;
  }

  readFixed32(end: number, what: string): number {
    this.need(4, end, what);
    const value = this.view.getUint32(this.position, true);
    this.position += 4;
    return value;
  }

  readDouble(end: number, what: string): number {
    this.need(8, end, what);
    const value = this.view.getFloat64(this.position, true);
    this.position += 8;
    return value;
  }

  /** Reads a length prefix and returns where the length-delimited value ends. */
  readLimit(end: number, what: string): number {
    const start = this.position;
    const length = this.readVarint(end, what);
    if (this.position + length > end) {
      this.fail(
        `${length} byte(s), but only ${end - this.position} remain before the ${this.boundary(end)} ends at byte ${end} (truncated)`,
        what,
        start,
      );
    }
    return this.position + length;
  }

  readString(end: number, what: string): string {
    const limit = this.readLimit(end, what);
    const text = this.bytes.toString("utf8", this.position, limit);
    this.position = limit;
    return text;
  }

  /** Bytes as lowercase hex (trace and span ids). */
  readHex(end: number, what: string): string {
    const limit = this.readLimit(end, what);
    const hex = this.bytes.toString("hex", this.position, limit);
    this.position = limit;
    return hex;
  }

  readBase64(end: number, what: string): string {
    const limit = this.readLimit(end, what);
    const text = this.bytes.toString("base64", this.position, limit);
    this.position = limit;
    return text;
  }

  /** Skips a field whose number is unknown (or whose wire type is wrong) by its wire type. */
  skip(type: number, end: number, what: string): void {
    switch (type) {
      case wireType.varint:
        this.readVarint(end, what);
        return;
      case wireType.fixed64:
        this.need(8, end, what);
        this.position += 8;
        return;
      case wireType.lengthDelimited:
        this.position = this.readLimit(end, what);
        return;
      case wireType.fixed32:
        this.need(4, end, what);
        this.position += 4;
        return;
      default:
        // Groups (3, 4) are not used by OTLP; 6 and 7 do not exist. Either way the rest is unreadable.
        this.fail("wire type 0, 1, 2 or 5", `${what} (got ${wireTypeName(type)})`, this.position);
    }
  }
}
