import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { catchGantryError } from "../../../test/support/catch-gantry-error.js";
import { hrTimeToNanos, protobufBody, recordSpans } from "../../../test/support/otlp-spans.js";
import { decodeOtlpProtobuf } from "./decode-otlp-protobuf.js";
import { bytesField, message, stringField, varintField } from "./protobuf-writer.js";

function sampleSpans() {
  return recordSpans(
    (tracer) => {
      const root = tracer.startSpan("invoke_agent triage", { kind: SpanKind.INTERNAL });
      const child = tracer.startSpan(
        "chat gpt-4o",
        {
          kind: SpanKind.CLIENT,
          attributes: {
            "gen_ai.request.model": "gpt-4o",
            "gen_ai.usage.input_tokens": 1200,
            "gen_ai.request.temperature": 0.25,
            "gen_ai.request.stream": true,
            "gen_ai.response.finish_reasons": ["stop", "length"],
            "numbers.list": [1, 2, 3],
            "flags.list": [true, false],
            "unicode.text": "grüße — 你好",
          },
          links: [{ context: root.spanContext(), attributes: { "link.reason": "follows" } }],
        },
        trace.setSpan(context.active(), root),
      );
      child.addEvent("gen_ai.choice", { index: 0, "finish.reason": "stop" });
      child.setStatus({ code: SpanStatusCode.ERROR, message: "rate limited" });
      child.end();
      root.setStatus({ code: SpanStatusCode.OK });
      root.end();
    },
    { resource: { "service.name": "checkout", "deployment.environment": "test" }, scopeName: "agent-sdk" },
  );
}

describe("decodeOtlpProtobuf against the official serializer", () => {
  it("decodes every span field the SDK sends, with exact nanosecond times", () => {
    const spans = sampleSpans();
    const decoded = decodeOtlpProtobuf(protobufBody(spans));
    expect(decoded.rejected).toEqual([]);
    expect(decoded.spans).toHaveLength(2);
    for (const original of spans) {
      const span = decoded.spans.find((candidate) => candidate.spanId === original.spanContext().spanId);
      expect(span).toBeDefined();
      expect(span!.traceId).toBe(original.spanContext().traceId);
      expect(span!.parentSpanId).toBe(original.parentSpanContext?.spanId ?? "");
      expect(span!.name).toBe(original.name);
      expect(span!.kind).toBe(original.kind + 1);
      expect(span!.startTimeUnixNano).toBe(hrTimeToNanos(original.startTime));
      expect(span!.endTimeUnixNano).toBe(hrTimeToNanos(original.endTime));
      expect(span!.statusCode).toBe(original.status.code);
      expect(span!.statusMessage).toBe(original.status.message ?? "");
      expect(span!.attributes).toEqual(original.attributes);
      expect(span!.resource.attributes).toEqual({
        "service.name": "checkout",
        "deployment.environment": "test",
      });
      expect(span!.scope).toMatchObject({ name: "agent-sdk", version: "1.0.0" });
    }
    const chat = decoded.spans.find((span) => span.name === "chat gpt-4o")!;
    expect(chat.events).toEqual([
      {
        timeUnixNano: hrTimeToNanos(spans[0]!.events[0]!.time),
        name: "gen_ai.choice",
        attributes: { index: 0, "finish.reason": "stop" },
        droppedAttributesCount: 0,
      },
    ]);
    expect(chat.links).toEqual([
      expect.objectContaining({
        traceId: chat.traceId,
        spanId: chat.parentSpanId,
        attributes: { "link.reason": "follows" },
      }),
    ]);
  });

  it("numbers spans across resources and scopes in request order", () => {
    const first = recordSpans((tracer) => tracer.startSpan("a").end(), {
      resource: { "service.name": "one" },
    });
    const second = recordSpans(
      (tracer) => {
        tracer.startSpan("b").end();
        tracer.startSpan("c").end();
      },
      { resource: { "service.name": "two" } },
    );
    const decoded = decodeOtlpProtobuf(protobufBody([...first, ...second]));
    expect(
      decoded.spans.map((span) => [span.index, span.name, span.resource.attributes["service.name"]]),
    ).toEqual([
      [0, "a", "one"],
      [1, "b", "two"],
      [2, "c", "two"],
    ]);
  });

  it("accepts an empty request", () => {
    expect(decodeOtlpProtobuf(new Uint8Array(0))).toEqual({ spans: [], rejected: [] });
  });
});

describe("decodeOtlpProtobuf on broken input", () => {
  it("refuses a body truncated at any byte, naming the offset and what was expected", () => {
    const body = protobufBody(sampleSpans());
    for (let cut = 1; cut < body.length; cut++) {
      const error = catchGantryError(() => decodeOtlpProtobuf(body.subarray(0, cut)));
      expect(error.code).toBe("OTLP_BODY_INVALID");
      expect(error.category).toBe("USER");
      expect(error.details.offset).toEqual(expect.any(Number));
      expect(error.details.offset as number).toBeLessThanOrEqual(cut);
      expect(error.message).toMatch(/^Invalid OTLP protobuf at byte \d+ in .+: expected /);
    }
  });

  it("says how many bytes a cut-off field needed", () => {
    const body = protobufBody(sampleSpans());
    const error = catchGantryError(() => decodeOtlpProtobuf(body.subarray(0, 40)));
    expect(error.message).toMatch(/but only \d+ remain .*truncated/);
    expect(error.details).toMatchObject({ format: "protobuf", offset: 1, field: "resource_spans" });
  });

  it("refuses a wire type that does not exist", () => {
    const error = catchGantryError(() => decodeOtlpProtobuf(Uint8Array.from([0x0f, 0x00])));
    expect(error.code).toBe("OTLP_BODY_INVALID");
    expect(error.message).toContain("wire type");
  });
});

