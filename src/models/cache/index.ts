// The opt-in exact-match response cache and its stream replay. Reached through src/models/index.ts.
export { toLanguageModelUsage } from "./language-model-usage.js";
export { createResponseCache, type ResponseCacheOptions, type StoreResponseCache } from "./response-cache.js";
export { responseCacheKey } from "./response-cache-key.js";
export { streamFromCachedResult } from "./stream-from-cached-result.js";
