import { gzipSync } from "node:zlib";
import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deserializeProtobufResponse,
  jsonBody,
  protobufBody,
  recordSpans,
} from "../../../test/support/otlp-spans.js";
import { temporaryWorkspace } from "../../../test/support/temporary-workspace.js";
import { GantryError } from "../../core/index.js";
import { openStore, type Store } from "../../store/index.js";
import { encodeOtlpError, encodeOtlpResponse } from "./encode-otlp-response.js";
import { ingestOtlp } from "./ingest-otlp.js";
import { bytesField, message, stringField } from "./protobuf-writer.js";
import { nanosToEpochMs } from "./to-span-records.js";

let store: Store;
beforeAll(async () => {
  store = await openStore({ root: temporaryWorkspace() });
});
afterAll(async () => {
  await store.close();
});

const protobuf = { "content-type": "application/x-protobuf" };
const json = { "content-type": "application/json" };

function agentTrace() {
  return recordSpans(
    (tracer) => {
      const root = tracer.startSpan("invoke_agent researcher", {
        attributes: { "openinference.span.kind": "AGENT", "agent.name": "researcher", "session.id": "s-1" },
      });
      const parent = trace.setSpan(context.active(), root);
      const chat = tracer.startSpan(
        "ai.generateText.doGenerate",
        {
          kind: SpanKind.CLIENT,
          attributes: {
            "ai.operationId": "ai.generateText.doGenerate",
            "ai.model.id": "gpt-4o-mini",
            "ai.model.provider": "openai.chat",
            "ai.usage.inputTokens": 300,
            "ai.usage.outputTokens": 25,
            "gantry.cost.micros": 61,
            "app.custom": "kept verbatim",
          },
          links: [{ context: root.spanContext() }],
        },
        parent,
      );
      chat.addEvent("retry", { attempt: 2 });
      chat.setStatus({ code: SpanStatusCode.ERROR, message: "upstream 429" });
      chat.end();
      root.end();
    },
    {
      resource: { "service.name": "research-app", "host.name": "box-1" },
      scopeName: "ai",
      scopeVersion: "6.0.0",
    },
  );
}

describe("ingestOtlp into SQLite", () => {
  it("stores protobuf spans with mapped columns, every original attribute, resource, scope, events and links", async () => {
    const spans = agentTrace();
    const result = await ingestOtlp(store, protobufBody(spans), protobuf);
    expect(result).toEqual({ kind: "protobuf", accepted: 2, rejected: [] });
    const stored = await store.spans.getTrace(spans[0]!.spanContext().traceId);
    expect(stored).toHaveLength(2);
    const root = stored.find((span) => span.parentSpanId === null)!;
    const chat = stored.find((span) => span.parentSpanId !== null)!;
    expect(root).toMatchObject({ name: "invoke_agent researcher", kind: "internal", agent: "researcher" });
    expect(root.sessionId).toBe("s-1");
    expect(chat).toMatchObject({
      kind: "client",
      statusCode: "error",
      statusMessage: "upstream 429",
      model: "gpt-4o-mini",
      costMicros: 61,
      projectId: "default",
      parentSpanId: root.spanId,
    });
    const original = spans.find((span) => span.name === "ai.generateText.doGenerate")!;
    expect(chat.startTimeMs).toBeCloseTo(original.startTime[0] * 1000 + original.startTime[1] / 1e6, 3);
    expect(chat.attributes).toMatchObject({
      ...original.attributes,
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.usage.input_tokens": 300,
      "gen_ai.usage.output_tokens": 25,
      "gantry.mapped_from": {
        operation: "vercel_ai",
        provider: "vercel_ai",
        requestModel: "vercel_ai",
        inputTokens: "vercel_ai",
        outputTokens: "vercel_ai",
        costMicros: "gantry",
      },
      "service.name": "research-app",
      "otel.resource.service.name": "research-app",
      "otel.resource.host.name": "box-1",
      "otel.scope.name": "ai",
      "otel.scope.version": "6.0.0",
      "otel.links": [{ traceId: root.traceId, spanId: root.spanId, attributes: {} }],
    });
    expect(chat.events).toEqual([{ name: "retry", timeMs: expect.any(Number), attributes: { attempt: 2 } }]);
  });

  it("keeps the good spans of a mixed JSON batch and answers with a partial success", async () => {
    const document = JSON.parse(Buffer.from(jsonBody(agentTrace())).toString());
    const scopeSpans = document.resourceSpans[0].scopeSpans[0];
    const bad = structuredClone(scopeSpans.spans[0]);
    bad.spanId = "00000000000000ff";
    bad.attributes = [{ key: "gen_ai.usage.input_tokens", value: { intValue: "abc" } }];
    scopeSpans.spans.splice(1, 0, bad);
    const result = await ingestOtlp(store, Buffer.from(JSON.stringify(document)), json);
    expect(result.accepted).toBe(2);
    expect(result.rejected).toEqual([{ index: 1, reason: expect.stringContaining('got "abc"') }]);
    expect(result.partialSuccess).toEqual({
      rejectedSpans: 1,
      errorMessage: expect.stringMatching(/^1 of 3 spans rejected: span 1: attributes\[0\]\.value\.intValue/),
    });
    const stored = await store.spans.getTrace(bad.traceId);
    expect(stored.map((span) => span.spanId)).not.toContain("00000000000000ff");
    expect(stored).toHaveLength(2);
    const answer = encodeOtlpResponse(result);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body as string)).toEqual({
      partialSuccess: { rejectedSpans: "1", errorMessage: result.partialSuccess!.errorMessage },
    });
  });

  it("answers protobuf senders in protobuf, readable by the official deserializer", async () => {
    const badSpan = message(bytesField(1, Buffer.alloc(3, 1)), stringField(5, "bad ids"));
    const badResourceSpans = bytesField(1, bytesField(2, bytesField(2, badSpan)));
    const body = Buffer.concat([protobufBody(agentTrace()), badResourceSpans]);
    const result = await ingestOtlp(store, body, protobuf, { projectId: "team-a" });
    expect(result.accepted).toBe(2);
    const answer = encodeOtlpResponse(result);
    expect(answer.contentType).toBe("application/x-protobuf");
    const response = deserializeProtobufResponse(answer.body as Uint8Array);
    expect(Number(response.partialSuccess?.rejectedSpans)).toBe(1);
    expect(response.partialSuccess?.errorMessage).toContain("span 2: traceId must be 16 bytes");
    expect(encodeOtlpResponse({ kind: "protobuf" }).body).toEqual(new Uint8Array(0));
  });

  it("takes a web Request's body stream and Headers, as a Hono route hands them over", async () => {
    const spans = agentTrace();
    const request = new Request("http://127.0.0.1/v1/traces", {
      method: "POST",
      body: gzipSync(protobufBody(spans)),
      headers: { "content-type": "application/x-protobuf", "content-encoding": "gzip" },
    });
    const result = await ingestOtlp(store, request.body, request.headers);
    expect(result).toEqual({ kind: "protobuf", accepted: 2, rejected: [] });
    expect(await store.spans.getTrace(spans[0]!.spanContext().traceId)).toHaveLength(2);
  });

  it("uses the project it is given, and stores a re-sent batch once", async () => {
    const spans = agentTrace();
    await ingestOtlp(store, protobufBody(spans), protobuf, { projectId: "team-b" });
    const again = await ingestOtlp(store, protobufBody(spans), protobuf, { projectId: "team-b" });
    expect(again.accepted).toBe(2);
    const stored = await store.spans.getTrace(spans[0]!.spanContext().traceId);
    expect(stored.map((span) => span.projectId)).toEqual(["team-b", "team-b"]);
  });
});

