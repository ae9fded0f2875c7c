import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { jsonBody, protobufBody, recordSpans } from "../../../test/support/otlp-spans.js";
import { GantryError } from "../../core/index.js";
import { readOtlpBody } from "./read-otlp-body.js";

const spans = recordSpans((tracer) => {
  tracer.startSpan("first").end();
  tracer.startSpan("second").end();
});
const protobuf = { "content-type": "application/x-protobuf" };
const json = { "content-type": "application/json; charset=utf-8" };

async function readError(work: Promise<unknown>): Promise<GantryError> {
  try {
    await work;
  } catch (error) {
    if (GantryError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a GantryError");
}

describe("readOtlpBody", () => {
  it("reads protobuf and JSON, plain and gzip, from bytes, web Headers and streams", async () => {
    const cases = [
      readOtlpBody(protobufBody(spans), protobuf),
      readOtlpBody(jsonBody(spans), new Headers(json)),
      readOtlpBody(gzipSync(protobufBody(spans)), { ...protobuf, "Content-Encoding": "gzip" }),
      readOtlpBody(Readable.from([gzipSync(jsonBody(spans))]), { ...json, "content-encoding": "gzip" }),
      readOtlpBody(new Blob([protobufBody(spans)]).stream(), protobuf),
    ];
    const results = await Promise.all(cases);
    expect(results.map((result) => result.kind)).toEqual([
      "protobuf",
      "json",
      "protobuf",
      "json",
      "protobuf",
    ]);
    for (const result of results) expect(result.spans.map((span) => span.name)).toEqual(["first", "second"]);
  });

  it("refuses a content type OTLP/HTTP does not define, and a missing one", async () => {
    const wrong = await readError(readOtlpBody(jsonBody(spans), { "content-type": "text/plain" }));
    expect(wrong.code).toBe("OTLP_CONTENT_TYPE_UNSUPPORTED");
    expect(wrong.message).toContain('got "text/plain"');
    const missing = await readError(readOtlpBody(jsonBody(spans), {}));
    expect(missing.message).toContain("got none");
  });

  it("refuses a content encoding other than gzip", async () => {
    const error = await readError(
      readOtlpBody(protobufBody(spans), { ...protobuf, "content-encoding": "br" }),
    );
    expect(error.code).toBe("OTLP_CONTENT_ENCODING_UNSUPPORTED");
  });

  it("refuses a body over the wire limit, from bytes, from a stream and from Content-Length alone", async () => {
    const limits = { maxBodyBytes: 1024 };
    const big = new Uint8Array(4096);
    const fromBytes = await readError(readOtlpBody(big, protobuf, limits));
    expect(fromBytes.code).toBe("OTLP_BODY_TOO_LARGE");
    expect(fromBytes.details).toMatchObject({ limit: 1024, size: 4096, httpStatus: 413 });
    const chunks = Array.from({ length: 8 }, () => new Uint8Array(512));
    const fromStream = await readError(readOtlpBody(Readable.from(chunks), protobuf, limits));
    expect(fromStream.code).toBe("OTLP_BODY_TOO_LARGE");
    const declared = await readError(
      readOtlpBody(Readable.from([]), { ...protobuf, "content-length": String(10 * 1024 * 1024) }),
    );
    expect(declared.code).toBe("OTLP_BODY_TOO_LARGE");
    expect(declared.message).toContain("5242880 bytes (5.0 MiB)");
  });

  it("drains a stream past the limit rather than abandoning it mid-body", async () => {
    const stream = Readable.from(Array.from({ length: 8 }, () => Buffer.alloc(512)));
    await readError(readOtlpBody(stream, protobuf, { maxBodyBytes: 1024 }));
    expect(stream.readableEnded).toBe(true);
  });

  it("stops a gzip bomb at the decompressed limit", async () => {
    const bomb = gzipSync(Buffer.alloc(30 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const error = await readError(readOtlpBody(bomb, { ...protobuf, "content-encoding": "gzip" }));
    expect(error.code).toBe("OTLP_BODY_TOO_LARGE");
    expect(error.message).toContain("after gunzip");
  });

  it("refuses corrupt gzip as OTLP_BODY_INVALID", async () => {
    const truncated = gzipSync(protobufBody(spans)).subarray(0, 20);
    const error = await readError(readOtlpBody(truncated, { ...protobuf, "content-encoding": "gzip" }));
    expect(error.code).toBe("OTLP_BODY_INVALID");
    expect(error.message).toContain("could not be decompressed");
  });
});
