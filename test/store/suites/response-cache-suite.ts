import { describe, expect, it } from "vitest";
import type { ResponseCacheEntry } from "../../../src/store/index.js";
import type { StoreBackend } from "../backends.js";
import { rejectionOf, useFreshStore } from "../fresh-store.js";

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 24, 9, minutes, 0)).toISOString();

function entry(overrides: Partial<ResponseCacheEntry> = {}): ResponseCacheEntry {
  return {
    key: "a".repeat(64),
    modelId: "sim:fast",
    value: {
      content: [{ type: "text", text: "Hello, Zoë 👋" }],
      usage: { input: 12, output: 3 },
      nested: [null, true, 1.5],
    },
    createdAt: at(0),
    expiresAt: at(10),
    ...overrides,
  };
}

/** The response cache: JSON values under a key, invisible once expired, purged on demand. */
export function defineResponseCacheSuite(backend: StoreBackend): void {
  describe("responseCache", () => {
    const fresh = useFreshStore(backend);

    it("returns a stored entry, JSON intact, until it expires", async () => {
      const stored = entry();
      await fresh.store.responseCache.put(stored);
      expect(await fresh.store.responseCache.get(stored.key, at(0))).toEqual(stored);
      expect(await fresh.store.responseCache.get(stored.key, at(9))).toEqual(stored);
      // expiresAt is the first instant the entry is gone.
      expect(await fresh.store.responseCache.get(stored.key, at(10))).toBeUndefined();
      expect(await fresh.store.responseCache.get(stored.key, at(11))).toBeUndefined();
      expect(await fresh.store.responseCache.get("b".repeat(64), at(0))).toBeUndefined();
    });

    it("put replaces an entry with the same key (an upsert), other keys untouched", async () => {
      await fresh.store.responseCache.put(entry({ key: "k1", expiresAt: at(1) }));
      await fresh.store.responseCache.put(entry({ key: "k2", value: "two" }));
      const replacement = entry({
        key: "k1",
        modelId: "sim:default",
        value: { text: "new" },
        createdAt: at(5),
        expiresAt: at(20),
      });
      await fresh.store.responseCache.put(replacement);
      expect(await fresh.store.responseCache.get("k1", at(15))).toEqual(replacement);
      expect((await fresh.store.responseCache.get("k2", at(0)))?.value).toBe("two");
      const rows = await fresh.store.db.selectFrom("response_cache").select("key").execute();
      expect(rows.map((row) => row.key).sort()).toEqual(["k1", "k2"]);
    });

    it("deleteExpired removes exactly the entries expired at now and counts them", async () => {
      await fresh.store.responseCache.put(entry({ key: "old", expiresAt: at(5) }));
      await fresh.store.responseCache.put(entry({ key: "edge", expiresAt: at(10) }));
      await fresh.store.responseCache.put(entry({ key: "new", expiresAt: at(30) }));
      expect(await fresh.store.responseCache.deleteExpired(at(4))).toBe(0);
      expect(await fresh.store.responseCache.deleteExpired(at(10))).toBe(2);
      expect(await fresh.store.responseCache.deleteExpired(at(10))).toBe(0);
      const rows = await fresh.store.db.selectFrom("response_cache").select("key").execute();
      expect(rows.map((row) => row.key)).toEqual(["new"]);
    });

    it("refuses timestamps that would not compare as times, and an empty key", async () => {
      const badExpiry = await rejectionOf(
        fresh.store.responseCache.put(entry({ expiresAt: "2026-11-24 09:10" })),
      );
      expect(badExpiry).toMatchObject({ code: "STORE_INVALID_INPUT", details: { field: "expiresAt" } });
      const badNow = await rejectionOf(fresh.store.responseCache.get("k", "tomorrow"));
      expect(badNow).toMatchObject({ code: "STORE_INVALID_INPUT", details: { field: "now" } });
      expect(await rejectionOf(fresh.store.responseCache.put(entry({ key: "" })))).toMatchObject({
        code: "STORE_INVALID_INPUT",
      });
    });
  });
}
