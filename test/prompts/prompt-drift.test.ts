import { expect, it } from "vitest";
import { sha256Hex } from "../../src/core/index.js";
import {
  createPromptRegistry,
  detectPromptDrift,
  promptDriftAlertKind,
  reportPromptDrift,
} from "../../src/prompts/index.js";
import { describeOnStores } from "../guard/breaker-store-backends.js";
import { useFreshStore } from "../store/fresh-store.js";
import { makeSpan } from "../store/span-fixtures.js";
import { promptSource } from "./prompt-sources.js";

// Prompt-hash drift on SQLite and Postgres: production calls carrying a text the production label
// does not point to, unless a recorded move put that text in effect while the calls happened.

const minute = 60_000;
const admin = { name: "ada", scopes: ["admin"] };
const v1 = promptSource({ version: "1.0.0" });
const v2 = promptSource({ version: "1.0.1", wording: "Sort the ticket." });
const hotfix = promptSource({ version: "1.0.1", wording: "Edited in place on the server." });

describeOnStores("prompt drift", (backend) => {
  const fresh = useFreshStore(backend);
  let spanNumber = 0;

  // Production (or other) model calls carrying a prompt hash, at minutes after the start.
  async function calls(promptId: string, source: string, minutes: number[], environment = "production") {
    const start = fresh.clock.now();
    await fresh.store.spans.insertMany(
      minutes.map((offset) => {
        spanNumber++;
        return makeSpan({
          traceId: `trace-${spanNumber}`,
          spanId: `span-${spanNumber}`,
          startTimeMs: start + offset * minute,
          endTimeMs: start + offset * minute + 400,
          promptId,
          promptHash: sha256Hex(source),
          environment,
        });
      }),
    );
  }

  async function released() {
    const registry = createPromptRegistry({ store: fresh.store, clock: fresh.clock });
    await registry.push(v1, "prompts/triage.prompt.md");
    await registry.push(v2, "prompts/triage.prompt.md");
    await registry.moveLabel("triage", "production", "1.0.0", admin);
    return registry;
  }

  const window = () => ({ sinceMs: fresh.clock.now() - minute, nowMs: fresh.clock.now() + 60 * minute });

  it("finds production calls on a pushed version the label is not on, and on unregistered text", async () => {
    await released();
    const { sinceMs, nowMs } = window();
    await calls("triage", v1, [1, 2]);
    await calls("triage", v2, [3]);
    await calls("triage", hotfix, [4, 5]);
    const findings = await detectPromptDrift({ store: fresh.store, sinceMs, nowMs });
    const start = fresh.clock.now();
    expect(findings).toEqual([
      {
        promptId: "triage",
        hash: sha256Hex(hotfix),
        knownVersion: null,
        expected: { version: "1.0.0", hash: sha256Hex(v1) },
        label: "production",
        environment: "production",
        calls: 2,
        firstSeenMs: start + 4 * minute,
        lastSeenMs: start + 5 * minute,
      },
      expect.objectContaining({ hash: sha256Hex(v2), knownVersion: "1.0.1", calls: 1 }),
    ]);
  });

  it("ignores other environments, prompts without the label, and calls before the window", async () => {
    await released();
    const { nowMs } = window();
    await calls("triage", hotfix, [1, 2], "staging");
    await calls("escalate", hotfix, [1]);
    await calls("triage", v2, [1]);
    const sinceMs = fresh.clock.now() + 2 * minute;
    expect(await detectPromptDrift({ store: fresh.store, sinceMs, nowMs })).toEqual([]);
    // The same staging calls are drift when staging is the environment checked (against production).
    const staging = await detectPromptDrift({
      store: fresh.store,
      environment: "staging",
      sinceMs: 0,
      nowMs,
    });
    expect(staging.map((finding) => [finding.environment, finding.knownVersion, finding.calls])).toEqual([
      ["staging", null, 2],
    ]);
  });

  it("does not report a hash a recorded label move or release put in effect while it was used", async () => {
    const registry = await released();
    const { sinceMs, nowMs } = window();
    const start = fresh.clock.now();
    // 1.0.0 served until the move at minute 10, then 1.0.1.
    await calls("triage", v1, [1, 2, 9]);
    fresh.clock.set(start + 10 * minute);
    await registry.moveLabel("triage", "production", "1.0.1", admin);
    await calls("triage", v2, [1]);
    expect(await detectPromptDrift({ store: fresh.store, sinceMs, nowMs })).toEqual([]);

    // Calls still on 1.0.0 long after the move, and only then, are drift again (a stale deployment).
    await calls("triage", v1, [20]);
    const late = await detectPromptDrift({ store: fresh.store, sinceMs: start + 15 * minute, nowMs });
    expect(late.map((finding) => [finding.knownVersion, finding.expected.version])).toEqual([
      ["1.0.0", "1.0.1"],
    ]);

    // A release recorded by deploy explains its hash the same way: 1.0.0 back in effect from minute 25
    // to 40, used at 35, and the label on 1.0.1 again afterwards.
    fresh.clock.set(start + 25 * minute);
    await fresh.store.prompts.moveLabel({
      promptId: "triage",
      label: "production",
      version: "1.0.0",
      kind: "deploy",
      actor: "deploy",
    });
    await calls("triage", v1, [10]);
    fresh.clock.set(start + 40 * minute);
    await registry.moveLabel("triage", "production", "1.0.1", admin);
    expect(await detectPromptDrift({ store: fresh.store, sinceMs: start + 32 * minute, nowMs })).toEqual([]);
  });

  it("reports each finding once as an open prompt-drift alert, counted on every check", async () => {
    await released();
    const { sinceMs, nowMs } = window();
    await calls("triage", hotfix, [1, 2, 3]);
    const first = await reportPromptDrift({ store: fresh.store, sinceMs, nowMs });
    expect(first).toHaveLength(1);
    await reportPromptDrift({ store: fresh.store, sinceMs, nowMs: nowMs + minute });
    const alerts = await fresh.store.alerts.list({ kind: promptDriftAlertKind });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: "prompt-drift",
      key: `triage:${sha256Hex(hotfix)}`,
      severity: "warning",
      count: 2,
      details: { promptId: "triage", knownVersion: null, calls: 3 },
    });
    expect(alerts[0]?.title).toBe(
      `Prompt triage: 3 production calls used an unregistered text (${sha256Hex(hotfix).slice(0, 12)}), but label production is 1.0.0 (${sha256Hex(v1).slice(0, 12)})`,
    );
    expect(await reportPromptDrift({ store: fresh.store, sinceMs: nowMs, nowMs })).toEqual([]);
  });
});
