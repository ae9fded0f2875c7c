import type {
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3ProviderMetadata,
} from "@ai-sdk/provider";
import { cutStreamError, malformedChunkError, type RequestContext } from "./fault-errors.js";
import type { FaultKind } from "./pick-fault.js";
import type { ResponsePlan } from "./plan-response.js";
import type { SeededRandom } from "./seeded-random.js";
import { splitJsonIntoChunks } from "./split-into-chunks.js";

/** One timed step of a simulated stream: wait `delayMs`, then emit a part or fail the stream. */
export type StreamStep =
  | { delayMs: number; part: LanguageModelV3StreamPart }
  | { delayMs: number; error: unknown };

/** Everything needed to lay out one stream; timings are already sampled. */
export interface StreamScript {
  plan: ResponsePlan;
  textChunks: readonly string[];
  usage: LanguageModelV3Usage;
  response: { id: string; timestamp: Date; modelId: string };
  providerMetadata: SharedV3ProviderMetadata;
  firstTokenMs: number;
  chunkMs: number;
  fault: FaultKind | undefined;
  /** This call's fault stream: decides where a cut or a malformed chunk happens. */
  faultRandom: SeededRandom;
  context: RequestContext;
  includeRawChunks: boolean;
}

/**
 * Lays out a stream as the V3 spec orders it: stream-start, response-metadata after the first-token
 * delay, text-start/deltas/text-end, per tool call tool-input-start/deltas/end then tool-call, and a
 * finish part. A cut stream errors after some content, with no finish part; a malformed chunk
 * replaces one delta with a raw part (when raw chunks are on) and an error part, then carries on, as
 * provider adapters do for an SSE event whose JSON does not parse.
 */
export function streamSteps(script: StreamScript): StreamStep[] {
  const { plan, response, chunkMs } = script;
  const content: StreamStep[] = [];
  const deltaIndexes: number[] = [];
  const emitDelta = (part: LanguageModelV3StreamPart, raw: unknown) => {
    if (script.includeRawChunks) content.push({ delayMs: chunkMs, part: { type: "raw", rawValue: raw } });
    deltaIndexes.push(content.length);
    content.push({ delayMs: script.includeRawChunks ? 0 : chunkMs, part });
  };
  if (script.textChunks.length > 0) {
    content.push({ delayMs: 0, part: { type: "text-start", id: "text-0" } });
    for (const delta of script.textChunks) {
      emitDelta({ type: "text-delta", id: "text-0", delta }, { id: response.id, delta: { content: delta } });
    }
    content.push({ delayMs: 0, part: { type: "text-end", id: "text-0" } });
  }
  for (const call of plan.toolCalls) {
    content.push({
      delayMs: 0,
      part: { type: "tool-input-start", id: call.toolCallId, toolName: call.toolName },
    });
    for (const delta of splitJsonIntoChunks(call.input)) {
      emitDelta(
        { type: "tool-input-delta", id: call.toolCallId, delta },
        { id: response.id, delta: { tool_call_id: call.toolCallId, arguments: delta } },
      );
    }
    content.push({ delayMs: 0, part: { type: "tool-input-end", id: call.toolCallId } });
    content.push({ delayMs: 0, part: { type: "tool-call", ...call } });
  }
  if (script.fault === "malformedChunk" && deltaIndexes.length > 0)
    garbleOneDelta(content, deltaIndexes, script);

  const steps: StreamStep[] = [
    { delayMs: 0, part: { type: "stream-start", warnings: [] } },
    { delayMs: script.firstTokenMs, part: { type: "response-metadata", ...response } },
  ];
  if (script.fault === "cutStream") {
    // Deliver at least one delta (so the caller saw content) and stop before the last one.
    const delivered =
      deltaIndexes.length <= 1 ? deltaIndexes.length : script.faultRandom.integer(1, deltaIndexes.length - 1);
    const cutAt = delivered === 0 ? content.length : deltaIndexes[delivered - 1]! + 1;
    const error = cutStreamError(script.context, delivered);
    // The stream itself errors, as a response body does when the connection resets: no error part
    // (erroring a stream drops whatever a reader has not taken yet, so it would be lost) and no finish.
    return [...steps, ...content.slice(0, cutAt), { delayMs: chunkMs, error }];
  }
  const finish: LanguageModelV3StreamPart = {
    type: "finish",
    usage: script.usage,
    finishReason: plan.finishReason,
    providerMetadata: script.providerMetadata,
  };
  return [...steps, ...content, { delayMs: 0, part: finish }];
}

function garbleOneDelta(content: StreamStep[], deltaIndexes: number[], script: StreamScript): void {
  const index = deltaIndexes[script.faultRandom.integer(0, deltaIndexes.length - 1)]!;
  const step = content[index]!;
  if (!("part" in step)) return;
  const delta =
    step.part.type === "text-delta" || step.part.type === "tool-input-delta" ? step.part.delta : "";
  // An SSE event cut off mid-string: what a proxy that truncates a chunk delivers.
  const whole = JSON.stringify({
    id: script.response.id,
    choices: [{ index: 0, delta: { content: delta } }],
  });
  const garbled = whole.slice(0, Math.max(1, whole.length - 6 - Math.ceil(delta.length / 2)));
  const replacement: StreamStep[] = [
    { delayMs: step.delayMs, part: { type: "error", error: malformedChunkError(garbled) } },
  ];
  if (script.includeRawChunks) {
    // The raw part of the same event already precedes it; it shows the garbled text instead.
    const rawStep = content[index - 1];
    if (rawStep && "part" in rawStep && rawStep.part.type === "raw")
      rawStep.part = { type: "raw", rawValue: garbled };
  }
  content.splice(index, 1, ...replacement);
}
