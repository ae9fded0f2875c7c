import { describe, expect, it } from "vitest";
import { ApiError } from "../../web/src/api/api-error.js";
import { parseSessionDetail, parseSessionList } from "../../web/src/api/sessions-api.js";
import { parseTraceDetail, parseTraceList, traceDetailPath } from "../../web/src/api/traces-api.js";

const summary = {
  traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
  rootSpanId: "00f067aa0ba902b7",
  rootName: "invoke_agent support-triage",
  agent: "support-triage",
  sessionId: "sess_refund_2041",
  models: ["claude-sonnet-4-5"],
  startTime: "2025-03-14T09:26:53.000Z",
  durationMs: 9_840,
  spanCount: 2,
  costMicros: null,
  inputTokens: 1_840,
  outputTokens: 212,
  cacheReadTokens: 0,
  status: "ok",
  error: null,
};

const span = {
  spanId: "00f067aa0ba902b7",
  parentSpanId: null,
  name: "invoke_agent support-triage",
  kind: "internal",
  startTimeMs: 1_741_944_413_000,
  endTimeMs: 1_741_944_422_840,
  durationMs: 9_840,
  statusCode: "ok",
  statusMessage: null,
  attributes: { "gen_ai.operation.name": "invoke_agent" },
  events: [{ name: "aborted", timeMs: 1_741_944_422_000, attributes: {} }],
  agent: "support-triage",
  model: null,
  sessionId: "sess_refund_2041",
  costMicros: null,
  depth: 0,
};

function failureOf(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected the parser to throw");
}

describe("trace API parsers", () => {
  it("accepts a list page and a trace detail in the documented shapes", () => {
    const page = parseTraceList({ traces: [summary], nextCursor: null });
    expect(page.traces[0]?.costMicros).toBeNull();
    const detail = parseTraceDetail({
      trace: summary,
      spans: [span],
      agents: [{ agent: "support-triage", spanCount: 1, costMicros: 12, inputTokens: 1, outputTokens: 2 }],
    });
    expect(detail.spans[0]?.events[0]?.name).toBe("aborted");
  });

  it("names the fields of a span that do not match", () => {
    const error = failureOf(() =>
      parseTraceDetail({ trace: summary, spans: [{ ...span, name: 7, startTimeMs: "soon" }], agents: [] }),
    );
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toContain("/api/v1/traces/:id");
    expect(error.message).toContain("spans.0.name should be string");
    expect(error.message).toContain("spans.0.startTimeMs should be number");
  });

  it("normalises status codes, open spans and events without a time", () => {
    const detail = parseTraceDetail({
      trace: { ...summary, durationMs: null },
      spans: [
        { ...span, statusCode: "error" },
        {
          ...span,
          spanId: "child",
          parentSpanId: span.spanId,
          startTimeMs: span.startTimeMs + 1_000,
          endTimeMs: null,
          durationMs: null,
          statusCode: "STATUS_CODE_OK",
          events: [{ name: "no time", timeMs: null }],
        },
      ],
      agents: [],
    });
    expect(detail.trace.durationMs).toBeNull();
    const [root, child] = detail.spans;
    expect(root).toMatchObject({ statusCode: "ERROR", open: false, durationMs: 9_840 });
    // The open span ends with the trace's latest known time, and says it is open.
    expect(child).toMatchObject({
      statusCode: "OK",
      open: true,
      endTimeMs: span.endTimeMs,
      durationMs: 8_840,
    });
    expect(child?.events[0]).toEqual({ name: "no time", timeMs: null, attributes: {} });
  });

  it("accepts sessions", () => {
    const session = {
      sessionId: "sess_refund_2041",
      traceCount: 2,
      firstStartTime: "2025-03-14T09:26:53.000Z",
      lastStartTime: "2025-03-14T09:29:53.000Z",
      costMicros: 4_200,
      inputTokens: 9,
      outputTokens: 3,
      agents: ["support-triage"],
    };
    expect(parseSessionList({ sessions: [session], nextCursor: "next" }).nextCursor).toBe("next");
    expect(parseSessionDetail({ session, traces: [summary] }).traces).toHaveLength(1);
  });

  it("escapes ids in API paths", () => {
    expect(traceDetailPath("a/b")).toBe("/api/v1/traces/a%2Fb");
  });
});
