import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { PromptHashUsage, SpanRecord } from "../../../src/store/index.js";
import type { StoreBackend } from "../backends.js";
import { useFreshStore } from "../fresh-store.js";
import { makeSpan } from "../span-fixtures.js";

const base = 1_795_000_000_000;

function call(
  spanId: string,
  traceId: string,
  startOffset: number,
  duration: number | null,
  overrides: Partial<SpanRecord>,
): SpanRecord {
  return makeSpan({
    spanId,
    traceId,
    startTimeMs: base + startOffset,
    endTimeMs: duration === null ? null : base + startOffset + duration,
    promptId: "triage",
    environment: "production",
    ...overrides,
  });
}

// triage@h1 in production (3 calls, 2 traces, one error, one unknown cost), triage@h2 once in staging
// (not ended) and once in production, answer@h3 once; plus spans that must never count.
const spans: SpanRecord[] = [
  call("s1", "t1", 0, 400, { promptHash: "h1", costMicros: 100 }),
  call("s2", "t1", 1000, 200, { promptHash: "h1", costMicros: null }),
  call("s3", "t2", 5000, 300, { promptHash: "h1", costMicros: 50, statusCode: "error" }),
  call("s4", "t3", 2000, null, { promptHash: "h2", costMicros: 10, environment: "staging" }),
  call("s5", "t4", 8000, 100, { promptHash: "h2", costMicros: 0 }),
  call("s6", "t5", 3000, 50, { promptId: "answer", promptHash: "h3", costMicros: 7 }),
  call("s7", "t6", 4000, 10, { promptId: null, promptHash: null, costMicros: 1_000_000 }),
  call("s8", "t7", 4000, 10, { promptHash: "h1", projectId: "other-project", costMicros: 1 }),
];

const usage = (
  promptId: string,
  hash: string,
  values: Omit<PromptHashUsage, "promptId" | "hash">,
): PromptHashUsage => ({ promptId, hash, ...values });

