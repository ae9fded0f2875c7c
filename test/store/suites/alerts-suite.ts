import { describe, expect, it } from "vitest";
import type { AlertReport } from "../../../src/store/index.js";
import type { StoreBackend } from "../backends.js";
import { rejectionOf, useFreshStore } from "../fresh-store.js";

function drift(at: string, overrides: Partial<AlertReport> = {}): AlertReport {
  return {
    kind: "prompt-drift",
    key: "triage:h9",
    severity: "warning",
    title: "triage serves a hash no label points to",
    details: { promptId: "triage", hash: "h9", calls: 3 },
    at,
    ...overrides,
  };
}

/** Alerts: one open alert per (project, key), bumped on repeats (also across processes), resolved once. */
export function defineAlertsSuite(backend: StoreBackend): void {
  describe("alerts", () => {
    const fresh = useFreshStore(backend);

    it("opens an alert, then a repeat of the same key bumps it instead of opening another", async () => {
      const alerts = fresh.store.alerts;
      const first = await alerts.report(drift("2026-11-24T09:00:00.000Z"));
      expect(first.opened).toBe(true);
      expect(first.alert).toEqual({
        id: expect.stringMatching(/^alr_/),
        projectId: "default",
        kind: "prompt-drift",
        key: "triage:h9",
        severity: "warning",
        title: "triage serves a hash no label points to",
        details: { promptId: "triage", hash: "h9", calls: 3 },
        firstSeenAt: "2026-11-24T09:00:00.000Z",
        lastSeenAt: "2026-11-24T09:00:00.000Z",
        count: 1,
        resolvedAt: null,
      });
      expect(await alerts.get(first.alert.id)).toEqual(first.alert);

      const again = await alerts.report(
        drift("2026-11-24T10:00:00.000Z", { severity: "critical", title: "worse", details: { calls: 40 } }),
      );
      expect(again).toEqual({
        opened: false,
        alert: {
          ...first.alert,
          severity: "critical",
          title: "worse",
          details: { calls: 40 },
          lastSeenAt: "2026-11-24T10:00:00.000Z",
          count: 2,
        },
      });
      expect(await alerts.list()).toEqual([again.alert]);
      expect(await alerts.get("alr_missing")).toBeUndefined();
    });

    it("resolves once; a report after resolving opens a new alert", async () => {
      const alerts = fresh.store.alerts;
      const { alert } = await alerts.report(drift("2026-11-24T09:00:00.000Z"));
      const resolved = await alerts.resolve(alert.id, "2026-11-24T11:00:00.000Z");
      expect(resolved).toEqual({ ...alert, resolvedAt: "2026-11-24T11:00:00.000Z" });
      expect(await alerts.resolve(alert.id, "2026-11-24T12:00:00.000Z")).toBeUndefined();
      expect(await alerts.resolve("alr_missing", "2026-11-24T12:00:00.000Z")).toBeUndefined();
      expect(await alerts.get(alert.id)).toEqual(resolved);

      const reopened = await alerts.report(drift("2026-11-24T13:00:00.000Z"));
      expect(reopened.opened).toBe(true);
      expect(reopened.alert.id).not.toBe(alert.id);
      expect(reopened.alert).toMatchObject({
        count: 1,
        firstSeenAt: "2026-11-24T13:00:00.000Z",
        resolvedAt: null,
      });
      const bumped = await alerts.report(drift("2026-11-24T14:00:00.000Z"));
      expect(bumped).toMatchObject({ opened: false, alert: { id: reopened.alert.id, count: 2 } });
      expect(await alerts.get(alert.id)).toEqual(resolved);
    });

    it("reports of one key from two connections at once leave one open alert counting them all", async () => {
      const other = await fresh.target.open({ clock: fresh.clock });
      try {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, index) =>
            (index % 2 === 0 ? fresh.store : other).alerts.report(drift("2026-11-24T09:00:00.000Z")),
          ),
        );
        expect(results.filter((result) => result.opened)).toHaveLength(1);
        expect(new Set(results.map((result) => result.alert.id)).size).toBe(1);
        const open = await other.alerts.list();
        expect(open).toHaveLength(1);
        expect(open[0]!.count).toBe(10);
      } finally {
        await other.close();
      }
    });

    it("lists newest first by last seen, filtered by state, kind and project, within the limit", async () => {
      const alerts = fresh.store.alerts;
      const a = await alerts.report(drift("2026-11-24T09:00:00.000Z", { key: "a" }));
      const b = await alerts.report(drift("2026-11-24T09:05:00.000Z", { key: "b", kind: "cost-drift" }));
      const c = await alerts.report(
        drift("2026-11-24T09:10:00.000Z", { key: "c", projectId: "other-project" }),
      );
      await alerts.report(drift("2026-11-24T09:20:00.000Z", { key: "a" }));
      await alerts.resolve(b.alert.id, "2026-11-24T09:30:00.000Z");
      // The same key in another project is another alert.
      const otherA = await alerts.report(
        drift("2026-11-24T09:15:00.000Z", { key: "a", projectId: "other-project" }),
      );
      expect(otherA.opened).toBe(true);

      const ids = async (options: Parameters<typeof alerts.list>[0]) =>
        (await alerts.list(options)).map((alert) => alert.id);
      expect(await ids({})).toEqual([a.alert.id, otherA.alert.id, c.alert.id]);
      expect(await ids({ state: "resolved" })).toEqual([b.alert.id]);
      expect(await ids({ state: "all" })).toEqual([a.alert.id, otherA.alert.id, c.alert.id, b.alert.id]);
      expect(await ids({ state: "all", kind: "cost-drift" })).toEqual([b.alert.id]);
      expect(await ids({ projectId: "other-project" })).toEqual([otherA.alert.id, c.alert.id]);
      expect(await ids({ state: "all", projectId: "default" })).toEqual([a.alert.id, b.alert.id]);
      expect(await ids({ state: "all", limit: 2 })).toEqual([a.alert.id, otherA.alert.id]);
      expect((await rejectionOf(alerts.list({ limit: 0 }))).code).toBe("STORE_INVALID_INPUT");
      expect((await rejectionOf(alerts.list({ state: "closed" as "open" }))).code).toBe(
        "STORE_INVALID_INPUT",
      );
    });

    it("refuses an unknown severity", async () => {
      const error = await rejectionOf(
        fresh.store.alerts.report(drift("2026-11-24T09:00:00.000Z", { severity: "fatal" as "critical" })),
      );
      expect(error.code).toBe("STORE_INVALID_INPUT");
      expect(error.details).toMatchObject({ field: "severity" });
      expect(await fresh.store.alerts.list({ state: "all" })).toEqual([]);
    });
  });
}
