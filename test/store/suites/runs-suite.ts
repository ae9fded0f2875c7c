import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../../src/core/index.js";
import type { RunRecord, RunStatus } from "../../../src/store/index.js";
import type { StoreBackend } from "../backends.js";
import { rejectionOf, useFreshStore } from "../fresh-store.js";

const awkwardJson: JsonValue = {
  text: 'Where is my refund? — ünïcödé ✓ "quoted" \n newline',
  numbers: [0, -1, 1.5, 1e-7, 9_007_199_254_740_991],
  nested: { empty: {}, list: [], flag: false, nothing: null },
};

/** Runs: create, get, update, cursor-paginated listing with filters. */
export function defineRunsSuite(backend: StoreBackend): void {
  describe("runs", () => {
    const fresh = useFreshStore(backend);

    it("creates a run with defaults and round-trips JSON input and state exactly", async () => {
      const run = await fresh.store.runs.create({ agent: "triage", input: awkwardJson, state: { step: 0 } });
      expect(run).toMatchObject({
        projectId: "default",
        agent: "triage",
        agentVersion: null,
        status: "queued",
        output: null,
        schemaVersion: 1,
        parentRunId: null,
        sessionId: null,
        traceId: null,
        costMicros: 0,
        error: null,
        createdAt: "2026-11-24T09:00:00.000Z",
        updatedAt: "2026-11-24T09:00:00.000Z",
      });
      expect(run.id).toMatch(/^run_/);
      const stored = await fresh.store.runs.get(run.id);
      expect(stored).toEqual(run);
      expect(stored?.input).toEqual(awkwardJson);
      expect(stored?.state).toEqual({ step: 0 });
      expect(await fresh.store.runs.get("run_missing")).toBeUndefined();
    });

    it("updates status, output, state, error and cost; leaves omitted fields alone; bumps updatedAt", async () => {
      const parent = await fresh.store.runs.create({ agent: "orchestrator", input: null });
      const run = await fresh.store.runs.create({
        agent: "triage",
        agentVersion: "1.2.0",
        input: "hi",
        parentRunId: parent.id,
        sessionId: "session-1",
        traceId: "trace-1",
        schemaVersion: 3,
      });
      fresh.clock.advance(1500);
      const running = await fresh.store.runs.update(run.id, { status: "running", state: { step: 2 } });
      expect(running).toMatchObject({
        status: "running",
        state: { step: 2 },
        agentVersion: "1.2.0",
        schemaVersion: 3,
      });
      expect(running.updatedAt).toBe("2026-11-24T09:00:01.500Z");
      expect(running.createdAt).toBe(run.createdAt);

      const done = await fresh.store.runs.update(run.id, {
        status: "failed",
        output: awkwardJson,
        error: { code: "MODEL_TIMEOUT", message: "took too long" },
        costMicros: 9_000_000_000_000,
      });
      expect(done).toMatchObject({
        status: "failed",
        state: { step: 2 },
        parentRunId: parent.id,
        sessionId: "session-1",
      });
      expect(done.output).toEqual(awkwardJson);
      expect(done.costMicros).toBe(9_000_000_000_000);
      expect(await fresh.store.runs.get(run.id)).toEqual(done);

      const cleared = await fresh.store.runs.update(run.id, { output: null, error: null });
      expect(cleared.output).toBeNull();
      expect(cleared.error).toBeNull();
    });

    it("saves changes without reading back, exactly as update would", async () => {
      const run = await fresh.store.runs.create({ agent: "triage", input: "hi" });
      fresh.clock.advance(250);
      await expect(
        fresh.store.runs.save(run.id, { status: "paused", state: { step: 3 }, costMicros: 42 }),
      ).resolves.toBeUndefined();
      expect(await fresh.store.runs.get(run.id)).toMatchObject({
        status: "paused",
        state: { step: 3 },
        costMicros: 42,
        input: "hi",
        updatedAt: "2026-11-24T09:00:00.250Z",
      });
      expect((await rejectionOf(fresh.store.runs.save("run_missing", { status: "running" }))).code).toBe(
        "RUN_NOT_FOUND",
      );
    });

    it("rejects unknown runs, unknown statuses, fractional costs and unknown projects", async () => {
      expect((await rejectionOf(fresh.store.runs.update("run_missing", { status: "running" }))).code).toBe(
        "RUN_NOT_FOUND",
      );
      const run = await fresh.store.runs.create({ agent: "triage", input: 1 });
      const badStatus = await rejectionOf(fresh.store.runs.update(run.id, { status: "done" as RunStatus }));
      expect(badStatus.code).toBe("STORE_INVALID_INPUT");
      expect((await rejectionOf(fresh.store.runs.update(run.id, { costMicros: 1.5 }))).code).toBe(
        "STORE_INVALID_INPUT",
      );
      await expect(
        fresh.store.runs.create({ agent: "triage", input: 1, projectId: "nowhere" }),
      ).rejects.toThrow();
    });

    it("pages newest first with cursors that neither skip nor repeat", async () => {
      const created: RunRecord[] = [];
      for (let index = 0; index < 7; index++) {
        created.push(await fresh.store.runs.create({ agent: "triage", input: index }));
        fresh.clock.advance(1);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      const pageSizes: number[] = [];
      do {
        const page = await fresh.store.runs.list({ limit: 3, cursor });
        pageSizes.push(page.items.length);
        seen.push(...page.items.map((run) => run.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(pageSizes).toEqual([3, 3, 1]);
      expect(seen).toEqual(created.map((run) => run.id).reverse());

      const exact = await fresh.store.runs.list({ limit: 7 });
      expect(exact.items).toHaveLength(7);
      expect(exact.nextCursor).toBeNull();
    });

    it("filters by project, agent, status (one or several) and session, also across pages", async () => {
      await fresh.store.projects.create({ id: "billing", name: "Billing" });
      const make = async (agent: string, status: RunStatus, projectId = "default", sessionId?: string) => {
        fresh.clock.advance(1);
        return fresh.store.runs.create({
          agent,
          status,
          projectId,
          input: null,
          sessionId: sessionId ?? null,
        });
      };
      await make("triage", "completed");
      await make("triage", "failed");
      await make("refund", "completed", "billing", "s-1");
      await make("refund", "running", "billing", "s-1");
      await make("triage", "completed", "billing");

      const agents = (runs: { items: RunRecord[] }) => runs.items.map((run) => `${run.agent}:${run.status}`);
      expect(agents(await fresh.store.runs.list({ projectId: "billing" }))).toEqual([
        "triage:completed",
        "refund:running",
        "refund:completed",
      ]);
      expect(agents(await fresh.store.runs.list({ agent: "refund" }))).toEqual([
        "refund:running",
        "refund:completed",
      ]);
      expect((await fresh.store.runs.list({ status: "completed" })).items).toHaveLength(3);
      expect((await fresh.store.runs.list({ status: ["failed", "running"] })).items).toHaveLength(2);
      expect((await fresh.store.runs.list({ status: [] })).items).toHaveLength(0);
      expect((await fresh.store.runs.list({ sessionId: "s-1" })).items).toHaveLength(2);

      const first = await fresh.store.runs.list({ status: "completed", limit: 2 });
      const second = await fresh.store.runs.list({ status: "completed", limit: 2, cursor: first.nextCursor });
      expect(first.items).toHaveLength(2);
      expect(second.items).toHaveLength(1);
      expect(second.nextCursor).toBeNull();
      expect(second.items[0]!.status).toBe("completed");
    });
  });
}
