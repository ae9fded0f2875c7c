import type { ResponseCacheEntry, ResponseCacheRepository } from "../response-cache-spec.js";
import { invalidInput } from "../store-errors.js";
import { fromJsonText, toJsonText } from "./column-values.js";
import type { RepositoryContext } from "./repository-context.js";

// Expiry is a byte-wise text comparison, which is only a time comparison for one fixed format.
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function checkTimestamp(value: string, field: string): string {
  if (!isoTimestamp.test(value)) {
    throw invalidInput(field, `must be an ISO-8601 timestamp as Date#toISOString writes it, got "${value}"`);
  }
  return value;
}

/** The model response cache: get skips expired entries, put upserts, deleteExpired purges. */
export function createResponseCacheRepository({ db }: RepositoryContext): ResponseCacheRepository {
  return {
    async get(key, now) {
      const row = await db
        .selectFrom("response_cache")
        .selectAll()
        .where("key", "=", key)
        .where("expires_at", ">", checkTimestamp(now, "now"))
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        key: row.key,
        modelId: row.model_id,
        value: fromJsonText(row.value),
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      };
    },

    async put(entry: ResponseCacheEntry) {
      if (entry.key.length === 0) throw invalidInput("key", "must not be empty");
      const row = {
        key: entry.key,
        model_id: entry.modelId,
        value: toJsonText(entry.value),
        created_at: checkTimestamp(entry.createdAt, "createdAt"),
        expires_at: checkTimestamp(entry.expiresAt, "expiresAt"),
      };
      await db
        .insertInto("response_cache")
        .values(row)
        .onConflict((conflict) =>
          conflict.column("key").doUpdateSet({
            model_id: row.model_id,
            value: row.value,
            created_at: row.created_at,
            expires_at: row.expires_at,
          }),
        )
        .execute();
    },

    async deleteExpired(now) {
      const result = await db
        .deleteFrom("response_cache")
        .where("expires_at", "<=", checkTimestamp(now, "now"))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
