import { context, propagation, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { ensureAsyncContextManager } from "../async-context-manager.js";
import { extractTraceCarrier, injectTraceCarrier } from "./w3c-propagation.js";

ensureAsyncContextManager();
const tracer = new BasicTracerProvider().getTracer("test");

describe("W3C trace carrier", () => {
  it("round-trips traceparent and baggage through a plain JSON object", () => {
    const span = tracer.startSpan("caller");
    const withBaggage = propagation.setBaggage(
      trace.setSpan(ROOT_CONTEXT, span),
      propagation.createBaggage({ "gantry.session.id": { value: "session 1" } }),
    );
    const carrier = context.with(withBaggage, () => injectTraceCarrier());
    expect(carrier.traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    expect(carrier.baggage).toBe("gantry.session.id=session%201");

    const restored = extractTraceCarrier(JSON.parse(JSON.stringify(carrier)));
    const remote = trace.getSpanContext(restored);
    expect(remote).toMatchObject({
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      isRemote: true,
    });
    expect(propagation.getBaggage(restored)?.getEntry("gantry.session.id")?.value).toBe("session 1");
  });

  it("can leave baggage out, and injects nothing without an active span", () => {
    const span = tracer.startSpan("caller");
    const active = propagation.setBaggage(
      trace.setSpan(ROOT_CONTEXT, span),
      propagation.createBaggage({ secret: { value: "x" } }),
    );
    expect(Object.keys(injectTraceCarrier({ context: active, baggage: false }))).toEqual(["traceparent"]);
    expect(injectTraceCarrier({ context: ROOT_CONTEXT })).toEqual({});
  });

  it("reads header names case-insensitively and ignores garbage", () => {
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    expect(trace.getSpanContext(extractTraceCarrier({ Traceparent: traceparent }))?.spanId).toBe(
      "b7ad6b7169203331",
    );
    expect(trace.getSpanContext(extractTraceCarrier({ traceparent: "nonsense" }))).toBeUndefined();
    expect(extractTraceCarrier(undefined)).toBe(ROOT_CONTEXT);
    expect(extractTraceCarrier("traceparent")).toBe(ROOT_CONTEXT);
  });
});
