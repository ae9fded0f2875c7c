import { context, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { BasicTracerProvider, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { ensureAsyncContextManager } from "../async-context-manager.js";
import {
  extractJobContext,
  jobTraceField,
  runWithJobContext,
  unwrapJobPayload,
  wrapJobPayload,
} from "./job-propagation.js";

ensureAsyncContextManager();
const tracer = new BasicTracerProvider().getTracer("test");

describe("job payload propagation", () => {
  it("carries the producer's context through a JSON round trip and restores it for the handler", async () => {
    const producer = tracer.startSpan("enqueue");
    const payload = context.with(trace.setSpan(ROOT_CONTEXT, producer), () => wrapJobPayload({ orderId: 7 }));
    expect(payload[jobTraceField].traceparent).toContain(producer.spanContext().spanId);
    const stored = JSON.parse(JSON.stringify(payload)) as typeof payload;

    // Consumed later, from a context that knows nothing of the producer.
    await new Promise((resolve) => setTimeout(resolve, 1));
    const consumer = await runWithJobContext(stored, async (job) => {
      expect(job).toEqual({ orderId: 7 });
      await Promise.resolve();
      return tracer.startSpan("process job");
    });
    consumer.end();
    expect(consumer.spanContext().traceId).toBe(producer.spanContext().traceId);
    expect((consumer as unknown as ReadableSpan).parentSpanContext?.spanId).toBe(
      producer.spanContext().spanId,
    );
  });

  it("leaves payloads without a trace field alone", () => {
    expect(extractJobContext({ orderId: 1 })).toBe(ROOT_CONTEXT);
    expect(unwrapJobPayload({ orderId: 1 })).toEqual({ orderId: 1 });
    expect(runWithJobContext({ a: 1 }, (job) => job)).toEqual({ a: 1 });
  });
});
