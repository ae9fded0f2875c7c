import { describe, expect, it } from "vitest";
import type { GantryError } from "../../src/core/index.js";
import { datasetOf } from "../../src/evals/datasets/index.js";
import { evalPromptGate } from "../../src/evals/gate/index.js";
import type { Scorer } from "../../src/evals/index.js";
import { createPromptRegistry } from "../../src/prompts/index.js";
import { evalHarness } from "./support/eval-harness.js";

// The eval gate on a prompt label: moving `production` runs the suite on the candidate version and
// refuses the move unless the gate verdict is 0.

const scenario = `name: gate
includeDefaultRules: false
rules:
  - name: terse
    match: { system: { contains: "queue name only" }, responseFormat: json }
    reply: { object: { category: refund } }
  - name: full
    match: { responseFormat: json }
    reply: { object: { category: refund, confidence: 0.9 } }
`;

const prompt = (version: string, wording: string) => `---
id: triage
version: ${version}
output:
  type: object
  required: [category]
  properties:
    category: { type: string }
    confidence: { type: number }
---
Classify the ticket. ${wording}
`;

/** The `router` reads the confidence: a version whose answers lack it must not reach production. */
const hasConfidence: Scorer = {
  name: "confidence",
  type: "custom",
  threshold: 1,
  async score({ output }) {
    const passed = typeof (output.output as { confidence?: unknown } | null)?.confidence === "number";
    return [
      { scorer: "confidence", value: passed ? 1 : 0, passed, ...(passed ? {} : { reason: "no confidence" }) },
    ];
  },
};

describe("evalPromptGate", () => {
  it("lets a label move to a version that passes the suite and refuses one that fails it", async () => {
    const harness = await evalHarness({
      scenario,
      files: { "prompts/triage.prompt.md": prompt("1.0.0", "Answer with JSON.") },
    });
    const loads: string[] = [];
    const gate = evalPromptGate({
      suite: "triage",
      load: async (context) => {
        loads.push(`${context.promptId}@${context.candidate.version}`);
        return {
          suite: {
            name: "triage",
            target: { kind: "prompt", prompt: "triage" },
            scorers: [hasConfidence],
            thresholds: { passRate: 1 },
          },
          dataset: datasetOf(
            "triage",
            [{ id: "refund", input: "I was charged twice", tags: [], source: "manual" }],
            "inline",
          ),
          deps: harness.deps,
        };
      },
    });
    expect(gate.name).toBe("evals:triage");
    const registry = createPromptRegistry({
      store: harness.store,
      rules: { production: { protected: true, gates: ["evals:triage"] } },
      gates: [gate],
    });
    const admin = { name: "test", scopes: ["admin"] };
    await registry.push(prompt("1.0.0", "Answer with JSON."), "prompts/triage.prompt.md");
    await registry.push(prompt("1.0.1", "Answer with the queue name only."), "prompts/triage.prompt.md");

    const moved = await registry.moveLabel("triage", "production", "1.0.0", admin);
    expect(moved.gates[0]).toMatchObject({ gate: "evals:triage", passed: true });
    expect(moved.gates[0]!.summary).toMatch(
      /^triage on triage@1\.0\.0: pass rate 100% of 1 trials, exit 0 \(eval run evr_/,
    );

    const refused = (await registry
      .moveLabel("triage", "production", "1.0.1", admin)
      .catch((error: unknown) => error)) as GantryError;
    expect(refused.code).toBe("PROMPT_GATE_FAILED");
    expect(refused.message).toContain("evals:triage");
    expect(refused.message).toContain("exit 100");
    expect(loads).toEqual(["triage@1.0.0", "triage@1.0.1"]);
    expect((await registry.get("triage", { label: "production" })).version).toBe("1.0.0");

    // Each gate run is an eval run labelled with the candidate it tested.
    const runs = await harness.store.evals.listRuns({ suite: "triage" });
    expect(runs.map((run) => run.label).sort()).toEqual(["gate:triage@1.0.0", "gate:triage@1.0.1"]);
  });

  it("fails closed when the suite does not target the prompt being moved", async () => {
    const harness = await evalHarness({ scenario });
    const gate = evalPromptGate({
      suite: "other",
      load: async () => ({
        suite: { name: "other", target: { kind: "model", model: "sim:default" }, scorers: [] },
        dataset: datasetOf("other", [], "inline"),
        deps: harness.deps,
      }),
    });
    const result = await gate.check({
      promptId: "triage",
      label: "production",
      candidate: { version: "1.0.0" } as never,
      actor: { name: "test", scopes: ["admin"] },
    });
    expect(result).toEqual({
      passed: false,
      summary: "suite other targets model sim:default, not prompt triage: it cannot test the candidate",
    });
  });
});
