import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { decodeOtlpJson } from "./decode-otlp-json.js";
import { decodeOtlpProtobuf } from "./decode-otlp-protobuf.js";
import { otlpBodyInvalid, otlpBodyTooLarge, otlpMediaTypeUnsupported } from "./otlp-errors.js";
import type { DecodedOtlpSpans } from "./otlp-span.js";

// The HTTP side of an OTLP export: which format (Content-Type), whether gzip (Content-Encoding), and
// how many bytes a sender may make us hold. Limits apply twice: to the bytes on the wire and to the
// bytes after gunzip, so a small zip bomb cannot expand into memory.

const gunzipAsync = promisify(gunzip);
const mebibyte = 1024 * 1024;

export interface OtlpBodyLimits {
  /** Bytes on the wire (compressed when gzip); default 5 MiB. */
  maxBodyBytes: number;
  /** Bytes after gunzip; default 20 MiB. */
  maxDecompressedBytes: number;
}

export const defaultOtlpBodyLimits: OtlpBodyLimits = {
  maxBodyBytes: 5 * mebibyte,
  maxDecompressedBytes: 20 * mebibyte,
};

/** A request body: bytes, or a stream of chunks (a web ReadableStream or a Node request). */
export type OtlpBody = Uint8Array | ArrayBuffer | AsyncIterable<Uint8Array> | null | undefined;

/** Request headers as web `Headers` or Node's `IncomingHttpHeaders`. */
export type OtlpHeaders = Headers | Record<string, string | string[] | undefined>;

export type OtlpBodyKind = "json" | "protobuf";

export interface ReadOtlpBodyResult extends DecodedOtlpSpans {
  kind: OtlpBodyKind;
}

/** A header value by lower-case name from either header shape. */
export function headerValue(headers: OtlpHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const value = record[name] ?? Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value.join(", ") : value;
}

function mediaType(value: string | undefined): string {
  return (value ?? "").split(";", 1)[0]!.trim().toLowerCase();
}

/** The body format from Content-Type; throws OTLP_CONTENT_TYPE_UNSUPPORTED for anything else. */
export function otlpBodyKind(headers: OtlpHeaders): OtlpBodyKind {
  const type = mediaType(headerValue(headers, "content-type"));
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  if (type === "application/json") return "json";
  throw otlpMediaTypeUnsupported(
    "OTLP_CONTENT_TYPE_UNSUPPORTED",
    `OTLP/HTTP accepts Content-Type application/x-protobuf or application/json, got ${type === "" ? "none" : JSON.stringify(type)}`,
    { contentType: type },
  );
}

function isGzip(headers: OtlpHeaders): boolean {
  const encoding = (headerValue(headers, "content-encoding") ?? "").trim().toLowerCase();
  if (encoding === "gzip" || encoding === "x-gzip") return true;
  if (encoding === "" || encoding === "identity") return false;
  throw otlpMediaTypeUnsupported(
    "OTLP_CONTENT_ENCODING_UNSUPPORTED",
    `OTLP/HTTP accepts Content-Encoding gzip or none, got ${JSON.stringify(encoding)}`,
    { contentEncoding: encoding },
  );
}

function tooLarge(what: string, limit: number, size?: number): never {
  throw otlpBodyTooLarge(
    `The OTLP ${what} is larger than the limit of ${limit} bytes (${(limit / mebibyte).toFixed(1)} MiB)`,
    { limit, ...(size === undefined ? {} : { size }), httpStatus: 413 },
  );
}

/**
 * Collects a body up to `limit` bytes. Past the limit it keeps reading without keeping (up to four
 * times the limit) so the connection stays usable for the 413 answer, then gives up.
 */
async function collect(body: OtlpBody, limit: number): Promise<Uint8Array> {
  if (body === null || body === undefined) return new Uint8Array(0);
  if (body instanceof ArrayBuffer) body = new Uint8Array(body);
  if (body instanceof Uint8Array) {
    if (body.byteLength > limit) tooLarge("body", limit, body.byteLength);
    return body;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size <= limit) chunks.push(chunk);
    else if (size > limit * 4) break;
  }
  if (size > limit) tooLarge("body", limit, size);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

async function decompress(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  try {
    return await gunzipAsync(bytes, { maxOutputLength: limit });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ERR_BUFFER_TOO_LARGE") tooLarge("body after gunzip", limit);
    throw otlpBodyInvalid(
      `The gzip-compressed OTLP body could not be decompressed: ${(error as Error).message}`,
      {
        format: "gzip",
        ...(typeof code === "string" ? { zlibCode: code } : {}),
      },
    );
  }
}

/** Reads, size-checks, gunzips and decodes an OTLP/HTTP trace export body. */
export async function readOtlpBody(
  body: OtlpBody,
  headers: OtlpHeaders,
  limits: Partial<OtlpBodyLimits> = {},
): Promise<ReadOtlpBodyResult> {
  const { maxBodyBytes, maxDecompressedBytes } = { ...defaultOtlpBodyLimits, ...limits };
  const kind = otlpBodyKind(headers);
  const gzip = isGzip(headers);
  // A declared length over the limit is refused before a byte is read.
  const declared = Number(headerValue(headers, "content-length"));
  if (Number.isFinite(declared) && declared > maxBodyBytes) tooLarge("body", maxBodyBytes, declared);
  const wire = await collect(body, maxBodyBytes);
  const bytes = gzip ? await decompress(wire, maxDecompressedBytes) : wire;
  const decoded = kind === "protobuf" ? decodeOtlpProtobuf(bytes) : decodeOtlpJson(bytes);
  return { kind, ...decoded };
}
