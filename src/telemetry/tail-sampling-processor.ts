import { type Context, SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { GantryError } from "../core/index.js";
import { gantryKeys } from "./gen-ai-conventions.js";

// Tail-based sampling keeps or drops whole traces, decided once the trace is complete: the interesting
// ones (an error, a fallback, low confidence, an expensive run) always, the rest at a fixed rate chosen
// from the trace id, so every process sampling the same trace at the same rate agrees. Spans wait here
// until their local root has ended and no span of the trace is open, plus a short grace for late
// children; a span arriving after the decision follows it, so a trace is never split. Memory is bounded:
// past the limits the oldest trace is let through (kept) and counted.

export interface TailSamplingOptions {
  /** Share of ordinary traces kept, 0..1. */
  rate: number;
  /** Keep every trace with a `gantry.signal.confidence` below this. */
  keepConfidenceBelow?: number;
  /** Keep every trace whose spans' `gantry.cost.micros` add up to more than this. */
  costOutlierMicros?: number;
  /** Wait after a trace looks complete, for late children. Default 1000 ms. */
  graceMs?: number;
  /** Traces buffered at most. Default 10,000. */
  maxTraces?: number;
  /** Spans buffered at most, over all traces. Default 100,000. */
  maxSpans?: number;
  /** Decisions remembered for late spans. Default 50,000 traces. */
  decisionMemory?: number;
}

export type SamplingReason = "error" | "fallback" | "low-confidence" | "cost-outlier" | "rate" | "overflow";

export interface TailSamplingStats {
  bufferedTraces: number;
  bufferedSpans: number;
  keptTraces: number;
  droppedTraces: number;
  droppedSpans: number;
  /** Kept traces by the first reason that applied. */
  keptBy: Record<SamplingReason, number>;
}

interface PendingTrace {
  spans: ReadableSpan[];
  open: number;
  rootEnded: boolean;
  reason: SamplingReason | undefined;
  costMicros: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** Deterministic per-trace coin: the low 52 bits of the (random) trace id against the rate. */
export function sampledByRate(traceId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  const bits = Number.parseInt(traceId.slice(-13), 16);
  return Number.isFinite(bits) && bits / 2 ** 52 < rate;
}

function checkOptions(options: TailSamplingOptions): void {
  const problems: string[] = [];
  if (!(options.rate >= 0 && options.rate <= 1))
    problems.push(`sampling.rate must be within 0..1, got ${options.rate}`);
  const threshold = options.keepConfidenceBelow;
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
    problems.push(`sampling.keepConfidenceBelow must be within 0..1, got ${threshold}`);
  }
  const outlier = options.costOutlierMicros;
  if (outlier !== undefined && !(Number.isSafeInteger(outlier) && outlier >= 0)) {
    problems.push(`sampling.costOutlierMicros must be a non-negative integer (micro-USD), got ${outlier}`);
  }
  if (problems.length === 0) return;
  throw new GantryError({
    code: "TELEMETRY_INVALID_CONFIG",
    message: problems.join("; "),
    domain: "TELEMETRY",
    category: "USER",
    details: { problems },
    hint: "Fix the telemetry sampling settings: rate and confidence are fractions, cost is integer micro-USD.",
  });
}

/** A span processor that buffers traces and forwards whole kept traces to `downstream`. */
export class TailSamplingProcessor implements SpanProcessor {
  private readonly pending = new Map<string, PendingTrace>();
  private readonly decisions = new Map<string, boolean>();
  private bufferedSpans = 0;
  private keptTraces = 0;
  private droppedTraces = 0;
  private droppedSpans = 0;
  private readonly keptBy: Record<SamplingReason, number> = {
    error: 0,
    fallback: 0,
    "low-confidence": 0,
    "cost-outlier": 0,
    rate: 0,
    overflow: 0,
  };

  constructor(
    private readonly downstream: readonly SpanProcessor[],
    private readonly options: TailSamplingOptions,
  ) {
    checkOptions(options);
  }

  onStart(span: Span, parentContext: Context): void {
    for (const processor of this.downstream) processor.onStart(span, parentContext);
    const traceId = span.spanContext().traceId;
    if (this.decisions.has(traceId)) return;
    const trace = this.pendingTrace(traceId);
    trace.open += 1;
    if (trace.timer) {
      clearTimeout(trace.timer);
      trace.timer = undefined;
    }
  }

  onEnd(span: ReadableSpan): void {
    const traceId = span.spanContext().traceId;
    const decision = this.decisions.get(traceId);
    if (decision !== undefined) {
      if (decision) this.forward(span);
      else this.droppedSpans += 1;
      return;
    }
    const trace = this.pendingTrace(traceId);
    trace.open = Math.max(0, trace.open - 1);
    trace.spans.push(span);
    this.bufferedSpans += 1;
    this.observe(trace, span);
    const parent = span.parentSpanContext;
    if (!parent || parent.isRemote) trace.rootEnded = true;
    if (trace.rootEnded && trace.open === 0) this.scheduleDecision(traceId, trace);
    while (this.bufferedSpans > (this.options.maxSpans ?? 100_000)) this.evictOldest();
  }

  stats(): TailSamplingStats {
    return {
      bufferedTraces: this.pending.size,
      bufferedSpans: this.bufferedSpans,
      keptTraces: this.keptTraces,
      droppedTraces: this.droppedTraces,
      droppedSpans: this.droppedSpans,
      keptBy: { ...this.keptBy },
    };
  }

  /** Decides every trace with no open span now (skipping the grace), then flushes downstream. */
  async forceFlush(): Promise<void> {
    for (const [traceId, trace] of [...this.pending]) {
      if (trace.open === 0) this.decide(traceId, trace, false);
    }
    await Promise.all(this.downstream.map((processor) => processor.forceFlush()));
  }

  /** Decides every buffered trace, complete or not, then shuts downstream down. */
  async shutdown(): Promise<void> {
    for (const [traceId, trace] of [...this.pending]) this.decide(traceId, trace, false);
    await Promise.all(this.downstream.map((processor) => processor.shutdown()));
  }

  private pendingTrace(traceId: string): PendingTrace {
    let trace = this.pending.get(traceId);
    if (!trace) {
      if (this.pending.size >= (this.options.maxTraces ?? 10_000)) this.evictOldest();
      trace = { spans: [], open: 0, rootEnded: false, reason: undefined, costMicros: 0, timer: undefined };
      this.pending.set(traceId, trace);
    }
    return trace;
  }

  private observe(trace: PendingTrace, span: ReadableSpan): void {
    const cost = span.attributes[gantryKeys.costMicros];
    if (typeof cost === "number" && Number.isFinite(cost)) trace.costMicros += cost;
    if (trace.reason) return;
    if (span.status.code === SpanStatusCode.ERROR) trace.reason = "error";
    else if (span.attributes[gantryKeys.signalFallback] === true) trace.reason = "fallback";
    else {
      const confidence = span.attributes[gantryKeys.signalConfidence];
      const threshold = this.options.keepConfidenceBelow;
      if (threshold !== undefined && typeof confidence === "number" && confidence < threshold) {
        trace.reason = "low-confidence";
      }
    }
  }

  private scheduleDecision(traceId: string, trace: PendingTrace): void {
    if (trace.timer) clearTimeout(trace.timer);
    trace.timer = setTimeout(() => this.decide(traceId, trace, false), this.options.graceMs ?? 1000);
    trace.timer.unref();
  }

  // The oldest buffered trace leaves as kept: under memory pressure losing nothing beats sampling blind.
  private evictOldest(): void {
    const oldest = this.pending.entries().next();
    if (oldest.done) return;
    const [traceId, trace] = oldest.value;
    this.decide(traceId, trace, true);
  }

  private decide(traceId: string, trace: PendingTrace, overflow: boolean): void {
    if (this.pending.get(traceId) !== trace) return;
    if (trace.timer) clearTimeout(trace.timer);
    this.pending.delete(traceId);
    this.bufferedSpans -= trace.spans.length;
    const reason = this.reasonToKeep(traceId, trace, overflow);
    this.remember(traceId, reason !== undefined);
    if (reason === undefined) {
      this.droppedTraces += 1;
      this.droppedSpans += trace.spans.length;
      return;
    }
    this.keptTraces += 1;
    this.keptBy[reason] += 1;
    for (const span of trace.spans) this.forward(span);
  }

  private reasonToKeep(traceId: string, trace: PendingTrace, overflow: boolean): SamplingReason | undefined {
    if (trace.reason) return trace.reason;
    const outlier = this.options.costOutlierMicros;
    if (outlier !== undefined && trace.costMicros > outlier) return "cost-outlier";
    if (overflow) return "overflow";
    return sampledByRate(traceId, this.options.rate) ? "rate" : undefined;
  }

  private remember(traceId: string, keep: boolean): void {
    this.decisions.set(traceId, keep);
    if (this.decisions.size > (this.options.decisionMemory ?? 50_000)) {
      const oldest = this.decisions.keys().next();
      if (!oldest.done) this.decisions.delete(oldest.value);
    }
  }

  private forward(span: ReadableSpan): void {
    for (const processor of this.downstream) processor.onEnd(span);
  }
}
