import type { SpanRecord } from "../../src/store/index.js";

/** A realistic span (shape of an `chat {model}` span); override what a test cares about. */
export function makeSpan(overrides: Partial<SpanRecord> = {}): SpanRecord {
  return {
    traceId: "trace-1",
    spanId: "span-1",
    parentSpanId: null,
    name: "chat sim-large",
    kind: "client",
    startTimeMs: 1_795_000_000_000.125,
    endTimeMs: 1_795_000_000_420.5,
    statusCode: "ok",
    statusMessage: null,
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "sim-large",
      "gen_ai.usage.input_tokens": 1200,
      "gen_ai.usage.output_tokens": 85,
    },
    events: [{ name: "gen_ai.choice", timeMs: 1_795_000_000_400.25, attributes: { index: 0 } }],
    projectId: "default",
    agent: "triage",
    model: "sim-large",
    sessionId: "session-1",
    costMicros: 1234,
    promptId: null,
    promptHash: null,
    environment: null,
    ...overrides,
  };
}