describe("encodeOtlpError", () => {
  async function thrownBy(body: Uint8Array, headers: Record<string, string>): Promise<unknown> {
    try {
      await ingestOtlp(store, body, headers, { limits: { maxBodyBytes: 64 * 1024 } });
    } catch (error) {
      return error;
    }
    throw new Error("expected ingestOtlp to throw");
  }

  it("maps bad bodies to 400, 413 and 415, in the sender's format", async () => {
    const truncated = protobufBody(agentTrace()).subarray(0, 50);
    const invalid = encodeOtlpError(await thrownBy(truncated, protobuf), protobuf);
    expect(invalid.status).toBe(400);
    expect(invalid.contentType).toBe("application/x-protobuf");
    // google.rpc.Status: code 3 (INVALID_ARGUMENT), then the message.
    expect(Buffer.from(invalid.body as Uint8Array).subarray(0, 2)).toEqual(Buffer.from([0x08, 0x03]));
    expect(Buffer.from(invalid.body as Uint8Array).toString()).toContain("Invalid OTLP protobuf at byte");

    const tooLarge = encodeOtlpError(await thrownBy(new Uint8Array(100 * 1024), json), json);
    expect(tooLarge.status).toBe(413);
    const parsed = JSON.parse(tooLarge.body as string);
    expect(parsed).toMatchObject({ code: 8, error: { code: "OTLP_BODY_TOO_LARGE", domain: "TELEMETRY" } });

    const unsupported = encodeOtlpError(
      await thrownBy(new Uint8Array(1), { "content-type": "text/xml" }),
      {},
    );
    expect(unsupported).toMatchObject({ status: 415, contentType: "application/json" });
  });

  it("answers a store failure with a retryable 503 and no internals", () => {
    const failure = new GantryError({
      code: "STORE_UNAVAILABLE",
      message: "cannot open /secret/path/gantry.db",
      domain: "STORE",
      category: "THIRD_PARTY",
      cause: new Error("SQLITE_CANTOPEN"),
    });
    const answer = encodeOtlpError(failure, json);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body as string).error.cause).toBeUndefined();
    expect(encodeOtlpError(new Error("bug"), json).status).toBe(500);
  });
});

it("converts nanoseconds to epoch milliseconds without losing what a double can hold", () => {
  expect(nanosToEpochMs(1_795_000_000_123_456_789n)).toBe(1_795_000_000_123.4568);
  expect(nanosToEpochMs(1_000_000n)).toBe(1);
});
