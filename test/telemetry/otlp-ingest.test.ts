import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type SpanRecord, type Store } from "../../src/store/index.js";
import { encodeOtlpError, encodeOtlpResponse, ingestOtlp } from "../../src/telemetry/index.js";
import { repositoryRoot } from "../support/built-package.js";
import { jsonBody, protobufBody, recordSpans } from "../support/otlp-spans.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

// Acceptance for the OTLP receiver: the official exporters, in their own process, export to a loopback
// HTTP server whose handler is the receiver (ingestOtlp on a real SQLite store); bad bodies get a clear
// 4xx, the server keeps serving, and the good spans of a mixed batch are kept.

const run = promisify(execFile);
const fixture = join(repositoryRoot, "test", "fixtures", "otlp", "export-spans.ts");

let store: Store;
let server: Server;
let url: string;

beforeAll(async () => {
  store = await openStore({ root: temporaryWorkspace() });
  server = createServer(async (request, response) => {
    if (request.method !== "POST" || request.url !== "/v1/traces") {
      response.writeHead(404).end();
      return;
    }
    try {
      const answer = encodeOtlpResponse(await ingestOtlp(store, request, request.headers));
      response.writeHead(answer.status, { "content-type": answer.contentType }).end(answer.body);
    } catch (error) {
      const answer = encodeOtlpError(error, request.headers);
      response.writeHead(answer.status, { "content-type": answer.contentType }).end(answer.body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
});

interface ExportReport {
  traceId: string;
  spanCount: number;
  results: { code: number; spans: number; error: string | null }[];
}

async function exportInChildProcess(protocol: "http-json" | "proto", gzip: boolean): Promise<ExportReport> {
  const args = ["--import", "tsx", fixture, url, protocol, ...(gzip ? ["gzip"] : [])];
  const { stdout } = await run(process.execPath, args, { cwd: repositoryRoot, timeout: 60_000 });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as ExportReport;
}

function byName(spans: SpanRecord[], name: string): SpanRecord {
  const span = spans.find((candidate) => candidate.name === name);
  if (span === undefined)
    throw new Error(`no span named ${name} among ${spans.map((s) => s.name).join(", ")}`);
  return span;
}

describe("official OTLP exporters in a separate process", () => {
  it.each([
    ["http-json", false],
    ["proto", false],
    ["proto", true],
    ["http-json", true],
  ] as const)("%s exporter (gzip: %s) delivers every span with its attributes", async (protocol, gzip) => {
    const report = await exportInChildProcess(protocol, gzip);
    expect(report.results.length).toBeGreaterThan(0);
    expect(report.results.every((result) => result.code === 0 && result.error === null)).toBe(true);

    const spans = await store.spans.getTrace(report.traceId);
    expect(spans).toHaveLength(report.spanCount);
    const root = byName(spans, "invoke_agent planner");
    expect(root).toMatchObject({ parentSpanId: null, agent: "planner", sessionId: `session-${protocol}` });
    expect(root.attributes["service.name"]).toBe(`otlp-fixture-${protocol}`);

    const chat = byName(spans, "chat claude-sonnet-4-5");
    expect(chat).toMatchObject({ kind: "client", model: "claude-sonnet-4-5", costMicros: 5230 });
    expect(chat.parentSpanId).toBe(root.spanId);
    expect(chat.attributes).toMatchObject({
      "openinference.span.kind": "LLM",
      "llm.token_count.prompt": 1500,
      "app.request.tags": ["refund", "priority"],
      "gen_ai.request.model": "claude-sonnet-4-5",
      "gen_ai.provider.name": "anthropic",
      "gen_ai.usage.input_tokens": 1500,
      "gen_ai.usage.output_tokens": 120,
      "gen_ai.usage.cache_read.input_tokens": 1024,
      "otel.scope.name": "otlp-fixture",
      "otel.resource.deployment.environment": "test",
    });
    expect(chat.events).toEqual([
      {
        name: "gen_ai.choice",
        timeMs: expect.any(Number),
        attributes: { index: 0, "finish.reason": "stop" },
      },
    ]);

    const tool = byName(spans, "ai.toolCall");
    expect(tool).toMatchObject({ statusCode: "error", statusMessage: "order not found" });
    expect(tool.attributes).toMatchObject({
      "ai.telemetry.metadata.orderId": 981,
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": "lookup_order",
      "gen_ai.tool.call.id": "call_1",
    });
  });
});

describe("bad input over HTTP", () => {
  const post = (body: Uint8Array, headers: Record<string, string>) =>
    fetch(url, { method: "POST", body, headers });

  it("answers a truncated protobuf body with 400 and the byte offset", async () => {
    const body = protobufBody(recordSpans((tracer) => tracer.startSpan("cut").end()));
    const response = await post(body.subarray(0, body.length - 7), {
      "content-type": "application/x-protobuf",
    });
    expect(response.status).toBe(400);
    expect(Buffer.from(await response.arrayBuffer()).toString()).toMatch(/Invalid OTLP protobuf at byte \d+/);
  });

  it("keeps the good spans of a batch with a wrongly typed attribute and reports the bad one", async () => {
    const spans = recordSpans((tracer) => {
      for (const name of ["good 1", "bad", "good 2"]) tracer.startSpan(name, { attributes: { n: 1 } }).end();
    });
    const document = JSON.parse(Buffer.from(jsonBody(spans)).toString());
    const bad = document.resourceSpans[0].scopeSpans[0].spans[1];
    bad.attributes = [{ key: "n", value: { intValue: "abc" } }];
    const response = await post(Buffer.from(JSON.stringify(document)), {
      "content-type": "application/json",
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      partialSuccess: { rejectedSpans: string; errorMessage: string };
    };
    expect(answer.partialSuccess.rejectedSpans).toBe("1");
    expect(answer.partialSuccess.errorMessage).toContain("span 1: attributes[0].value.intValue");
    // Each span is its own trace here; the bad one must be absent, the good ones present.
    const stored = await Promise.all(spans.map((span) => store.spans.getTrace(span.spanContext().traceId)));
    expect(stored.map((found) => found.map((span) => span.name))).toEqual([["good 1"], [], ["good 2"]]);
  });

  it("answers a 10 MB body with 413, plain and gzip-expanded, and keeps serving", async () => {
    const tenMegabytes = Buffer.alloc(10 * 1000 * 1000, 0x20);
    const plain = await post(tenMegabytes, { "content-type": "application/json" });
    expect(plain.status).toBe(413);
    expect(((await plain.json()) as { error: { code: string } }).error.code).toBe("OTLP_BODY_TOO_LARGE");
    const bomb = await post(gzipSync(Buffer.alloc(30 * 1000 * 1000, 0x20)), {
      "content-type": "application/json",
      "content-encoding": "gzip",
    });
    expect(bomb.status).toBe(413);
    expect(((await bomb.json()) as { message: string }).message).toContain("after gunzip");

    const after = recordSpans((tracer) => tracer.startSpan("after the bad bodies").end());
    const ok = await post(protobufBody(after), { "content-type": "application/x-protobuf" });
    expect(ok.status).toBe(200);
    expect(await store.spans.getTrace(after[0]!.spanContext().traceId)).toHaveLength(1);
  });

  it("answers an unknown content type with 415", async () => {
    const response = await post(Buffer.from("<spans/>"), { "content-type": "application/xml" });
    expect(response.status).toBe(415);
  });
});
