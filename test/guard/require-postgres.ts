import { describe, it } from "vitest";
import { postgresUrl } from "../store/backends.js";

/**
 * Postgres-backed guard tests skip with a banner when Postgres is unreachable locally; in CI that is a
 * failure, as for the store conformance suite.
 */
export function requirePostgres(what: string, problem: string | null): void {
  if (problem === null) return;
  if (process.env.CI) {
    describe(what, () => {
      it("reaches Postgres", () => {
        throw new Error(`Postgres is unreachable at ${postgresUrl} (${problem}); CI must run ${what}.`);
      });
    });
    return;
  }
  process.stderr.write(
    `\nPOSTGRES UNREACHABLE: skipping ${what} (${problem}); set GANTRY_TEST_POSTGRES_URL.\n`,
  );
}