// Hand-built messages for what the SDK never sends: kvlists, bytes, wrong wire types, bad ids.
const traceId = Buffer.from("0af7651916cd43dd8448eb211c80319c", "hex");
const spanIdOf = (last: number) => Buffer.from(`b7ad6b71692033${last.toString(16).padStart(2, "0")}`, "hex");
const fixed64 = (field: number, value: bigint) => {
  const bytes = Buffer.alloc(9);
  bytes[0] = field * 8 + 1;
  bytes.writeBigUInt64LE(value, 1);
  return bytes;
};
const int64Value = (value: bigint) => {
  const bytes = [0x18];
  let rest = BigInt.asUintN(64, value);
  while (rest >= 0x80n) {
    bytes.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  bytes.push(Number(rest));
  return Uint8Array.from(bytes);
};
const keyValue = (key: string, anyValue: Uint8Array) => message(stringField(1, key), bytesField(2, anyValue));
const spanMessage = (last: number, ...fields: Uint8Array[]) =>
  message(
    bytesField(1, traceId),
    bytesField(2, spanIdOf(last)),
    stringField(5, `span ${last}`),
    fixed64(7, 1_795_000_000_123_456_789n),
    fixed64(8, 1_795_000_000_223_456_789n),
    ...fields,
  );
const request = (...spans: Uint8Array[]) =>
  message(bytesField(1, message(bytesField(2, message(...spans.map((span) => bytesField(2, span)))))));

describe("decodeOtlpProtobuf on values the SDK cannot produce", () => {
  it("decodes kvlists, bytes, int64 beyond 2^53 and negative int64, and skips unknown fields", () => {
    const kvlist = bytesField(6, message(bytesField(1, keyValue("inner", stringField(1, "x")))));
    const span = spanMessage(
      1,
      bytesField(9, keyValue("nested", kvlist)),
      bytesField(9, keyValue("raw", bytesField(7, Uint8Array.from([1, 2, 3])))),
      bytesField(9, keyValue("big", int64Value(2n ** 60n))),
      bytesField(9, keyValue("small", int64Value(-(2n ** 62n)))),
      bytesField(9, keyValue("minus", int64Value(-1n))),
      bytesField(9, keyValue("empty", new Uint8Array(0))),
      varintField(99, 7),
      stringField(100, "a field from a future version"),
    );
    const decoded = decodeOtlpProtobuf(request(span));
    expect(decoded.rejected).toEqual([]);
    expect(decoded.spans[0]!.attributes).toEqual({
      nested: { inner: "x" },
      raw: "AQID",
      big: "1152921504606846976",
      small: "-4611686018427387904",
      minus: -1,
      empty: null,
    });
    expect(decoded.spans[0]!.startTimeUnixNano).toBe(1_795_000_000_123_456_789n);
  });

  it("rejects only the span whose attribute has the wrong wire type, keeping the rest of the batch", () => {
    const wrongType = keyValue("gen_ai.usage.input_tokens", stringField(3, "1200"));
    const decoded = decodeOtlpProtobuf(
      request(spanMessage(1), spanMessage(2, bytesField(9, wrongType)), spanMessage(3)),
    );
    expect(decoded.spans.map((span) => span.name)).toEqual(["span 1", "span 3"]);
    expect(decoded.rejected).toEqual([
      {
        index: 1,
        reason:
          'attribute "gen_ai.usage.input_tokens": int_value has wire type length-delimited, expected varint',
      },
    ]);
  });

  it("rejects spans with ids of the wrong length and values nested too deeply", () => {
    let deep: Uint8Array = stringField(1, "bottom");
    for (let level = 0; level < 40; level++) deep = bytesField(5, bytesField(1, deep));
    const shortId = message(
      bytesField(1, traceId.subarray(0, 8)),
      bytesField(2, spanIdOf(9)),
      fixed64(7, 1n),
    );
    const decoded = decodeOtlpProtobuf(
      request(shortId, spanMessage(2, bytesField(9, keyValue("deep", deep)))),
    );
    expect(decoded.spans).toEqual([]);
    expect(decoded.rejected[0]!.reason).toContain("traceId must be 16 bytes");
    expect(decoded.rejected[1]!.reason).toContain("nests deeper than 32 levels");
  });
});

it("keeps the SDK's trace id format (lowercase hex) so stored ids match the sender's", () => {
  const spans = recordSpans((tracer) => tracer.startSpan("x").end());
  const decoded = decodeOtlpProtobuf(protobufBody(spans));
  expect(trace.isSpanContextValid({ ...spans[0]!.spanContext(), traceId: decoded.spans[0]!.traceId })).toBe(
    true,
  );
  expect(decoded.spans[0]!.traceId).toMatch(/^[0-9a-f]{32}$/);
});
