import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { catchGantryError } from "../../../test/support/catch-gantry-error.js";
import { jsonBody, protobufBody, recordSpans } from "../../../test/support/otlp-spans.js";
import { decodeOtlpJson } from "./decode-otlp-json.js";
import { decodeOtlpProtobuf } from "./decode-otlp-protobuf.js";

const traceId = "0af7651916cd43dd8448eb211c80319c";
const encode = (document: unknown) => Buffer.from(JSON.stringify(document));
const requestOf = (spans: unknown[]) => encode({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
const span = (last: number, extra: Record<string, unknown> = {}) => ({
  traceId,
  spanId: `b7ad6b71692033${last.toString(16).padStart(2, "0")}`,
  name: `span ${last}`,
  startTimeUnixNano: "1795000000123456789",
  endTimeUnixNano: "1795000000223456789",
  ...extra,
});

describe("decodeOtlpJson against the official serializer", () => {
  it("decodes exactly what the protobuf decoder decodes from the same spans", () => {
    const spans = recordSpans((tracer) => {
      const root = tracer.startSpan("invoke_agent triage");
      const child = tracer.startSpan(
        "chat gpt-4o",
        {
          kind: SpanKind.CLIENT,
          attributes: {
            "gen_ai.usage.input_tokens": 12,
            ratio: 0.5,
            on: true,
            tags: ["a", "b"],
            counts: [1, 2],
          },
          links: [{ context: root.spanContext(), attributes: { why: "retry" } }],
        },
        trace.setSpan(context.active(), root),
      );
      child.addEvent("gen_ai.choice", { index: 0 });
      child.setStatus({ code: SpanStatusCode.ERROR, message: "boom" });
      child.end();
      root.end();
    });
    const fromJson = decodeOtlpJson(jsonBody(spans));
    const fromProtobuf = decodeOtlpProtobuf(protobufBody(spans));
    expect(fromJson.rejected).toEqual([]);
    expect(fromJson.spans).toHaveLength(2);
    expect(fromJson).toEqual(fromProtobuf);
  });
});

describe("decodeOtlpJson per-span validation", () => {
  it("rejects a span with intValue 'abc', naming the attribute, and keeps the good spans", () => {
    const bad = span(2, { attributes: [{ key: "gen_ai.usage.input_tokens", value: { intValue: "abc" } }] });
    const decoded = decodeOtlpJson(requestOf([span(1), bad, span(3)]));
    expect(decoded.spans.map((kept) => [kept.index, kept.name])).toEqual([
      [0, "span 1"],
      [2, "span 3"],
    ]);
    expect(decoded.rejected).toEqual([
      {
        index: 1,
        reason:
          'attributes[0].value.intValue: expected an int64 (a decimal string or an integer), got "abc" (attribute "gen_ai.usage.input_tokens")',
      },
    ]);
  });

  it.each([
    ["a boolean given as text", { boolValue: "yes" }, "boolValue: expected true or false"],
    ["a string given as a number", { stringValue: 3 }, "stringValue: expected a string"],
    ["a double given as text", { doubleValue: "fast" }, "doubleValue: expected a double"],
    ["an array without values", { arrayValue: { values: 3 } }, 'expected an object with a "values" array'],
    ["an AnyValue that is not an object", "plain", "expected an AnyValue object"],
    ["bytes that are not base64", { bytesValue: "not base64!" }, "bytesValue: expected base64"],
  ])("rejects %s", (_label, value, reason) => {
    const decoded = decodeOtlpJson(requestOf([span(1, { attributes: [{ key: "k", value }] })]));
    expect(decoded.spans).toEqual([]);
    expect(decoded.rejected[0]!.reason).toContain(reason);
  });

  it("rejects spans with bad ids, times, kinds or status codes with a reason each", () => {
    const decoded = decodeOtlpJson(
      requestOf([
        span(1, { traceId: "xyz" }),
        span(2, { spanId: undefined }),
        span(3, { startTimeUnixNano: "soon" }),
        span(4, { kind: "SPAN_KIND_SIDEWAYS" }),
        span(5, { status: { code: 9 } }),
        span(6, { endTimeUnixNano: "1" }),
      ]),
    );
    expect(decoded.spans).toEqual([]);
    expect(decoded.rejected.map((rejected) => rejected.reason)).toEqual([
      'traceId must be 16 bytes (32 hex characters), got "xyz"',
      "spanId is missing",
      "startTimeUnixNano: expected nanoseconds since the epoch as a decimal string or a whole number",
      expect.stringContaining("kind: expected a number (0 to 5) or one of SPAN_KIND_UNSPECIFIED"),
      "status.code 9 is not an OTLP StatusCode (0 unset, 1 ok, 2 error)",
      "endTimeUnixNano is before startTimeUnixNano",
    ]);
  });

  it("reads the proto3 JSON spellings: enum names, numbers for int64, uppercase hex, NaN, kvlists, bytes", () => {
    const decoded = decodeOtlpJson(
      requestOf([
        span(1, {
          traceId: traceId.toUpperCase(),
          kind: "SPAN_KIND_CLIENT",
          startTimeUnixNano: 1795000000123456800,
          status: { code: "STATUS_CODE_ERROR", message: "bad" },
          attributes: [
            { key: "big", value: { intValue: "9223372036854775807" } },
            { key: "small", value: { intValue: -5 } },
            { key: "nan", value: { doubleValue: "NaN" } },
            { key: "text-double", value: { doubleValue: "2.5" } },
            {
              key: "map",
              value: { kvlistValue: { values: [{ key: "inner", value: { boolValue: false } }] } },
            },
            { key: "list", value: { arrayValue: { values: [{ stringValue: "a" }, {}] } } },
            { key: "raw", value: { bytesValue: "AQID" } },
            { key: "unset", value: {} },
            { key: "__proto__", value: { stringValue: "kept as data" } },
          ],
          futureField: { ignored: true },
        }),
      ]),
    );
    expect(decoded.rejected).toEqual([]);
    const [kept] = decoded.spans;
    expect(kept!.traceId).toBe(traceId);
    expect(kept!.kind).toBe(3);
    expect(kept!.statusCode).toBe(2);
    expect(kept!.startTimeUnixNano).toBe(BigInt(1795000000123456800));
    expect(JSON.parse(JSON.stringify(kept!.attributes))).toEqual({
      big: "9223372036854775807",
      small: -5,
      nan: "NaN",
      "text-double": 2.5,
      map: { inner: false },
      list: ["a", null],
      raw: "AQID",
      unset: null,
      ["__proto__"]: "kept as data",
    });
    expect(Object.getPrototypeOf(kept!.attributes)).toBe(Object.prototype);
  });

  it("rejects every span of a resource whose attributes are malformed", () => {
    const body = encode({
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { intValue: "x" } }] },
          scopeSpans: [{ spans: [span(1), span(2)] }],
        },
        { scopeSpans: [{ spans: [span(3)] }] },
      ],
    });
    const decoded = decodeOtlpJson(body);
    expect(decoded.spans.map((kept) => kept.index)).toEqual([2]);
    expect(decoded.rejected.map((rejected) => rejected.index)).toEqual([0, 1]);
    expect(decoded.rejected[0]!.reason).toMatch(
      /^resource\.attributes\[0\]\.value\.intValue: expected an int64/,
    );
  });
});

describe("decodeOtlpJson envelope", () => {
  it.each([
    ["text that is not JSON", Buffer.from("{not json"), "Invalid OTLP/JSON"],
    ["an array", encode([]), "expected object"],
    ["resourceSpans of the wrong type", encode({ resourceSpans: "x" }), "resourceSpans"],
    ["spans that are not a list", encode({ resourceSpans: [{ scopeSpans: [{ spans: 5 }] }] }), "spans"],
  ])("refuses %s as OTLP_BODY_INVALID", (_label, body, text) => {
    const error = catchGantryError(() => decodeOtlpJson(body));
    expect(error.code).toBe("OTLP_BODY_INVALID");
    expect(error.message).toContain(text);
  });

  it("accepts an empty request", () => {
    expect(decodeOtlpJson(encode({}))).toEqual({ spans: [], rejected: [] });
  });
});
