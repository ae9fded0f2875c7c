import { afterAll, describe } from "vitest";
import { postgresBackend, probePostgres, type StoreBackend, sqliteBackend } from "../store/backends.js";

// The breaker reads run history from the store; its store tests run on SQLite and, when it answers,
// on Postgres (the store conformance suite is where an unreachable Postgres fails CI).

const postgresProblem = await probePostgres();

/** Defines `suite` once per reachable backend, cleaning up each backend's databases afterwards. */
export function describeOnStores(title: string, suite: (backend: StoreBackend) => void): void {
  const backends = [
    { name: "sqlite", create: sqliteBackend, reachable: true },
    { name: "postgres", create: postgresBackend, reachable: postgresProblem === null },
  ];
  for (const { name, create, reachable } of backends) {
    (reachable ? describe : describe.skip)(`${title} on ${name}`, () => {
      const backend = create();
      afterAll(() => backend.cleanup());
      suite(backend);
    });
  }
}
