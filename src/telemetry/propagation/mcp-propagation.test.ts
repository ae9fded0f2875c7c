import { context, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { ensureAsyncContextManager } from "../async-context-manager.js";
import { extractMcpMeta, injectMcpMeta } from "./mcp-propagation.js";

ensureAsyncContextManager();
const tracer = new BasicTracerProvider().getTracer("test");

describe("MCP _meta propagation", () => {
  it("adds traceparent to params._meta without touching the params or other _meta keys", () => {
    const span = tracer.startSpan("tools/call lookup");
    const params = { name: "lookup", arguments: { id: 7 }, _meta: { progressToken: 3 } };
    const injected = context.with(trace.setSpan(ROOT_CONTEXT, span), () => injectMcpMeta(params));
    expect(injected).toEqual({
      name: "lookup",
      arguments: { id: 7 },
      _meta: {
        progressToken: 3,
        traceparent: `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`,
      },
    });
    expect(params._meta).toEqual({ progressToken: 3 });
    expect(trace.getSpanContext(extractMcpMeta(JSON.parse(JSON.stringify(injected))))?.spanId).toBe(
      span.spanContext().spanId,
    );
  });

  it("creates _meta when params are missing and tolerates requests without it", () => {
    expect(injectMcpMeta(undefined, { context: ROOT_CONTEXT })).toEqual({ _meta: {} });
    expect(extractMcpMeta({ name: "x" })).toBe(ROOT_CONTEXT);
    expect(extractMcpMeta(null)).toBe(ROOT_CONTEXT);
    expect(extractMcpMeta({ _meta: "not an object" })).toBe(ROOT_CONTEXT);
  });
});