/** Per-hash usage from the span columns: grouping, metrics and every filter. */
export function definePromptUsageSuite(backend: StoreBackend): void {
  describe("prompt usage by hash", () => {
    const fresh = useFreshStore(backend);

    it("groups model calls by prompt and hash: calls, traces, cost, errors, mean duration, first and last", async () => {
      expect(await fresh.store.prompts.usageByHash()).toEqual([]);
      await fresh.store.spans.insertMany(spans);
      expect(await fresh.store.prompts.usageByHash()).toEqual([
        usage("answer", "h3", {
          calls: 1,
          traces: 1,
          costMicros: 7,
          errors: 0,
          meanDurationMs: 50,
          firstSeenMs: base + 3000,
          lastSeenMs: base + 3000,
        }),
        usage("triage", "h2", {
          calls: 2,
          traces: 2,
          costMicros: 10,
          errors: 0,
          meanDurationMs: 100,
          firstSeenMs: base + 2000,
          lastSeenMs: base + 8000,
        }),
        usage("triage", "h1", {
          calls: 3,
          traces: 2,
          costMicros: 150,
          errors: 1,
          meanDurationMs: 300,
          firstSeenMs: base,
          lastSeenMs: base + 5000,
        }),
      ]);
    });

    it("filters by environment, start time, prompt and project", async () => {
      await fresh.store.spans.insertMany(spans);
      const prompts = fresh.store.prompts;

      const production = await prompts.usageByHash({ environment: "production" });
      expect(production.map((row) => `${row.promptId}@${row.hash}:${row.calls}`)).toEqual([
        "answer@h3:1",
        "triage@h2:1",
        "triage@h1:3",
      ]);
      expect(production[1]).toMatchObject({ costMicros: 0, meanDurationMs: 100, firstSeenMs: base + 8000 });

      const staging = await prompts.usageByHash({ environment: "staging" });
      expect(staging).toEqual([
        usage("triage", "h2", {
          calls: 1,
          traces: 1,
          costMicros: 10,
          errors: 0,
          meanDurationMs: null,
          firstSeenMs: base + 2000,
          lastSeenMs: base + 2000,
        }),
      ]);

      const recent = await prompts.usageByHash({ sinceMs: base + 1000, promptId: "triage" });
      expect(recent).toEqual([
        usage("triage", "h2", {
          calls: 2,
          traces: 2,
          costMicros: 10,
          errors: 0,
          meanDurationMs: 100,
          firstSeenMs: base + 2000,
          lastSeenMs: base + 8000,
        }),
        usage("triage", "h1", {
          calls: 2,
          traces: 2,
          costMicros: 50,
          errors: 1,
          meanDurationMs: 250,
          firstSeenMs: base + 1000,
          lastSeenMs: base + 5000,
        }),
      ]);

      expect(
        (await prompts.usageByHash({ environment: "production", sinceMs: base + 4000 })).map(
          (row) => `${row.promptId}@${row.hash}:${row.calls}`,
        ),
      ).toEqual(["triage@h2:1", "triage@h1:1"]);
      expect((await prompts.usageByHash({ promptId: "answer" })).map((row) => row.hash)).toEqual(["h3"]);
      expect(await prompts.usageByHash({ environment: "nowhere" })).toEqual([]);
      expect(await prompts.usageByHash({ projectId: "other-project" })).toEqual([
        usage("triage", "h1", {
          calls: 1,
          traces: 1,
          costMicros: 1,
          errors: 0,
          meanDurationMs: 10,
          firstSeenMs: base + 4000,
          lastSeenMs: base + 4000,
        }),
      ]);
    });

    it("attaches the mean online eval score of the traces each hash served", async () => {
      const { prompts, evals, spans: stored } = fresh.store;
      await stored.insertMany(spans);
      const score = (traceId: string, value: number) =>
        evals.insertOnlineScore({
          rule: "contract",
          scorer: "router-contract",
          traceId,
          value,
          passed: value >= 0.5,
          reason: null,
          costMicros: 0,
          traceStartMs: base,
        });
      // t1 and t2 served h1 (t1 twice: counted once per score), t4 served h2; t6 carries no prompt.
      await score("t1", 1);
      await score("t2", 0);
      await score("t2", 0.5);
      await score("t4", 0.25);
      await score("t6", 1);
      expect((await prompts.usageByHash({ promptId: "triage" })).every((row) => !row.onlineScore)).toBe(true);
      const rows = await prompts.usageByHash({ promptId: "triage", withScores: true });
      const byHash = Object.fromEntries(rows.map((row) => [row.hash, row.onlineScore]));
      expect(byHash).toEqual({ h1: { mean: 0.5, count: 3 }, h2: { mean: 0.25, count: 1 } });
      // Filters apply to the traces too: h2's scored trace is in production, its staging one is not.
      const staging = await prompts.usageByHash({
        promptId: "triage",
        environment: "staging",
        withScores: true,
      });
      expect(staging.map((row) => [row.hash, row.onlineScore])).toEqual([["h2", undefined]]);
    });

    it("stores and returns the prompt and environment columns of a span", async () => {
      await fresh.store.spans.insertMany(spans.slice(0, 1));
      const [stored] = await fresh.store.spans.getTrace("t1");
      expect(stored).toMatchObject({ promptId: "triage", promptHash: "h1", environment: "production" });
      await fresh.store.spans.insert(makeSpan({ traceId: "plain", promptId: undefined }));
      const [plain] = await fresh.store.spans.getTrace("plain");
      expect(plain).toMatchObject({ promptId: null, promptHash: null, environment: null });
    });

    it("migration 006 fills the columns of spans stored before it from their attributes", async () => {
      const prompt = { "gantry.prompt.id": "triage", "gantry.prompt.hash": "h1" };
      const chat = { "gen_ai.operation.name": "chat", ...prompt };
      await fresh.store.spans.insertMany([
        makeSpan({
          traceId: "old",
          spanId: "chat",
          attributes: { ...chat, "otel.resource.deployment.environment.name": "production" },
        }),
        makeSpan({
          traceId: "old",
          spanId: "agent",
          attributes: {
            "gen_ai.operation.name": "invoke_agent",
            ...prompt,
            "deployment.environment.name": "staging",
          },
        }),
        makeSpan({
          traceId: "old",
          spanId: "odd",
          attributes: {
            "gen_ai.operation.name": "chat",
            "gantry.prompt.id": 7,
            "gantry.prompt.hash": "",
            "deployment.environment.name": "canary",
            "otel.resource.deployment.environment.name": "production",
          },
        }),
        makeSpan({ traceId: "old", spanId: "plain", attributes: { "gen_ai.operation.name": "chat" } }),
      ]);
      // Back to schema 5 with the spans kept, then migrate forward again.
      const db = fresh.store.db;
      for (const table of [
        "prompt_versions",
        "prompt_labels",
        "prompt_label_events",
        "prompt_consumers",
        "alerts",
      ]) {
        await sql`drop table ${sql.table(table)}`.execute(db);
      }
      await sql`drop index spans_prompt_hash`.execute(db);
      await sql`drop index spans_prompt_environment`.execute(db);
      for (const column of ["prompt_id", "prompt_hash", "environment"]) {
        await sql`alter table spans drop column ${sql.ref(column)}`.execute(db);
      }
      await db.deleteFrom("schema_migrations").where("version", "=", 6).execute();
      expect(await fresh.store.migrations.migrate()).toEqual(["prompt-registry"]);

      const columns = (await fresh.store.spans.getTrace("old")).map(
        (span) => `${span.spanId}:${span.promptId}:${span.promptHash}:${span.environment}`,
      );
      expect(columns.sort()).toEqual([
        "agent:null:null:staging",
        "chat:triage:h1:production",
        "odd:null:null:canary",
        "plain:null:null:null",
      ]);
      expect((await fresh.store.prompts.usageByHash()).map((row) => `${row.promptId}@${row.hash}`)).toEqual([
        "triage@h1",
      ]);
    });
  });
}
