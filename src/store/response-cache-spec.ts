import type { JsonValue } from "../core/index.js";

// Contract of the response cache repository: opaque JSON values under a hash key, each with an expiry.
// What the key hashes and what the value holds belong to src/models; the store only keeps and expires.

export interface ResponseCacheEntry {
  /** sha256 hex of the request (computed by the caller). */
  key: string;
  /** The model that produced the cached answer (`provider:model`), for inspection and purges. */
  modelId: string;
  value: JsonValue;
  /** ISO-8601 (`Date#toISOString`). */
  createdAt: string;
  /** ISO-8601; the entry is invisible from this instant on. */
  expiresAt: string;
}

export interface ResponseCacheRepository {
  /** The entry under `key` when it has not expired at `now` (expiresAt > now), else undefined. */
  get(key: string, now: string): Promise<ResponseCacheEntry | undefined>;
  /** Inserts, or replaces the entry with the same key (value, model, times and all). */
  put(entry: ResponseCacheEntry): Promise<void>;
  /** Deletes entries expired at `now` (expiresAt <= now); returns how many. */
  deleteExpired(now: string): Promise<number>;
}
