import { systemClock } from "../../core/index.js";
import type { ModelCallResult, ModelClient, ModelRequest, ModelStreamResult } from "../model-call-spec.js";
import { abortableSleep } from "../sim/abortable-sleep.js";
import { AttemptLedger } from "./attempt-ledger.js";
import { CooldownTracker } from "./cooldown-tracker.js";
import type { FailoverContext } from "./execute-with-failover.js";
import { generateOverCandidates } from "./generate-over-candidates.js";
import { noCandidatesError } from "./model-call-errors.js";
import type { ModelClientOptions } from "./model-client-options.js";
import { type RequestScope, safePricing } from "./request-scope.js";
import { type CacheStep, cachedResult, cacheStepFor } from "./response-cache-step.js";
import { publicRoute, routeRequest } from "./route-request.js";
import { isCascade, runCheapPhase } from "./run-cascade.js";
import { streamFromResult, v3Usage } from "./stream-from-result.js";
import { streamOverCandidates } from "./stream-over-candidates.js";

/**
 * The model client: routes a request, answers from the response cache when allowed, and calls the
 * candidates under the retry and failover policy (`models.retry`), running cascades the router
 * decides. Every attempt is returned on the result (and on MODEL_CALL_FAILED) and sent to `onAttempt`.
 */
export function createModelClient(options: ModelClientOptions): ModelClient {
  const clock = options.clock ?? systemClock;
  const policy = options.models.retry;
  const failover: FailoverContext = {
    policy,
    cooldown: options.cooldown ?? new CooldownTracker(policy.cooldown, clock),
    clock,
    sleep: options.sleep ?? abortableSleep,
    random: options.random ?? Math.random,
    jitter: options.jitter ?? "equal",
    languageModel: options.languageModel,
  };
  const price = safePricing(options.costOf);

  async function begin(request: ModelRequest): Promise<{ scope: RequestScope; cache: CacheStep }> {
    request.abortSignal?.throwIfAborted();
    const route = await routeRequest(request, options.router, options.resolveCandidates);
    if (route.candidates.length === 0) throw noCandidatesError(request.model);
    const ledger = new AttemptLedger(policy.maxAttempts, clock, failover.cooldown, options.onAttempt);
    return {
      scope: { request, route, ledger, failover, price },
      cache: cacheStepFor(request, route, options),
    };
  }

  return {
    async generate(request: ModelRequest): Promise<ModelCallResult> {
      const { scope, cache } = await begin(request);
      const { route } = scope;
      const hit = await cache.lookup();
      if (hit !== undefined) return cachedResult(hit, publicRoute(route));
      let result: ModelCallResult;
      if (isCascade(route)) {
        const cheap = await runCheapPhase(scope, route);
        result =
          cheap?.result ??
          (await generateOverCandidates(scope, route.escalateCandidates, { ...route, escalated: true }))
            .result;
      } else {
        result = (await generateOverCandidates(scope, route.candidates, route)).result;
      }
      cache.store(result);
      return result;
    },

    // A cascade streams only its final answer: the cheap answer is produced unstreamed so it can be
    // checked whole, then replayed as a stream when it passes; an escalation streams live.
    async stream(request: ModelRequest): Promise<ModelStreamResult> {
      const { scope, cache } = await begin(request);
      const { route } = scope;
      const hit = await cache.lookup();
      if (hit !== undefined) {
        const result = cachedResult(hit, publicRoute(route));
        return {
          stream: streamFromResult(result, v3Usage(result.usage)),
          result: Promise.resolve(result),
          ...startedWith(result),
        };
      }
      if (!isCascade(route)) return streamOverCandidates(scope, route.candidates, route, cache.store);
      const cheap = await runCheapPhase(scope, route);
      if (cheap === undefined)
        return streamOverCandidates(
          scope,
          route.escalateCandidates,
          { ...route, escalated: true },
          cache.store,
        );
      cache.store(cheap.result);
      return {
        stream: streamFromResult(cheap.result, cheap.providerUsage),
        result: Promise.resolve(cheap.result),
        ...startedWith(cheap.result),
      };
    },

    languageModel: options.languageModel,
  };
}

// A stream replayed from a finished result starts with everything already known.
function startedWith(result: ModelCallResult): Pick<ModelStreamResult, "modelId" | "route"> {
  return { modelId: result.modelId, route: result.route };
}
