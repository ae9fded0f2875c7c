import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/core/index.js";
import {
  createPromptRegistry,
  type PromptActor,
  type PromptGate,
  type PromptGateContext,
  type PromptRegistryOptions,
} from "../../src/prompts/index.js";
import { describeOnStores } from "../guard/breaker-store-backends.js";
import { rejectionOf, useFreshStore } from "../store/fresh-store.js";
import { promptSource } from "./prompt-sources.js";

// The registry over a real store, on SQLite and Postgres: immutable versions, `latest` following the
// highest push, the declared-bump check, and labels that move only with the right scope and gates.

const admin: PromptActor = { name: "ada", scopes: ["admin"] };
const releaser: PromptActor = { name: "rel", scopes: ["release"] };
const writer: PromptActor = { name: "wes", scopes: ["read", "write"] };

function gate(name: string, passed: boolean, seen: PromptGateContext[] = []): PromptGate {
  return {
    name,
    async check(context) {
      seen.push(context);
      return { passed, summary: passed ? `${name} ok` : `${name}: 2 of 5 cases diverged`, details: { name } };
    },
  };
}

describeOnStores("prompt registry", (backend) => {
  const fresh = useFreshStore(backend);
  const registryWith = (options: Partial<PromptRegistryOptions> = {}) =>
    createPromptRegistry({ store: fresh.store, clock: fresh.clock, ...options });

  describe("push", () => {
    it("stores a version, moves latest to it with the author as actor, and re-pushing is unchanged", async () => {
      const registry = registryWith();
      const source = promptSource({ version: "1.0.0" });
      const pushed = await registry.push(source, "prompts/triage.prompt.md", {
        author: "ada",
        message: "first",
      });
      expect(pushed.outcome).toBe("created");
      expect(pushed.version).toMatchObject({
        id: "triage",
        version: "1.0.0",
        hash: sha256Hex(source),
        author: "ada",
        message: "first",
      });
      expect(pushed.version.frontMatter.variables.ticket?.type).toBe("string");
      expect(pushed.version.template).toContain("{{ticket}}");
      expect(await registry.get("triage")).toEqual(pushed.version);

      const again = await registry.push(source, "prompts/triage.prompt.md", { author: "bob" });
      expect(again.outcome).toBe("unchanged");
      const history = await registry.history("triage");
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ label: "latest", toVersion: "1.0.0", kind: "label", actor: "ada" });
    });

    it("refuses the same version with other content, naming the version and asking for a bump", async () => {
      const registry = registryWith();
      await registry.push(promptSource({ version: "1.0.0" }), "prompts/triage.prompt.md");
      const error = await rejectionOf(
        registry.push(promptSource({ version: "1.0.0", wording: "Sort it." }), "prompts/triage.prompt.md"),
      );
      expect(error).toMatchObject({ code: "PROMPT_VERSION_CONFLICT", domain: "PROMPT", category: "USER" });
      expect(error.message).toContain(
        "version 1.0.0 of triage was pushed with other content; bump the version",
      );
      expect(error.hint).toBeTruthy();
      expect((await registry.versions("triage")).map((version) => version.template)).toEqual([
        expect.stringContaining("Classify the ticket"),
      ]);
    });

    it("refuses a bump smaller than the changes need, naming the change, unless forced", async () => {
      const registry = registryWith();
      await registry.push(promptSource({ version: "1.0.0" }), "prompts/triage.prompt.md");
      const error = await rejectionOf(
        registry.push(promptSource({ version: "1.0.1", dropConfidence: true }), "prompts/triage.prompt.md"),
      );
      expect(error).toMatchObject({ code: "PROMPT_BUMP_TOO_SMALL", category: "USER" });
      expect(error.message).toContain(
        "prompts/triage.prompt.md: triage declared a patch bump (1.0.0 → 1.0.1)",
      );
      expect(error.message).toContain("need a major bump");
      expect(error.message).toContain("confidence");
      expect(error.details).toMatchObject({ declared: "patch", required: "major", previousVersion: "1.0.0" });
      expect((await registry.versions("triage")).map((version) => version.version)).toEqual(["1.0.0"]);

      const forced = await registry.push(
        promptSource({ version: "1.0.1", dropConfidence: true }),
        "prompts/triage.prompt.md",
        { force: true },
      );
      expect(forced.outcome).toBe("created");
      expect((await registry.get("triage")).version).toBe("1.0.1");
    });

    it("keeps latest on the highest version when a lower one is pushed, checking it against the version below", async () => {
      const registry = registryWith();
      await registry.push(promptSource({ version: "1.0.0" }), "a");
      await registry.push(promptSource({ version: "2.0.0", dropConfidence: true }), "a");
      // 1.1.0 adds an optional variable over 1.0.0 (minor): accepted although 2.0.0 exists.
      const backport = await registry.push(promptSource({ version: "1.1.0", optionalVariable: true }), "a");
      expect(backport.outcome).toBe("created");
      expect((await registry.get("triage")).version).toBe("2.0.0");
      expect((await registry.versions("triage")).map((version) => version.version)).toEqual([
        "2.0.0",
        "1.1.0",
        "1.0.0",
      ]);
      // Against 1.1.0 (the highest below), dropping a field in 1.1.1 is too small a bump.
      expect(
        await rejectionOf(registry.push(promptSource({ version: "1.1.1", dropConfidence: true }), "a")),
      ).toMatchObject({ code: "PROMPT_BUMP_TOO_SMALL", details: { previousVersion: "1.1.0" } });
    });

    it("leaves latest on the highest version when pushes race", async () => {
      const registry = registryWith();
      await registry.push(promptSource({ version: "1.0.0" }), "a");
      await Promise.all(
        ["1.0.1", "1.0.2", "1.0.3", "1.0.4"].map((version) =>
          registry.push(promptSource({ version, wording: `Wording ${version}.` }), "a"),
        ),
      );
      expect((await registry.get("triage")).version).toBe("1.0.4");
    });

    it("refuses a malformed file with PROMPT_INVALID naming the file", async () => {
      const error = await rejectionOf(registryWith().push("no front matter", "prompts/bad.prompt.md"));
      expect(error).toMatchObject({ code: "PROMPT_INVALID" });
      expect(error.message).toContain("prompts/bad.prompt.md:1");
    });
  });

  describe("get", () => {
    it("tells a missing prompt, version and label apart", async () => {
      const registry = registryWith();
      expect(await rejectionOf(registry.get("triage"))).toMatchObject({ code: "PROMPT_NOT_FOUND" });
      expect(await rejectionOf(registry.versions("triage"))).toMatchObject({ code: "PROMPT_NOT_FOUND" });
      await registry.push(promptSource({ version: "1.0.0" }), "a");
      const version = await rejectionOf(registry.get("triage", { version: "9.9.9" }));
      expect(version).toMatchObject({ code: "PROMPT_VERSION_NOT_FOUND", details: { known: ["1.0.0"] } });
      const label = await rejectionOf(registry.get("triage", { label: "production" }));
      expect(label).toMatchObject({ code: "PROMPT_LABEL_NOT_FOUND", details: { known: ["latest"] } });
      expect(label.message).toContain("latest → 1.0.0");
      expect(await rejectionOf(registry.get("triage", { label: "latest", version: "1.0.0" }))).toMatchObject({
        code: "PROMPT_SELECTOR_INVALID",
      });
    });

    it("lists prompts with their labels", async () => {
      const registry = registryWith();
      await registry.push(promptSource({ version: "1.0.0" }), "a");
      await registry.push(promptSource({ id: "escalate", version: "0.1.0" }), "b");
      await registry.moveLabel("triage", "staging", "1.0.0", writer);
      const list = await registry.list();
      expect(list.map((prompt) => [prompt.promptId, prompt.labels])).toEqual([
        ["escalate", { latest: "0.1.0" }],
        ["triage", { latest: "1.0.0", staging: "1.0.0" }],
      ]);
    });
  });

  describe("moveLabel", () => {
    async function twoVersions(options: Partial<PromptRegistryOptions> = {}) {
      const registry = registryWith(options);
      await registry.push(promptSource({ version: "1.0.0" }), "a");
      await registry.push(promptSource({ version: "1.1.0", optionalVariable: true }), "a");
      return registry;
    }

    it("refuses to move latest by hand, and label names that are not labels", async () => {
      const registry = await twoVersions();
      expect(await rejectionOf(registry.moveLabel("triage", "latest", "1.0.0", admin))).toMatchObject({
        code: "PROMPT_LABEL_RESERVED",
      });
      expect(await rejectionOf(registry.moveLabel("triage", "Prod uction", "1.0.0", admin))).toMatchObject({
        code: "PROMPT_LABEL_INVALID",
      });
    });

    it("needs release or admin for a protected label (production by default)", async () => {
      const registry = await twoVersions();
      const error = await rejectionOf(registry.moveLabel("triage", "production", "1.0.0", writer));
      expect(error).toMatchObject({ code: "PROMPT_LABEL_FORBIDDEN", category: "USER" });
      expect(error.message).toContain("wes");
      expect(await rejectionOf(registry.get("triage", { label: "production" }))).toMatchObject({
        code: "PROMPT_LABEL_NOT_FOUND",
      });
      const moved = await registry.moveLabel("triage", "production", "1.0.0", releaser);
      expect(moved).toMatchObject({ moved: true, label: { label: "production", version: "1.0.0" } });
      expect((await registry.moveLabel("triage", "production", "1.1.0", admin)).label.version).toBe("1.1.0");
      // Unprotected labels are open to anyone who may call the registry.
      expect((await registry.moveLabel("triage", "staging", "1.0.0", writer)).moved).toBe(true);
    });

    it("runs every gate of the rule in order and keeps their results in the history", async () => {
      const seen: PromptGateContext[] = [];
      const registry = await twoVersions({
        rules: { production: { protected: true, gates: ["first", "second"] } },
        gates: [gate("second", true, seen), gate("first", true, seen)],
      });
      await registry.moveLabel("triage", "production", "1.0.0", admin);
      const result = await registry.moveLabel("triage", "production", "1.1.0", admin);
      expect(result.gates).toEqual([
        { gate: "first", passed: true, summary: "first ok", details: { name: "first" } },
        { gate: "second", passed: true, summary: "second ok", details: { name: "second" } },
      ]);
      expect(seen.at(-1)).toMatchObject({
        promptId: "triage",
        label: "production",
        candidate: { version: "1.1.0" },
        current: { version: "1.0.0" },
        actor: admin,
      });
      expect(seen[0]?.current).toBeUndefined();
      const history = await registry.history("triage", "production");
      expect(history.map((event) => [event.fromVersion, event.toVersion, event.actor])).toEqual([
        [null, "1.0.0", "ada"],
        ["1.0.0", "1.1.0", "ada"],
      ]);
      expect(history[1]?.details).toMatchObject({
        gates: [
          { gate: "first", passed: true, summary: "first ok" },
          { gate: "second", passed: true, summary: "second ok" },
        ],
      });
    });

    it("moves nothing when a gate fails, naming the gate and its summary", async () => {
      const seen: PromptGateContext[] = [];
      const registry = await twoVersions({
        rules: { production: { protected: true, gates: ["prompts-check", "evals"] } },
        gates: [gate("prompts-check", false, seen), gate("evals", true, seen)],
      });
      const error = await rejectionOf(registry.moveLabel("triage", "production", "1.1.0", admin));
      expect(error).toMatchObject({ code: "PROMPT_GATE_FAILED", category: "USER" });
      expect(error.message).toContain('gate "prompts-check" failed: prompts-check: 2 of 5 cases diverged');
      // Every gate ran, so one attempt reports everything that needs fixing.
      expect(seen).toHaveLength(2);
      expect((error.details as { gates: unknown[] }).gates).toHaveLength(2);
      expect(await rejectionOf(registry.get("triage", { label: "production" }))).toMatchObject({
        code: "PROMPT_LABEL_NOT_FOUND",
      });
      expect(await registry.history("triage", "production")).toEqual([]);
    });

    it("counts a gate that throws as failed", async () => {
      const registry = await twoVersions({
        rules: { staging: { protected: false, gates: ["flaky"] } },
        gates: [
          {
            name: "flaky",
            check: async () => {
              throw new Error("eval service timed out");
            },
          },
        ],
      });
      const error = await rejectionOf(registry.moveLabel("triage", "staging", "1.1.0", writer));
      expect(error).toMatchObject({ code: "PROMPT_GATE_FAILED" });
      expect(error.message).toContain("eval service timed out");
    });

    it("fails closed on a gate the rule names but nobody registered", async () => {
      const registry = await twoVersions({
        rules: { production: { protected: true, gates: ["evals"] } },
        gates: [gate("prompts-check", true)],
      });
      const error = await rejectionOf(registry.moveLabel("triage", "production", "1.1.0", admin));
      expect(error).toMatchObject({ code: "PROMPT_GATE_UNKNOWN", details: { unknown: ["evals"] } });
      expect(await registry.history("triage", "production")).toEqual([]);
    });

    it("writes nothing when the label already points at the version", async () => {
      const registry = await twoVersions();
      await registry.moveLabel("triage", "staging", "1.0.0", admin);
      const again = await registry.moveLabel("triage", "staging", "1.0.0", admin);
      expect(again.moved).toBe(false);
      expect(await registry.history("triage", "staging")).toHaveLength(1);
    });

    it("refuses a version that was never pushed", async () => {
      const registry = await twoVersions();
      expect(await rejectionOf(registry.moveLabel("triage", "staging", "3.0.0", admin))).toMatchObject({
        code: "PROMPT_VERSION_NOT_FOUND",
      });
    });

    it("refuses two gates with one name when the registry is made", () => {
      expect(() => registryWith({ gates: [gate("evals", true), gate("evals", false)] })).toThrow(
        expect.objectContaining({ code: "PROMPT_GATE_INVALID" }),
      );
    });
  });

  it("diffs two versions line by line with the static classification", async () => {
    const registry = registryWith();
    await registry.push(promptSource({ version: "1.0.0" }), "a");
    await registry.push(
      promptSource({ version: "2.0.0", dropConfidence: true, wording: "Sort the ticket." }),
      "a",
    );
    await registry.moveLabel("triage", "staging", "1.0.0", admin);
    const diff = await registry.diff("triage", { label: "staging" }, {});
    expect(diff.from.version).toBe("1.0.0");
    expect(diff.to.version).toBe("2.0.0");
    const changed = diff.lines.filter((line) => line.op !== "equal");
    expect(changed).toEqual([
      { op: "remove", text: "version: 1.0.0", oldLine: 3 },
      { op: "add", text: "version: 2.0.0", newLine: 3 },
      { op: "remove", text: "    confidence: { type: number }", oldLine: 12 },
      { op: "remove", text: "Classify the ticket into one queue.", oldLine: 14 },
      { op: "add", text: "Sort the ticket.", newLine: 13 },
    ]);
    expect(diff.classification.bump).toBe("major");
    expect(diff.classification.reasons.map((reason) => reason.bump).sort()).toEqual(["major", "patch"]);
  });
});
