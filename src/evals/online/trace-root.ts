import type { SpanRecord } from "../../store/index.js";
import { genAiKeys, otlpAttributeKeys } from "../../telemetry/index.js";

/** The trace's root: the earliest span without a parent, else the earliest whose parent is not stored. */
export function traceRoot(spans: readonly SpanRecord[]): SpanRecord | undefined {
  const ids = new Set(spans.map((span) => span.spanId));
  const byStart = [...spans].sort((left, right) => left.startTimeMs - right.startTimeMs);
  return (
    byStart.find((span) => span.parentSpanId === null) ??
    byStart.find((span) => span.parentSpanId !== null && !ids.has(span.parentSpanId))
  );
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * The environment a trace ran in (`deployment.environment.name` of the root span or of its resource);
 * runs do not record it, their spans do. Null when no span says.
 */
export function traceEnvironment(spans: readonly SpanRecord[], root: SpanRecord | undefined): string | null {
  const resourceKey = `${otlpAttributeKeys.resourcePrefix}${genAiKeys.deploymentEnvironmentName}`;
  const of = (span: SpanRecord) =>
    text(span.environment) ??
    text(span.attributes[genAiKeys.deploymentEnvironmentName]) ??
    text(span.attributes[resourceKey]);
  if (root !== undefined) {
    const environment = of(root);
    if (environment !== null) return environment;
  }
  for (const span of spans) {
    const environment = of(span);
    if (environment !== null) return environment;
  }
  return null;
}
