import { describe, expect, it } from "vitest";
import type { NewStoredPromptVersion } from "../../../src/store/index.js";
import type { StoreBackend } from "../backends.js";
import { rejectionOf, useFreshStore } from "../fresh-store.js";

function version(
  promptId: string,
  semver: string,
  overrides: Partial<NewStoredPromptVersion> = {},
): NewStoredPromptVersion {
  return {
    promptId,
    version: semver,
    hash: `${promptId}-${semver}-hash`,
    source: `---\nid: ${promptId}\nversion: ${semver}\n---\nHello {{name}} ✓`,
    frontMatter: { id: promptId, version: semver, description: `${promptId} at ${semver}` },
    message: `push ${semver}`,
    author: "cli:alice",
    ...overrides,
  };
}

/** Prompt registry storage: immutable versions, semver order, labels and their history, consumers. */
export function definePromptsSuite(backend: StoreBackend): void {
  describe("prompts", () => {
    const fresh = useFreshStore(backend);

    it("creates a version and round-trips it; a repeat with the same hash exists, another hash conflicts", async () => {
      const prompts = fresh.store.prompts;
      const created = await prompts.createVersion(version("triage", "1.0.0"));
      expect(created.outcome).toBe("created");
      expect(created.version).toEqual({
        projectId: "default",
        promptId: "triage",
        version: "1.0.0",
        hash: "triage-1.0.0-hash",
        source: "---\nid: triage\nversion: 1.0.0\n---\nHello {{name}} ✓",
        frontMatter: { id: "triage", version: "1.0.0", description: "triage at 1.0.0" },
        message: "push 1.0.0",
        author: "cli:alice",
        createdAt: "2026-11-24T09:00:00.000Z",
      });
      expect(await prompts.getVersion("triage", "1.0.0")).toEqual(created.version);

      fresh.clock.advance(1000);
      const repeated = await prompts.createVersion(version("triage", "1.0.0", { message: "again" }));
      expect(repeated).toEqual({ outcome: "exists", version: created.version });
      const changed = await prompts.createVersion(
        version("triage", "1.0.0", { hash: "other-hash", source: "edited" }),
      );
      expect(changed).toEqual({ outcome: "conflict", version: created.version });
      expect(await prompts.listVersions("triage")).toEqual([created.version]);

      expect(await prompts.getVersion("triage", "9.9.9")).toBeUndefined();
      expect(await prompts.getVersion("triage", "1.0.0", "other-project")).toBeUndefined();
      const elsewhere = await prompts.createVersion(
        version("triage", "1.0.0", { projectId: "other-project" }),
      );
      expect(elsewhere.outcome).toBe("created");
      expect(elsewhere.version.projectId).toBe("other-project");
    });

    it("refuses a version that is not semver", async () => {
      const error = await rejectionOf(fresh.store.prompts.createVersion(version("triage", "v1")));
      expect(error.code).toBe("STORE_INVALID_INPUT");
      expect(error.details).toMatchObject({ field: "version" });
    });

    it("two connections pushing the same version at once store one row: one created, the rest exists or conflict", async () => {
      const other = await fresh.target.open({ clock: fresh.clock });
      try {
        const hashes = ["hash-a", "hash-a", "hash-a", "hash-b", "hash-b", "hash-b"];
        const attempts = await Promise.all(
          hashes.map((hash, index) =>
            (index % 2 === 0 ? fresh.store : other).prompts.createVersion(
              version("triage", "2.0.0", { hash }),
            ),
          ),
        );
        const created = attempts.filter((attempt) => attempt.outcome === "created");
        expect(created).toHaveLength(1);
        const winner = created[0]!.version;
        attempts.forEach((attempt, index) => {
          expect(attempt.version).toEqual(winner);
          if (attempt !== created[0]) {
            expect(attempt.outcome).toBe(hashes[index] === winner.hash ? "exists" : "conflict");
          }
        });
        expect(await other.prompts.listVersions("triage")).toEqual([winner]);
      } finally {
        await other.close();
      }
    });

    it("lists versions newest first by semver precedence, not string order", async () => {
      for (const semver of [
        "1.9.0",
        "1.10.0",
        "1.0.0-rc.1",
        "1.0.0",
        "0.2.0",
        "2.0.0-beta.2",
        "2.0.0-beta.10",
      ]) {
        await fresh.store.prompts.createVersion(version("triage", semver));
      }
      const versions = await fresh.store.prompts.listVersions("triage");
      expect(versions.map((entry) => entry.version)).toEqual([
        "2.0.0-beta.10",
        "2.0.0-beta.2",
        "1.10.0",
        "1.9.0",
        "1.0.0",
        "1.0.0-rc.1",
        "0.2.0",
      ]);
      expect(await fresh.store.prompts.listVersions("unknown")).toEqual([]);
    });

    it("lists one summary per prompt: highest semver, its description, counts, labels, last change", async () => {
      const prompts = fresh.store.prompts;
      await prompts.createVersion(version("triage", "1.10.0"));
      fresh.clock.advance(1000);
      await prompts.createVersion(version("triage", "1.9.0"));
      await prompts.createVersion(version("answer", "0.1.0", { frontMatter: { id: "answer" } }));
      await prompts.createVersion(version("hidden", "1.0.0", { projectId: "other-project" }));
      fresh.clock.advance(1000);
      await prompts.moveLabel({ promptId: "triage", label: "production", version: "1.9.0" });
      await prompts.moveLabel({ promptId: "triage", label: "staging", version: "1.10.0" });

      expect(await prompts.list()).toEqual([
        {
          projectId: "default",
          promptId: "answer",
          latestVersion: "0.1.0",
          latestHash: "answer-0.1.0-hash",
          description: null,
          versions: 1,
          labels: {},
          updatedAt: "2026-11-24T09:00:01.000Z",
        },
        {
          projectId: "default",
          promptId: "triage",
          latestVersion: "1.10.0",
          latestHash: "triage-1.10.0-hash",
          description: "triage at 1.10.0",
          versions: 2,
          labels: { production: "1.9.0", staging: "1.10.0" },
          updatedAt: "2026-11-24T09:00:02.000Z",
        },
      ]);
      expect((await prompts.list("other-project")).map((summary) => summary.promptId)).toEqual(["hidden"]);
      expect(await prompts.list("empty-project")).toEqual([]);
    });

    it("moves labels with a history event per move; an unchanged move or a missing version writes nothing", async () => {
      const prompts = fresh.store.prompts;
      await prompts.createVersion(version("triage", "1.0.0"));
      await prompts.createVersion(version("triage", "1.1.0"));

      const placed = await prompts.moveLabel({
        promptId: "triage",
        label: "production",
        version: "1.0.0",
        actor: "cli:alice",
        details: { gates: [{ name: "eval", passed: true }] },
      });
      expect(placed).toEqual({
        projectId: "default",
        promptId: "triage",
        label: "production",
        version: "1.0.0",
        hash: "triage-1.0.0-hash",
        updatedAt: "2026-11-24T09:00:00.000Z",
        updatedBy: "cli:alice",
      });
      expect(await prompts.getLabel("triage", "production")).toEqual(placed);

      fresh.clock.advance(60_000);
      const unchanged = await prompts.moveLabel({
        promptId: "triage",
        label: "production",
        version: "1.0.0",
      });
      expect(unchanged).toEqual(placed);
      expect(
        await prompts.moveLabel({ promptId: "triage", label: "production", version: "7.0.0" }),
      ).toBeUndefined();
      expect(
        await prompts.moveLabel({ promptId: "nothing", label: "production", version: "1.0.0" }),
      ).toBeUndefined();
      expect(await prompts.getLabel("triage", "production")).toEqual(placed);

      const moved = await prompts.moveLabel({
        promptId: "triage",
        label: "production",
        version: "1.1.0",
        kind: "deploy",
        actor: "release:rel_1",
      });
      expect(moved).toMatchObject({
        version: "1.1.0",
        hash: "triage-1.1.0-hash",
        updatedBy: "release:rel_1",
      });
      expect(moved!.updatedAt).toBe("2026-11-24T09:01:00.000Z");
      fresh.clock.advance(60_000);
      await prompts.moveLabel({ promptId: "triage", label: "staging", version: "1.1.0" });

      const events = await prompts.labelEvents();
      expect(events.map(({ sequence: _, ...event }) => event)).toEqual([
        {
          projectId: "default",
          promptId: "triage",
          label: "production",
          fromVersion: null,
          toVersion: "1.0.0",
          toHash: "triage-1.0.0-hash",
          kind: "label",
          actor: "cli:alice",
          details: { gates: [{ name: "eval", passed: true }] },
          at: "2026-11-24T09:00:00.000Z",
        },
        {
          projectId: "default",
          promptId: "triage",
          label: "production",
          fromVersion: "1.0.0",
          toVersion: "1.1.0",
          toHash: "triage-1.1.0-hash",
          kind: "deploy",
          actor: "release:rel_1",
          details: null,
          at: "2026-11-24T09:01:00.000Z",
        },
        {
          projectId: "default",
          promptId: "triage",
          label: "staging",
          fromVersion: null,
          toVersion: "1.1.0",
          toHash: "triage-1.1.0-hash",
          kind: "label",
          actor: null,
          details: null,
          at: "2026-11-24T09:02:00.000Z",
        },
      ]);
      const sequences = events.map((event) => event.sequence);
      expect(sequences.every((sequence) => typeof sequence === "number")).toBe(true);
      expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
      expect(new Set(sequences).size).toBe(3);

      expect((await prompts.labelEvents({ label: "staging" })).map((event) => event.toVersion)).toEqual([
        "1.1.0",
      ]);
      expect(
        (await prompts.labelEvents({ promptId: "triage", since: "2026-11-24T09:01:00.000Z" })).map(
          (event) => `${event.label}:${event.toVersion}`,
        ),
      ).toEqual(["production:1.1.0", "staging:1.1.0"]);
      expect(await prompts.labelEvents({ promptId: "other" })).toEqual([]);
      expect(await prompts.labelEvents({ projectId: "other-project" })).toEqual([]);
      expect((await prompts.listLabels("triage")).map((label) => `${label.label}:${label.version}`)).toEqual([
        "production:1.1.0",
        "staging:1.1.0",
      ]);
      expect(await prompts.getLabel("triage", "canary")).toBeUndefined();
    });

    it("concurrent moves of one label from two connections each record the label they replaced", async () => {
      const other = await fresh.target.open({ clock: fresh.clock });
      try {
        for (const semver of ["1.0.0", "1.1.0", "1.2.0", "1.3.0"]) {
          await fresh.store.prompts.createVersion(version("triage", semver));
        }
        await Promise.all(
          ["1.0.0", "1.1.0", "1.2.0", "1.3.0"].map((semver, index) =>
            (index % 2 === 0 ? fresh.store : other).prompts.moveLabel({
              promptId: "triage",
              label: "production",
              version: semver,
            }),
          ),
        );
        const events = await fresh.store.prompts.labelEvents({ label: "production" });
        expect(events).toHaveLength(4);
        // The history is a chain: each move starts where the previous one ended.
        expect(events[0]!.fromVersion).toBeNull();
        for (let index = 1; index < events.length; index += 1) {
          expect(events[index]!.fromVersion).toBe(events[index - 1]!.toVersion);
        }
        expect((await other.prompts.getLabel("triage", "production"))?.version).toBe(
          events.at(-1)!.toVersion,
        );
      } finally {
        await other.close();
      }
    });

    it("refuses an unknown move kind", async () => {
      await fresh.store.prompts.createVersion(version("triage", "1.0.0"));
      const error = await rejectionOf(
        fresh.store.prompts.moveLabel({
          promptId: "triage",
          label: "production",
          version: "1.0.0",
          kind: "push" as "label",
        }),
      );
      expect(error.code).toBe("STORE_INVALID_INPUT");
      expect(await fresh.store.prompts.labelEvents()).toEqual([]);
    });

    it("puts, replaces, lists and deletes consumer contracts", async () => {
      const prompts = fresh.store.prompts;
      const contract = { requires: ["category", "confidence"], enums: { category: ["refund", "other"] } };
      const put = await prompts.putConsumer({ promptId: "triage", consumer: "router", contract });
      expect(put).toEqual({
        projectId: "default",
        promptId: "triage",
        consumer: "router",
        contract,
        updatedAt: "2026-11-24T09:00:00.000Z",
      });
      await prompts.putConsumer({ promptId: "triage", consumer: "analytics", contract: { requires: [] } });
      await prompts.putConsumer({ promptId: "answer", consumer: "router", contract: {} });
      await prompts.putConsumer({
        projectId: "other-project",
        promptId: "triage",
        consumer: "x",
        contract: {},
      });
      fresh.clock.advance(5000);
      const replaced = await prompts.putConsumer({
        promptId: "triage",
        consumer: "router",
        contract: { requires: ["category"] },
      });
      expect(replaced.updatedAt).toBe("2026-11-24T09:00:05.000Z");

      const listed = await prompts.listConsumers("triage");
      expect(listed.map((consumer) => consumer.consumer)).toEqual(["analytics", "router"]);
      expect(listed[1]).toEqual(replaced);
      expect(await prompts.deleteConsumer("triage", "router")).toBe(true);
      expect(await prompts.deleteConsumer("triage", "router")).toBe(false);
      expect((await prompts.listConsumers("triage")).map((consumer) => consumer.consumer)).toEqual([
        "analytics",
      ]);
      expect(await prompts.listConsumers("answer")).toHaveLength(1);
      expect(await prompts.listConsumers("triage", "other-project")).toHaveLength(1);
    });
  });
}
