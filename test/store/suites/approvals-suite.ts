import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { NewStoredApproval, StoredApprovalDecision } from "../../../src/store/index.js";
import type { StoreBackend } from "../backends.js";
import { rejectionOf, useFreshStore } from "../fresh-store.js";

function request(index: number, overrides: Partial<NewStoredApproval> = {}): NewStoredApproval {
  return {
    runId: `run_${index}`,
    toolCallId: `call_${index}`,
    tool: "destroy_environment",
    agent: "ops",
    argsDigest: "a".repeat(64),
    args: { environment: "production", reason: "ünïcödé ✓", nested: { list: [1, null] } },
    reason: "destructive tool in production",
    ...overrides,
  };
}

const approve = (approver = "cli:alice"): StoredApprovalDecision => ({
  status: "approved",
  approver,
  note: "checked with on-call",
  signature: "f".repeat(64),
});

/** Approvals: idempotent requests, decisions recorded once (also across processes), audited atomically. */
export function defineApprovalsSuite(backend: StoreBackend): void {
  describe("approvals", () => {
    const fresh = useFreshStore(backend);

    it("creates a pending approval and round-trips it by id and by call", async () => {
      const { approval, created } = await fresh.store.approvals.create(request(1, { projectId: "billing" }));
      expect(created).toBe(true);
      expect(approval).toMatchObject({
        projectId: "billing",
        runId: "run_1",
        toolCallId: "call_1",
        status: "pending",
        requestedAt: "2026-11-24T09:00:00.000Z",
        decidedAt: null,
        approver: null,
        note: null,
        signature: null,
      });
      expect(approval.id).toMatch(/^apv_/);
      expect(await fresh.store.approvals.get(approval.id)).toEqual(approval);
      expect(await fresh.store.approvals.getByCall("run_1", "call_1")).toEqual(approval);
      expect(await fresh.store.approvals.get("apv_missing")).toBeUndefined();
      expect(await fresh.store.approvals.getByCall("run_1", "call_2")).toBeUndefined();
    });

    it("is idempotent per run and tool call: a repeat returns the first request unchanged", async () => {
      const first = await fresh.store.approvals.create(request(1));
      const again = await fresh.store.approvals.create(
        request(1, { argsDigest: "b".repeat(64), reason: "x" }),
      );
      expect(again).toEqual({ approval: first.approval, created: false });
      const parallel = await Promise.all(
        Array.from({ length: 8 }, () => fresh.store.approvals.create(request(2))),
      );
      expect(parallel.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(parallel.map((result) => result.approval.id)).size).toBe(1);
      expect(await fresh.store.approvals.list()).toHaveLength(2);
    });

    it("decides a pending approval once; a second decision is already-decided and changes nothing", async () => {
      const { approval } = await fresh.store.approvals.create(request(1));
      fresh.clock.advance(60_000);
      const decided = await fresh.store.approvals.decide(approval.id, approve());
      expect(decided).toEqual({
        outcome: "decided",
        approval: {
          ...approval,
          status: "approved",
          decidedAt: "2026-11-24T09:01:00.000Z",
          approver: "cli:alice",
          note: "checked with on-call",
          signature: "f".repeat(64),
        },
      });
      const second = await fresh.store.approvals.decide(approval.id, {
        status: "denied",
        approver: "cli:mallory",
        note: null,
        signature: "0".repeat(64),
      });
      expect(second).toEqual({
        outcome: "already-decided",
        approval: decided.outcome === "decided" ? decided.approval : null,
      });
      expect(await fresh.store.approvals.decide("apv_missing", approve())).toEqual({ outcome: "not-found" });
    });

    it("lets exactly one of two stores decide the same approval at once", async () => {
      const { approval } = await fresh.store.approvals.create(request(1));
      const other = await fresh.target.open({ clock: fresh.clock });
      try {
        const outcomes = await Promise.all([
          fresh.store.approvals.decide(approval.id, approve("cli:alice")),
          other.approvals.decide(approval.id, { ...approve("cli:bob"), status: "denied" }),
        ]);
        expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(["already-decided", "decided"]);
        const winner = outcomes.find((outcome) => outcome.outcome === "decided");
        expect(await fresh.store.approvals.get(approval.id)).toEqual(
          winner?.outcome === "decided" ? winner.approval : undefined,
        );
      } finally {
        await other.close();
      }
    });

    it("appends the audit entry in the same transaction, only when the row changed", async () => {
      const audit = (approval: { id: string; runId: string }) => ({
        principal: { type: "approver", id: "cli:alice" },
        action: "approval.approve",
        resource: "tool:destroy_environment",
        decision: "approved",
        details: { runId: approval.runId, approvalId: approval.id },
      });
      const { approval } = await fresh.store.approvals.create(request(1, { projectId: "billing" }), {
        audit,
      });
      await fresh.store.approvals.create(request(1), { audit });
      await fresh.store.approvals.decide(approval.id, approve(), { audit });
      await fresh.store.approvals.decide(approval.id, approve(), { audit });
      const entries = await fresh.store.audit.list({ runId: "run_1" });
      expect(entries.map((entry) => [entry.sequence, entry.projectId, entry.details.approvalId])).toEqual([
        [1, "billing", approval.id],
        [2, "billing", approval.id],
      ]);
      expect(await fresh.store.audit.verify()).toEqual({ ok: true, checked: 2 });
    });

    it("rolls the decision back when its audit entry cannot be written", async () => {
      const { approval } = await fresh.store.approvals.create(request(1));
      const failing = () => {
        throw new Error("audit unavailable");
      };
      await expect(fresh.store.approvals.decide(approval.id, approve(), { audit: failing })).rejects.toThrow(
        "audit unavailable",
      );
      expect((await fresh.store.approvals.get(approval.id))?.status).toBe("pending");
    });

    it("lists newest first, by status, run and project, with a limit", async () => {
      const ids: string[] = [];
      for (let index = 1; index <= 4; index++) {
        fresh.clock.advance(1000);
        const { approval } = await fresh.store.approvals.create(
          request(index, index === 4 ? { projectId: "billing", runId: "run_1" } : {}),
        );
        ids.push(approval.id);
      }
      await fresh.store.approvals.decide(ids[1]!, approve());
      const idsOf = (list: { id: string }[]) => list.map((item) => item.id);
      expect(idsOf(await fresh.store.approvals.list())).toEqual([...ids].reverse());
      expect(idsOf(await fresh.store.approvals.list({ status: "pending" }))).toEqual([
        ids[3],
        ids[2],
        ids[0],
      ]);
      expect(idsOf(await fresh.store.approvals.list({ status: "approved" }))).toEqual([ids[1]]);
      expect(idsOf(await fresh.store.approvals.list({ runId: "run_1" }))).toEqual([ids[3], ids[0]]);
      expect(idsOf(await fresh.store.approvals.list({ projectId: "billing" }))).toEqual([ids[3]]);
      expect(idsOf(await fresh.store.approvals.list({ limit: 2 }))).toEqual([ids[3], ids[2]]);
      const badStatus = await rejectionOf(fresh.store.approvals.list({ status: "maybe" as "pending" }));
      expect(badStatus).toMatchObject({ code: "STORE_INVALID_INPUT", details: { field: "status" } });
    });

    it("keeps the arguments exactly as given", async () => {
      const { approval } = await fresh.store.approvals.create(request(1));
      const row = await sql<{ args: string }>`select args from approvals where id = ${approval.id}`.execute(
        fresh.store.db,
      );
      expect(JSON.parse(row.rows[0]!.args)).toEqual(request(1).args);
      expect((await fresh.store.approvals.get(approval.id))?.args).toEqual(request(1).args);
    });
  });
}
