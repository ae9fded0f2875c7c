import { randomBytes } from "node:crypto";
import { type Attributes, ROOT_CONTEXT, SpanKind, TraceFlags, trace } from "@opentelemetry/api";
import type { JsonValue } from "../../core/index.js";
import type { SpanRecord } from "../../store/index.js";
import { gantryKeys, genAiEvaluation, type Telemetry } from "../../telemetry/index.js";
import type { ScoreResult } from "../eval-spec.js";
import { onlineScoreKey } from "./online-score-key.js";

// An online rule's verdicts, written into the trace they judge: one `evaluate {rule}` span under the
// trace's root with a `gen_ai.evaluation.result` event per score (OpenTelemetry GenAI conventions).
// The span is stamped at the root's end, not at scoring time, so a trace's duration still measures
// the run rather than how long after it the rule got round to it; `gantry.eval.scored_at` says when.

function label(result: ScoreResult): string {
  if (result.inconclusive) return "inconclusive";
  return result.passed ? "pass" : "fail";
}

function eventAttributes(result: ScoreResult): Record<string, string | number> {
  const attributes: Record<string, string | number> = {
    [genAiEvaluation.nameKey]: onlineScoreKey(result),
    [genAiEvaluation.scoreLabelKey]: label(result),
  };
  if (!result.inconclusive) attributes[genAiEvaluation.scoreValueKey] = result.value;
  if (result.reason) attributes[genAiEvaluation.explanationKey] = result.reason;
  return attributes;
}

/** What goes into the trace for one scored run. */
export interface EvaluationSpanInput {
  rule: string;
  projectId: string;
  /** The root span of the judged trace: the parent. */
  root: SpanRecord;
  results: readonly ScoreResult[];
  scoredAtMs: number;
}

function stampMs(root: SpanRecord): number {
  return root.endTimeMs ?? root.startTimeMs;
}

/** The span as a store record, with a fresh span id. */
export function evaluationSpanRecord(input: EvaluationSpanInput): SpanRecord {
  const at = stampMs(input.root);
  return {
    traceId: input.root.traceId,
    spanId: randomBytes(8).toString("hex"),
    parentSpanId: input.root.spanId,
    name: genAiEvaluation.spanName(input.rule),
    kind: "internal",
    startTimeMs: at,
    endTimeMs: at,
    statusCode: "unset",
    statusMessage: null,
    attributes: {
      [genAiEvaluation.ruleKey]: input.rule,
      [gantryKeys.projectId]: input.projectId,
      [genAiEvaluation.scoredAtKey]: new Date(input.scoredAtMs).toISOString(),
    },
    events: input.results.map(
      (result): JsonValue => ({
        name: genAiEvaluation.resultEvent,
        timeMs: at,
        attributes: eventAttributes(result),
      }),
    ),
    projectId: input.projectId,
    agent: null,
    model: null,
    sessionId: null,
    // Judging is not part of what the run cost: the trace's cost stays the run's.
    costMicros: null,
  };
}

/**
 * The same span through the workspace's telemetry, so it reaches every exporter (the store and the
 * team's OTLP collector) and tail sampling follows the trace's decision; ends it at once.
 */
export function emitEvaluationSpan(telemetry: Pick<Telemetry, "tracer">, input: EvaluationSpanInput): void {
  const at = stampMs(input.root);
  // A remote-flagged parent makes the span a local root of an existing trace, as `recordOutcome` does.
  const parent = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: input.root.traceId,
    spanId: input.root.spanId,
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
  });
  const attributes: Attributes = {
    [genAiEvaluation.ruleKey]: input.rule,
    [gantryKeys.projectId]: input.projectId,
    [genAiEvaluation.scoredAtKey]: new Date(input.scoredAtMs).toISOString(),
  };
  const span = telemetry.tracer.startSpan(
    genAiEvaluation.spanName(input.rule),
    { kind: SpanKind.INTERNAL, attributes, startTime: at },
    parent,
  );
  for (const result of input.results) span.addEvent(genAiEvaluation.resultEvent, eventAttributes(result), at);
  span.end(at);
}
