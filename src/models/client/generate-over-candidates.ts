import type { LanguageModelV3Usage } from "@ai-sdk/provider";
import type { ModelCallResult, RouteDecision } from "../model-call-spec.js";
import { executeWithFailover } from "./execute-with-failover.js";
import { callOptionsOf } from "./model-client-options.js";
import type { RequestScope } from "./request-scope.js";
import { publicRoute } from "./route-request.js";

/** A plain call's result, with the provider's own usage kept for replaying it as a stream. */
export interface GenerateOutcome {
  result: ModelCallResult;
  providerUsage: LanguageModelV3Usage;
}

/** One plain (non-streamed) call over `candidates` under the failover policy. */
export async function generateOverCandidates(
  scope: RequestScope,
  candidates: string[],
  route: RouteDecision,
): Promise<GenerateOutcome> {
  const options = callOptionsOf(scope.request);
  const success = await executeWithFailover({
    candidates,
    ledger: scope.ledger,
    context: scope.failover,
    callerSignal: scope.request.abortSignal,
    run: async ({ model, attempt, signal }) => {
      const response = await model.doGenerate({ ...options, abortSignal: signal });
      const priced = scope.price(attempt.modelId, response.usage, response.providerMetadata);
      return {
        value: { response, priced },
        ending: { outcome: "success", usage: priced.usage, cost: priced.cost, warnings: priced.warnings },
      };
    },
  });
  const { response, priced } = success.value;
  const result: ModelCallResult = {
    modelId: success.modelId,
    content: response.content,
    finishReason: response.finishReason,
    usage: priced.usage,
    cost: priced.cost,
    attempts: [...scope.ledger.attempts],
    route: publicRoute(route),
    cached: false,
  };
  if (response.response?.id !== undefined) result.responseId = response.response.id;
  if (response.providerMetadata !== undefined) result.providerMetadata = response.providerMetadata;
  return { result, providerUsage: response.usage };
}
