import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { SpanRecord } from "../store/index.js";

// Trace integrity, as a check anyone can run on the spans of one run: exactly one root, every parent
// present, every span closed, nothing in another trace. Multi-agent frameworks commonly break each of
// these (orphaned subagent roots, spans left open on abort); the runtime and orchestration tests run
// these checks on real agents, and test/telemetry/suites/ holds the scenario suite built on them.

export type TraceIntegrityViolationKind =
  | "no-spans"
  | "no-root"
  | "multiple-roots"
  | "missing-parent"
  | "unclosed"
  | "foreign-trace"
  | "duplicate-span";

export interface TraceIntegrityViolation {
  kind: TraceIntegrityViolationKind;
  message: string;
  spanId?: string;
  spanName?: string;
}

/** The fields the checks read, from either a stored row or an SDK span. */
export interface IntegritySpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  ended: boolean;
}

export interface TraceIntegrityOptions {
  /** The run's trace; defaults to the trace of the (first) root span. */
  traceId?: string;
}

function isReadableSpan(span: SpanRecord | ReadableSpan | IntegritySpan): span is ReadableSpan {
  return typeof (span as ReadableSpan).spanContext === "function";
}

/** Normalises stored rows and SDK spans to the fields the checks use. */
export function toIntegritySpan(span: SpanRecord | ReadableSpan | IntegritySpan): IntegritySpan {
  if (isReadableSpan(span)) {
    const { traceId, spanId } = span.spanContext();
    return {
      traceId,
      spanId,
      parentSpanId: span.parentSpanContext?.spanId ?? null,
      name: span.name,
      ended: span.ended,
    };
  }
  if ("ended" in span) return span;
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    ended: span.endTimeMs !== null,
  };
}

/** Every integrity violation among the spans of one run; an empty list means the trace is whole. */
export function runTraceIntegrityChecks(
  input: ReadonlyArray<SpanRecord | ReadableSpan | IntegritySpan>,
  options: TraceIntegrityOptions = {},
): TraceIntegrityViolation[] {
  const spans = input.map(toIntegritySpan);
  if (spans.length === 0) return [{ kind: "no-spans", message: "the run produced no spans" }];
  const violations: TraceIntegrityViolation[] = [];
  const label = (span: IntegritySpan) => `'${span.name}' (${span.spanId})`;

  const byId = new Map<string, IntegritySpan>();
  for (const span of spans) {
    if (byId.has(span.spanId)) {
      violations.push({
        kind: "duplicate-span",
        message: `span id ${span.spanId} appears more than once`,
        spanId: span.spanId,
        spanName: span.name,
      });
    }
    byId.set(span.spanId, span);
  }

  const roots = spans.filter((span) => span.parentSpanId === null);
  if (roots.length === 0)
    violations.push({ kind: "no-root", message: "no span without a parent: the root is missing" });
  if (roots.length > 1) {
    violations.push({
      kind: "multiple-roots",
      message: `${roots.length} root spans, expected exactly one: ${roots.map(label).join(", ")}`,
    });
  }

  const traceId = options.traceId ?? roots[0]?.traceId ?? spans[0]!.traceId;
  for (const span of spans) {
    const where = { spanId: span.spanId, spanName: span.name };
    if (span.traceId !== traceId) {
      violations.push({
        kind: "foreign-trace",
        message: `${label(span)} is in trace ${span.traceId}, not the run's trace ${traceId}`,
        ...where,
      });
    }
    if (span.parentSpanId !== null && !byId.has(span.parentSpanId)) {
      violations.push({
        kind: "missing-parent",
        message: `${label(span)} has parent ${span.parentSpanId}, which is not in the trace`,
        ...where,
      });
    }
    if (!span.ended) violations.push({ kind: "unclosed", message: `${label(span)} never ended`, ...where });
  }
  return violations;
}
