import { SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SpanRecord } from "../../../src/store/index.js";
import { gantryEvents, runTraceIntegrityChecks, toIntegritySpan } from "../../../src/telemetry/index.js";

// The trace integrity conformance suite. Any harness that runs "an orchestrator with three subagents,
// an MCP-style call over HTTP and a hop through a queued job" can be checked with it: today the
// reference harness built on the propagation helpers (trace-integrity.test.ts), later the runtime and
// orchestration issues with real agents. It asserts the guarantee, not how a harness achieves it.

export type RunSpan = SpanRecord | ReadableSpan;

export interface TraceIntegrityHarness {
  /**
   * Runs the scenario once. Must call `halfway()` exactly once, when some of the run's spans have ended
   * and others (subagents, the MCP call, the job) are still in flight. When `signal` aborts, the run may
   * resolve or reject; either is fine.
   */
  run(options: { signal: AbortSignal; halfway: () => void }): Promise<unknown>;
  /** Every span the harness exported so far (flushed first), from all its processes. */
  spans(): Promise<readonly RunSpan[]>;
  /** Spans started and not yet ended, over all the harness's tracers. */
  openSpans(): number;
  close(): Promise<void>;
}

export interface TraceIntegrityExpectations {
  /** Span names (as patterns) a complete run must contain, e.g. three `invoke_agent` subagents. */
  requiredSpans: Array<{ name: RegExp; count: number }>;
}

function groupByTrace(spans: readonly RunSpan[]): Map<string, RunSpan[]> {
  const traces = new Map<string, RunSpan[]>();
  for (const span of spans) {
    const { traceId } = toIntegritySpan(span);
    traces.set(traceId, [...(traces.get(traceId) ?? []), span]);
  }
  return traces;
}

function eventNames(span: RunSpan): string[] {
  if ("spanContext" in span) return span.events.map((event) => event.name);
  return span.events.map((event) =>
    typeof event === "object" && event !== null && !Array.isArray(event) ? String(event.name) : "",
  );
}

function isError(span: RunSpan): boolean {
  return "spanContext" in span ? span.status.code === SpanStatusCode.ERROR : span.statusCode === "error";
}

async function settled(harness: TraceIntegrityHarness): Promise<readonly RunSpan[]> {
  // Remote work (an MCP server, a queue worker) may still be finishing after the caller returns or is
  // aborted; poll until every span has ended, with a deadline, instead of sleeping.
  const deadline = Date.now() + 10_000;
  while (harness.openSpans() > 0) {
    if (Date.now() > deadline) throw new Error(`${harness.openSpans()} spans still open after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return harness.spans();
}

function expectOneWholeTrace(spans: readonly RunSpan[]): RunSpan[] {
  const traces = groupByTrace(spans);
  expect([...traces.keys()], "a run must produce exactly one trace").toHaveLength(1);
  const trace = [...traces.values()][0]!;
  expect(runTraceIntegrityChecks(trace)).toEqual([]);
  return trace;
}

/** Registers the trace integrity conformance tests for one harness. */
export function describeTraceIntegrity(
  name: string,
  createHarness: () => Promise<TraceIntegrityHarness>,
  expectations: TraceIntegrityExpectations,
): void {
  describe(`trace integrity: ${name}`, () => {
    let harness: TraceIntegrityHarness;
    beforeEach(async () => {
      harness = await createHarness();
    });
    afterEach(async () => {
      await harness.close();
    });

    it("a complete run is one trace with one root, every parent present and every span closed", async () => {
      let halfwayCalls = 0;
      await harness.run({ signal: new AbortController().signal, halfway: () => halfwayCalls++ });
      expect(halfwayCalls).toBe(1);
      const trace = expectOneWholeTrace(await settled(harness));
      expect(harness.openSpans()).toBe(0);
      const names = trace.map((span) => toIntegritySpan(span).name);
      for (const required of expectations.requiredSpans) {
        const found = names.filter((spanName) => required.name.test(spanName));
        expect(found, `spans matching ${required.name}`).toHaveLength(required.count);
      }
    });

    it("a run aborted half-way still leaves one whole trace, with the interrupted spans closed as aborted", async () => {
      const controller = new AbortController();
      await harness
        .run({ signal: controller.signal, halfway: () => controller.abort(new Error("aborted by the test")) })
        .catch(() => undefined);
      const trace = expectOneWholeTrace(await settled(harness));
      const aborted = trace.filter((span) => eventNames(span).includes(gantryEvents.aborted));
      expect(aborted.length, "spans carrying the aborted event").toBeGreaterThan(0);
      for (const span of aborted) expect(isError(span)).toBe(true);
      // The root was in flight when the run was aborted: it must be among them.
      expect(aborted.some((span) => toIntegritySpan(span).parentSpanId === null)).toBe(true);
    });

    it("concurrent runs never share a trace", async () => {
      const runs = [0, 1].map(() => harness.run({ signal: new AbortController().signal, halfway: () => {} }));
      await Promise.all(runs);
      const traces = groupByTrace(await settled(harness));
      expect(traces.size).toBe(2);
      for (const trace of traces.values()) expect(runTraceIntegrityChecks(trace)).toEqual([]);
    });
  });
}
