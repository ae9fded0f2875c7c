import { describe, expect, it } from "vitest";
import type { NewApiKey } from "../../../src/store/index.js";
import type { StoreBackend } from "../backends.js";
import { rejectionOf, useFreshStore } from "../fresh-store.js";

function newKey(overrides: Partial<NewApiKey> = {}): NewApiKey {
  return {
    projectId: "default",
    name: "ci",
    prefix: "gk_ci01",
    secretHash: `hash-${Math.random()}`,
    scopes: ["runs:write", "traces:read"],
    ...overrides,
  };
}

/** Projects and API keys, as store-spec.ts describes them. */
export function defineProjectsAndKeysSuite(backend: StoreBackend): void {
  describe("projects", () => {
    const fresh = useFreshStore(backend);

    it("ensureDefault returns the migrated default project, every time", async () => {
      const first = await fresh.store.projects.ensureDefault();
      const second = await fresh.store.projects.ensureDefault();
      expect(first).toEqual(second);
      expect(first.id).toBe("default");
    });

    it("creates, gets and lists projects; an explicit id is kept and must be unique", async () => {
      const made = await fresh.store.projects.create({ name: "Support" });
      expect(made.id).toMatch(/^project_/);
      expect(made.createdAt).toBe("2026-11-24T09:00:00.000Z");
      expect(await fresh.store.projects.get(made.id)).toEqual(made);
      const named = await fresh.store.projects.create({ id: "billing", name: "Billing" });
      expect(named.id).toBe("billing");
      expect((await fresh.store.projects.list()).map((project) => project.id).sort()).toEqual(
        ["billing", "default", made.id].sort(),
      );
      await expect(fresh.store.projects.create({ id: "billing", name: "Again" })).rejects.toThrow();
      expect(await fresh.store.projects.get("missing")).toBeUndefined();
    });
  });

  describe("apiKeys", () => {
    const fresh = useFreshStore(backend);
    const now = () => new Date(fresh.clock.now()).toISOString();

    it("creates a key and finds it by its secret hash, never exposing the hash", async () => {
      const key = await fresh.store.apiKeys.create(newKey({ secretHash: "abc" }));
      expect(key).toMatchObject({ projectId: "default", name: "ci", prefix: "gk_ci01", lastUsedAt: null });
      expect(key.scopes).toEqual(["runs:write", "traces:read"]);
      expect(Object.keys(key)).not.toContain("secretHash");
      const found = await fresh.store.apiKeys.findActiveByHash("abc", now());
      expect(found).toEqual(key);
      expect(Object.keys(found!)).not.toContain("secretHash");
      expect(await fresh.store.apiKeys.findActiveByHash("other", now())).toBeUndefined();
    });

    it("does not find revoked or expired keys, and counts only active ones", async () => {
      const expiresAt = new Date(fresh.clock.now() + 60_000).toISOString();
      await fresh.store.apiKeys.create(newKey({ secretHash: "expiring", prefix: "gk_exp", expiresAt }));
      const revoked = await fresh.store.apiKeys.create(newKey({ secretHash: "revoked", prefix: "gk_rev" }));
      await fresh.store.apiKeys.create(newKey({ secretHash: "plain", prefix: "gk_pla" }));
      await fresh.store.apiKeys.revoke(revoked.id, now());

      expect(await fresh.store.apiKeys.findActiveByHash("revoked", now())).toBeUndefined();
      expect(await fresh.store.apiKeys.findActiveByHash("expiring", now())).toBeDefined();
      expect(await fresh.store.apiKeys.countActive(now())).toBe(2);

      fresh.clock.advance(60_000); // exactly at expiresAt: expired
      expect(await fresh.store.apiKeys.findActiveByHash("expiring", now())).toBeUndefined();
      expect(await fresh.store.apiKeys.findActiveByHash("plain", now())).toBeDefined();
      expect(await fresh.store.apiKeys.countActive(now())).toBe(1);
    });

    it("revokes by id or by prefix, keeps the first revocation time, and reports unknown keys", async () => {
      const byId = await fresh.store.apiKeys.create(newKey({ prefix: "gk_one" }));
      const byPrefix = await fresh.store.apiKeys.create(newKey({ prefix: "gk_two" }));
      const at = now();
      expect((await fresh.store.apiKeys.revoke(byId.id, at))?.revokedAt).toBe(at);
      const revoked = await fresh.store.apiKeys.revoke("gk_two", at);
      expect(revoked?.id).toBe(byPrefix.id);
      expect(revoked?.revokedAt).toBe(at);

      fresh.clock.advance(1000);
      expect((await fresh.store.apiKeys.revoke(byId.id, now()))?.revokedAt).toBe(at);
      expect(await fresh.store.apiKeys.revoke("gk_nothing", now())).toBeUndefined();
      expect(await fresh.store.apiKeys.list()).toEqual([]);
      expect(await fresh.store.apiKeys.list({ includeRevoked: true })).toHaveLength(2);
    });

    it("refuses to guess between two active keys sharing a prefix", async () => {
      await fresh.store.apiKeys.create(newKey({ prefix: "gk_same" }));
      await fresh.store.apiKeys.create(newKey({ prefix: "gk_same" }));
      const error = await rejectionOf(fresh.store.apiKeys.revoke("gk_same", now()));
      expect(error.code).toBe("API_KEY_PREFIX_AMBIGUOUS");
      expect(await fresh.store.apiKeys.countActive(now())).toBe(2);
    });

    it("lists by project, touches lastUsedAt, and rejects a key for an unknown project", async () => {
      await fresh.store.projects.create({ id: "billing", name: "Billing" });
      const billing = await fresh.store.apiKeys.create(newKey({ projectId: "billing", prefix: "gk_bil" }));
      await fresh.store.apiKeys.create(newKey({ prefix: "gk_def" }));
      expect((await fresh.store.apiKeys.list({ projectId: "billing" })).map((key) => key.id)).toEqual([
        billing.id,
      ]);

      fresh.clock.advance(5000);
      await fresh.store.apiKeys.touch(billing.id, now());
      const [touched] = await fresh.store.apiKeys.list({ projectId: "billing" });
      expect(touched?.lastUsedAt).toBe(now());

      await expect(fresh.store.apiKeys.create(newKey({ projectId: "nowhere" }))).rejects.toThrow();
    });

    it("rejects two keys with the same secret hash", async () => {
      await fresh.store.apiKeys.create(newKey({ secretHash: "dup" }));
      await expect(fresh.store.apiKeys.create(newKey({ secretHash: "dup" }))).rejects.toThrow();
    });
  });
}
