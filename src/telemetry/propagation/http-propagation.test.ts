import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { context, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureAsyncContextManager } from "../async-context-manager.js";
import {
  createTracedFetch,
  extractHttpContext,
  injectHttpHeaders,
  runWithHttpContext,
  tracedFetch,
} from "./http-propagation.js";

ensureAsyncContextManager();
const tracer = new BasicTracerProvider().getTracer("test");

describe("HTTP propagation", () => {
  let received: IncomingHttpHeaders[] = [];
  let url = "";
  const server = createServer((request, response) => {
    received.push(request.headers);
    response.end("ok");
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("injects into Headers and plain records, and extracts from Node's incoming headers", () => {
    const span = tracer.startSpan("client");
    const active = trace.setSpan(ROOT_CONTEXT, span);
    const headers = context.with(active, () =>
      injectHttpHeaders(new Headers({ accept: "application/json" })),
    );
    const record = context.with(active, () => injectHttpHeaders<Record<string, string>>({}));
    expect(headers.get("traceparent")).toBe(record.traceparent);
    expect(headers.get("accept")).toBe("application/json");
    const extracted = trace.getSpanContext(extractHttpContext({ traceparent: record.traceparent }));
    expect(extracted?.spanId).toBe(span.spanContext().spanId);
    const fromHeaders = trace.getSpanContext(extractHttpContext(headers));
    expect(fromHeaders?.traceId).toBe(span.spanContext().traceId);
  });

  it("tracedFetch sends the active span as traceparent over real HTTP, keeping the caller's headers", async () => {
    received = [];
    const span = tracer.startSpan("gateway out");
    await context.with(trace.setSpan(ROOT_CONTEXT, span), () =>
      tracedFetch(url, { headers: { "x-request-id": "r1" } }).then((response) => response.text()),
    );
    expect(received[0]?.traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    expect(received[0]?.["x-request-id"]).toBe("r1");

    // Without an active span nothing is added; a custom base fetch is used when given.
    received = [];
    await tracedFetch(url).then((response) => response.text());
    expect(received[0]?.traceparent).toBeUndefined();
    const calls: string[] = [];
    const custom = createTracedFetch(async (input, init) => {
      calls.push(new Headers(init?.headers).get("traceparent") ?? "none");
      return fetch(input, init);
    });
    await context.with(trace.setSpan(ROOT_CONTEXT, span), () =>
      custom(url).then((response) => response.text()),
    );
    expect(calls).toEqual([received[1]?.traceparent]);
  });

  it("runWithHttpContext makes the incoming trace the parent of spans started inside", () => {
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const child = runWithHttpContext({ traceparent }, () => tracer.startSpan("server"));
    child.end();
    expect(child.spanContext().traceId).toBe("0af7651916cd43dd8448eb211c80319c");
    expect((child as unknown as { parentSpanContext: { spanId: string } }).parentSpanContext.spanId).toBe(
      "b7ad6b7169203331",
    );
  });
});
