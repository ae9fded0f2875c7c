/** The part of the Web Storage API we use; sessionStorage in the browser, a Map in tests. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ApiKeyStore {
  read(): string | null;
  save(apiKey: string): void;
  clear(): void;
}

/** Where the pasted API key lives; sessionStorage keeps it to this tab and forgets it when the tab closes. */
export const apiKeyStorageKey = "gantry.apiKey";

/** Wraps storage so a browser that refuses storage (privacy modes throw) still works for this tab. */
export function createApiKeyStore(storage: KeyValueStorage | null): ApiKeyStore {
  let fallback: string | null = null;
  return {
    read() {
      try {
        return storage?.getItem(apiKeyStorageKey) ?? fallback;
      } catch {
        return fallback;
      }
    },
    save(apiKey) {
      fallback = apiKey;
      try {
        storage?.setItem(apiKeyStorageKey, apiKey);
      } catch {
        // The in-memory fallback keeps the key for this page's lifetime.
      }
    },
    clear() {
      fallback = null;
      try {
        storage?.removeItem(apiKeyStorageKey);
      } catch {
        // Nothing stored, nothing to clear.
      }
    },
  };
}
