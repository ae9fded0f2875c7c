import type { ModelAttempt, ModelStreamResult, RouteDecision } from "../../models/index.js";

/** What is known about a stream when it starts: the candidate failover chose, and how it got there. */
export interface StreamStartInfo {
  modelId?: string;
  route?: RouteDecision;
  attempts?: readonly ModelAttempt[];
}

/**
 * Reads the chosen model, route and attempts so far from a stream result when the client provides
 * them (they are not part of `ModelStreamResult` yet); the end-of-stream summary always has them.
 */
export function streamStartInfo(source: ModelStreamResult): StreamStartInfo {
  const info: StreamStartInfo = {};
  if ("modelId" in source && typeof source.modelId === "string") info.modelId = source.modelId;
  if ("route" in source && typeof source.route === "object" && source.route !== null)
    info.route = source.route as RouteDecision;
  if ("attempts" in source && Array.isArray(source.attempts))
    info.attempts = source.attempts as ModelAttempt[];
  return info;
}
