import type { ModelCallResult, ModelStreamResult, RouteDecision } from "../model-call-spec.js";
import { executeWithFailover } from "./execute-with-failover.js";
import { callOptionsOf } from "./model-client-options.js";
import { openStreamUntilContent } from "./open-stream-until-content.js";
import { relayCommittedStream } from "./relay-committed-stream.js";
import type { RequestScope } from "./request-scope.js";
import { publicRoute } from "./route-request.js";

/**
 * One streamed call over `candidates`: failover runs until a candidate delivers its first content
 * (or finishes), then that stream is passed on and never re-sent. Resolves at that moment; rejects
 * with MODEL_CALL_FAILED when no candidate got that far. `result` carries exactly the usage the
 * provider reported in its finish part, priced as a plain call is.
 */
export async function streamOverCandidates(
  scope: RequestScope,
  candidates: string[],
  route: RouteDecision,
  onResult: (result: ModelCallResult) => void,
): Promise<ModelStreamResult> {
  const options = callOptionsOf(scope.request);
  const success = await executeWithFailover({
    candidates,
    ledger: scope.ledger,
    context: scope.failover,
    callerSignal: scope.request.abortSignal,
    run: async ({ model, signal }) => ({
      value: await openStreamUntilContent(model, { ...options, abortSignal: signal }),
    }),
  });
  const { attempt } = success;
  const relayed = relayCommittedStream({
    committed: success.value,
    attempt,
    callerSignal: scope.request.abortSignal,
    complete: async (collected, streamWarnings) => {
      const priced = scope.price(attempt.modelId, collected.usage, collected.providerMetadata);
      attempt.finish({
        outcome: "success",
        usage: priced.usage,
        cost: priced.cost,
        warnings: [...streamWarnings, ...priced.warnings],
      });
      const result: ModelCallResult = {
        modelId: success.modelId,
        content: collected.content,
        // The relay only completes after a finish part, so both are set.
        finishReason: collected.finishReason ?? { unified: "other", raw: undefined },
        usage: priced.usage,
        cost: priced.cost,
        attempts: [...scope.ledger.attempts],
        route: publicRoute(route),
        cached: false,
      };
      if (collected.responseId !== undefined) result.responseId = collected.responseId;
      if (collected.providerMetadata !== undefined) result.providerMetadata = collected.providerMetadata;
      onResult(result);
      return result;
    },
  });
  return { ...relayed, modelId: success.modelId, route: publicRoute(route) };
}
