import type { PromptFetcher, PromptRegistry } from "../registry-spec.js";

/** A fetcher reading the registry in this process (the server, `gantry run` on the same store). */
export function storePromptFetcher(registry: Pick<PromptRegistry, "get">): PromptFetcher {
  return { fetch: (id, selector) => registry.get(id, selector) };
}
