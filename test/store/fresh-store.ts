import { afterEach, beforeEach } from "vitest";
import { ManualClock } from "../../src/core/index.js";
import type { Store } from "../../src/store/index.js";
import type { StoreBackend, StoreTarget } from "./backends.js";

/** Per-test state: a store on a fresh database, its target (to open it again) and its manual clock. */
export interface FreshStore {
  readonly store: Store;
  readonly target: StoreTarget;
  readonly clock: ManualClock;
}

/** Gives every test of the enclosing describe its own migrated store on an empty database. */
export function useFreshStore(backend: StoreBackend): FreshStore {
  let current: { store: Store; target: StoreTarget; clock: ManualClock } | undefined;
  beforeEach(async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
    const target = backend.createTarget();
    current = { store: await target.open({ clock }), target, clock };
  });
  afterEach(async () => {
    await current?.store.close();
    current = undefined;
  });
  const get = () => {
    if (!current) throw new Error("useFreshStore: used outside a test");
    return current;
  };
  return {
    get store() {
      return get().store;
    },
    get target() {
      return get().target;
    },
    get clock() {
      return get().clock;
    },
  };
}

/** The rejection of a promise, for asserting on GantryError fields. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error("expected the promise to reject, but it resolved");
}
