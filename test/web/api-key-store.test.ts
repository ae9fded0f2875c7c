import { describe, expect, it } from "vitest";
import {
  apiKeyStorageKey,
  createApiKeyStore,
  type KeyValueStorage,
} from "../../web/src/api/api-key-store.js";

function mapStorage(): KeyValueStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

const refusingStorage: KeyValueStorage = {
  getItem: () => {
    throw new Error("SecurityError");
  },
  setItem: () => {
    throw new Error("SecurityError");
  },
  removeItem: () => {
    throw new Error("SecurityError");
  },
};

describe("createApiKeyStore", () => {
  it("saves, reads and clears the key in storage", () => {
    const storage = mapStorage();
    const store = createApiKeyStore(storage);
    expect(store.read()).toBeNull();
    store.save("gantry_key");
    expect(storage.values.get(apiKeyStorageKey)).toBe("gantry_key");
    expect(createApiKeyStore(storage).read()).toBe("gantry_key");
    store.clear();
    expect(store.read()).toBeNull();
  });

  it("keeps the key in memory when storage refuses access", () => {
    const store = createApiKeyStore(refusingStorage);
    store.save("gantry_key");
    expect(store.read()).toBe("gantry_key");
    store.clear();
    expect(store.read()).toBeNull();
  });
});
