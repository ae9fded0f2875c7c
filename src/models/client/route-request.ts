import type { ModelRequest, RouteDecision } from "../model-call-spec.js";
import type { ModelRouter } from "./model-client-options.js";

/**
 * The route for a request: the router's decision when one is wired in, otherwise the request's own
 * model: `explicit` for a `provider:model` id, `tier` for `tier:<name>`, `default` when it names none.
 */
export async function routeRequest(
  request: ModelRequest,
  router: ModelRouter | undefined,
  resolveCandidates: (modelOrTier: string | undefined) => string[],
): Promise<RouteDecision> {
  if (router !== undefined) return router.route(request);
  const model = request.model;
  const candidates = resolveCandidates(model);
  if (model === undefined) return { reason: "default", candidates };
  if (model.startsWith("tier:")) return { reason: "tier", tier: model.slice("tier:".length), candidates };
  return { reason: "explicit", candidates };
}

/** The route as results and errors carry it: data only, without the cascade's validator function. */
export function publicRoute(route: RouteDecision): RouteDecision {
  const copy: RouteDecision = { ...route, candidates: [...route.candidates] };
  delete copy.validate;
  return copy;
}
