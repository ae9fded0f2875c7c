import { afterAll, describe, it } from "vitest";
import { redactUrl } from "../../src/store/index.js";
import { postgresBackend, postgresUrl, probePostgres, type StoreBackend, sqliteBackend } from "./backends.js";
import { defineAlertsSuite } from "./suites/alerts-suite.js";
import { defineApprovalsSuite } from "./suites/approvals-suite.js";
import { defineAuditSuite } from "./suites/audit-suite.js";
import { defineEvalsSuite } from "./suites/evals-suite.js";
import { defineLedgerCountersSuite } from "./suites/ledger-counters-suite.js";
import { defineLedgerSuite } from "./suites/ledger-suite.js";
import { defineMigrationsSuite } from "./suites/migrations-suite.js";
import { defineProjectsAndKeysSuite } from "./suites/projects-and-keys-suite.js";
import { definePromptUsageSuite } from "./suites/prompt-usage-suite.js";
import { definePromptsSuite } from "./suites/prompts-suite.js";
import { defineResponseCacheSuite } from "./suites/response-cache-suite.js";
import { defineRunsSuite } from "./suites/runs-suite.js";
import { defineSpansSuite } from "./suites/spans-suite.js";
import { defineTracesSuite } from "./suites/traces-suite.js";

// One suite, every backend: whatever passes on SQLite must pass on Postgres (DESIGN.md, Scale-out).

const suites = [
  defineMigrationsSuite,
  defineProjectsAndKeysSuite,
  defineRunsSuite,
  defineSpansSuite,
  defineTracesSuite,
  defineAuditSuite,
  defineApprovalsSuite,
  defineLedgerSuite,
  defineLedgerCountersSuite,
  defineResponseCacheSuite,
  definePromptsSuite,
  definePromptUsageSuite,
  defineAlertsSuite,
  defineEvalsSuite,
];

const postgresProblem = await probePostgres();
const postgresLocation = redactUrl(postgresUrl);

const backends: { name: string; create: () => StoreBackend; unreachable: string | null }[] = [
  { name: "sqlite", create: sqliteBackend, unreachable: null },
  { name: "postgres", create: postgresBackend, unreachable: postgresProblem },
];

if (postgresProblem !== null && !process.env.CI) {
  process.stderr.write(
    [
      "",
      "=".repeat(78),
      "POSTGRES UNREACHABLE: conformance suite ran on SQLite only",
      `  ${postgresLocation}: ${postgresProblem}`,
      "  Start Postgres or set GANTRY_TEST_POSTGRES_URL; in CI this is a failure.",
      "=".repeat(78),
      "",
    ].join("\n"),
  );
}

for (const { name, create, unreachable } of backends) {
  if (unreachable !== null && process.env.CI) {
    describe(`store conformance on ${name}`, () => {
      it("reaches the database", () => {
        throw new Error(
          `Postgres is unreachable at ${postgresLocation} (${unreachable}). CI must run the store conformance ` +
            "suite on Postgres: start it or set GANTRY_TEST_POSTGRES_URL.",
        );
      });
    });
    continue;
  }
  const define = unreachable === null ? describe : describe.skip;
  define(`store conformance on ${name}`, () => {
    const backend = create();
    afterAll(() => backend.cleanup());
    for (const suite of suites) suite(backend);
  });
}
