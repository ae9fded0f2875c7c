import { type Context, SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { GantryError } from "../core/index.js";
import { gantryKeys } from "./gen-ai-conventions.js";
import { RecentDecisions } from "./recent-decisions.js";

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
  /** When the grace after looking complete runs out (monotonic ms); undefined while spans are open. */
  dueAt: number | undefined;
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
  private readonly decisions: RecentDecisions;
  // Trace ids in the order they started buffering, for evicting the oldest under memory pressure.
  private pendingOrder: string[] = [];
  private pendingOrderHead = 0;
  // Traces that looked complete, in order; the grace is constant, so also in order of due time. One
  // timer serves them all (a timer per trace would cost more than the rest of the sampler together),
  // and parallel arrays avoid an allocation per trace on the hot path.
  private completedIds: string[] = [];
  private completedTraces: Array<PendingTrace | undefined> = [];
  private completedDueAt: number[] = [];
  private completionsHead = 0;
  private sweepTimer: ReturnType<typeof setTimeout> | undefined;
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
    this.decisions = new RecentDecisions(options.decisionMemory ?? 50_000);
  }

  onStart(span: Span, parentContext: Context): void {
    for (const processor of this.downstream) processor.onStart(span, parentContext);
    const traceId = span.spanContext().traceId;
    if (this.decisions.has(traceId)) return;
    const trace = this.pendingTrace(traceId);
    trace.open += 1;
    trace.dueAt = undefined;
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
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
    for (const [traceId, trace] of [...this.pending]) this.decide(traceId, trace, false);
    await Promise.all(this.downstream.map((processor) => processor.shutdown()));
  }

  private pendingTrace(traceId: string): PendingTrace {
    let trace = this.pending.get(traceId);
    if (!trace) {
      if (this.pending.size >= (this.options.maxTraces ?? 10_000)) this.evictOldest();
      trace = { spans: [], open: 0, rootEnded: false, reason: undefined, costMicros: 0, dueAt: undefined };
      this.pending.set(traceId, trace);
      this.pendingOrder.push(traceId);
      // Decided traces leave their id behind; drop those once they outnumber the live ones (amortised O(1)).
      if (this.pendingOrder.length - this.pendingOrderHead > 2 * this.pending.size + 1024) {
        this.pendingOrder = this.pendingOrder
          .slice(this.pendingOrderHead)
          .filter((id) => this.pending.has(id));
        this.pendingOrderHead = 0;
      }
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
    const dueAt = performance.now() + (this.options.graceMs ?? 1000);
    trace.dueAt = dueAt;
    this.completedIds.push(traceId);
    this.completedTraces.push(trace);
    this.completedDueAt.push(dueAt);
    if (!this.sweepTimer) this.scheduleSweep();
  }

  private scheduleSweep(): void {
    const nextDueAt = this.completedDueAt[this.completionsHead];
    if (nextDueAt === undefined) return;
    this.sweepTimer = setTimeout(() => this.sweep(), Math.max(0, nextDueAt - performance.now()));
    this.sweepTimer.unref();
  }

  private sweep(): void {
    this.sweepTimer = undefined;
    const now = performance.now();
    while (this.completionsHead < this.completedDueAt.length) {
      const index = this.completionsHead;
      const dueAt = this.completedDueAt[index]!;
      if (dueAt > now) break;
      this.completionsHead += 1;
      const trace = this.completedTraces[index]!;
      this.completedTraces[index] = undefined;
      // A trace that reopened (a late child started) or was decided meanwhile has a newer entry or none.
      if (trace.dueAt === dueAt) this.decide(this.completedIds[index]!, trace, false);
    }
    if (this.completionsHead > 1024 && this.completionsHead * 2 > this.completedDueAt.length) {
      this.completedIds = this.completedIds.slice(this.completionsHead);
      this.completedTraces = this.completedTraces.slice(this.completionsHead);
      this.completedDueAt = this.completedDueAt.slice(this.completionsHead);
      this.completionsHead = 0;
    }
    this.scheduleSweep();
  }

  // The oldest buffered trace leaves as kept: under memory pressure losing nothing beats sampling blind.
  private evictOldest(): void {
    while (this.pendingOrderHead < this.pendingOrder.length) {
      const traceId = this.pendingOrder[this.pendingOrderHead]!;
      this.pendingOrderHead += 1;
      const trace = this.pending.get(traceId);
      if (trace) {
        this.decide(traceId, trace, true);
        break;
      }
    }
    this.compactPendingOrder();
  }

  private compactPendingOrder(): void {
    if (this.pendingOrderHead > 1024 && this.pendingOrderHead * 2 > this.pendingOrder.length) {
      this.pendingOrder = this.pendingOrder.slice(this.pendingOrderHead);
      this.pendingOrderHead = 0;
    }
  }

  private decide(traceId: string, trace: PendingTrace, overflow: boolean): void {
    if (this.pending.get(traceId) !== trace) return;
    trace.dueAt = undefined;
    this.pending.delete(traceId);
    const spans = trace.spans;
    // The trace object may still sit in the completion queue until its grace passes; let its spans go.
    trace.spans = [];
    this.bufferedSpans -= spans.length;
    const reason = this.reasonToKeep(traceId, trace, overflow);
    this.decisions.remember(traceId, reason !== undefined);
    if (reason === undefined) {
      this.droppedTraces += 1;
      this.droppedSpans += spans.length;
      return;
    }
    this.keptTraces += 1;
    this.keptBy[reason] += 1;
    for (const span of spans) this.forward(span);
  }

  private reasonToKeep(traceId: string, trace: PendingTrace, overflow: boolean): SamplingReason | undefined {
    if (trace.reason) return trace.reason;
    const outlier = this.options.costOutlierMicros;
    if (outlier !== undefined && trace.costMicros > outlier) return "cost-outlier";
    if (overflow) return "overflow";
    return sampledByRate(traceId, this.options.rate) ? "rate" : undefined;
  }

  private forward(span: ReadableSpan): void {
    for (const processor of this.downstream) processor.onEnd(span);
  }
}
