import type { SpanRecord } from "../store/index.js";
import { gantryKeys, genAiKeys, genAiOperations } from "./gen-ai-conventions.js";

// The prompt and environment columns of a stored span, read the same way for SDK spans
// (span-record-mapping.ts) and OTLP-received ones (otlp/to-span-records.ts).

type AttributeBag = Readonly<Record<string, unknown>>;

function text(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * `promptId`/`promptHash` on model calls only: the agent span that rendered a prompt may carry the same
 * attributes, and counting both would double every call in the per-version metrics. `environment` from
 * the span, else its resource.
 */
export function promptAndEnvironmentColumns(
  attributes: AttributeBag,
  resourceAttributes: AttributeBag,
): Pick<SpanRecord, "promptId" | "promptHash" | "environment"> {
  const modelCall = attributes[genAiKeys.operationName] === genAiOperations.chat;
  return {
    promptId: modelCall ? text(attributes[gantryKeys.promptId]) : null,
    promptHash: modelCall ? text(attributes[gantryKeys.promptHash]) : null,
    environment:
      text(attributes[genAiKeys.deploymentEnvironmentName]) ??
      text(resourceAttributes[genAiKeys.deploymentEnvironmentName]),
  };
}
