import type { Selectable } from "kysely";
import { GantryError, isoNow, newId } from "../../core/index.js";
import type { ApiKeysTable } from "../database.js";
import type { ApiKeyRecord, ApiKeysRepository } from "../store-spec.js";
import { fromJsonText, toJsonText } from "./column-values.js";
import type { RepositoryContext } from "./repository-context.js";

type KeyRow = Omit<Selectable<ApiKeysTable>, "secret_hash">;

function toRecord(row: KeyRow): ApiKeyRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    prefix: row.prefix,
    scopes: fromJsonText<string[]>(row.scopes),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    expiresAt: row.expires_at,
  };
}

/** API keys: only a hash of the secret is stored; lookups go by that hash. */
export function createApiKeysRepository({ db, clock }: RepositoryContext): ApiKeysRepository {
  // The secret hash is selected only where it is compared, never returned.
  const columns = [
    "id",
    "project_id",
    "name",
    "prefix",
    "scopes",
    "created_at",
    "last_used_at",
    "revoked_at",
    "expires_at",
  ] as const;

  async function getById(id: string): Promise<ApiKeyRecord | undefined> {
    const row = await db.selectFrom("api_keys").select(columns).where("id", "=", id).executeTakeFirst();
    return row && toRecord(row);
  }

  return {
    async create(input) {
      const row = {
        id: newId("key", clock),
        project_id: input.projectId,
        name: input.name,
        prefix: input.prefix,
        secret_hash: input.secretHash,
        scopes: toJsonText(input.scopes),
        created_at: isoNow(clock),
        last_used_at: null,
        revoked_at: null,
        expires_at: input.expiresAt ?? null,
      };
      await db.insertInto("api_keys").values(row).execute();
      return toRecord(row);
    },

    async findActiveByHash(secretHash, now) {
      const row = await db
        .selectFrom("api_keys")
        .select(columns)
        .where("secret_hash", "=", secretHash)
        .where("revoked_at", "is", null)
        .where((where) => where.or([where("expires_at", "is", null), where("expires_at", ">", now)]))
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async list(options = {}) {
      let query = db.selectFrom("api_keys").select(columns);
      if (options.projectId !== undefined) query = query.where("project_id", "=", options.projectId);
      if (!options.includeRevoked) query = query.where("revoked_at", "is", null);
      const rows = await query.orderBy("created_at").orderBy("id").execute();
      return rows.map(toRecord);
    },

    async revoke(idOrPrefix, at) {
      const byId = await getById(idOrPrefix);
      const candidates = byId
        ? [byId]
        : (
            await db
              .selectFrom("api_keys")
              .select(columns)
              .where("prefix", "=", idOrPrefix)
              .where("revoked_at", "is", null)
              .execute()
          ).map(toRecord);
      if (candidates.length === 0) return undefined;
      if (candidates.length > 1) {
        throw new GantryError({
          code: "API_KEY_PREFIX_AMBIGUOUS",
          message: `${candidates.length} active API keys start with "${idOrPrefix}"; revoke one by its id instead`,
          domain: "AUTH",
          category: "USER",
          details: { prefix: idOrPrefix, ids: candidates.map((key) => key.id) },
        });
      }
      const key = candidates[0]!;
      // Revoking twice keeps the first revocation time.
      if (key.revokedAt !== null) return key;
      await db.updateTable("api_keys").set({ revoked_at: at }).where("id", "=", key.id).execute();
      return { ...key, revokedAt: at };
    },

    async touch(id, at) {
      await db.updateTable("api_keys").set({ last_used_at: at }).where("id", "=", id).execute();
    },

    async countActive(now) {
      const result = await db
        .selectFrom("api_keys")
        .select((select) => select.fn.countAll<number>().as("count"))
        .where("revoked_at", "is", null)
        .where((where) => where.or([where("expires_at", "is", null), where("expires_at", ">", now)]))
        .executeTakeFirstOrThrow();
      return Number(result.count);
    },
  };
}
