import { describe, expect, it } from "vitest";
import { GantryError } from "../../src/core/index.js";
import { datasetOf } from "../../src/evals/datasets/index.js";
import { gateVerdict } from "../../src/evals/gate/index.js";
import type { EvalCase, Scorer } from "../../src/evals/index.js";
import { type RunnableSuite, runEval } from "../../src/evals/runner/index.js";
import { defineAgent } from "../../src/runtime/index.js";
import { evalHarness, permitEverything } from "./support/eval-harness.js";

// The runner on the real sim model, a real SQLite store and real telemetry: the concurrency bound,
// no head-of-line blocking, a trace per trial, resuming a run that stopped, and each target kind.

const scenario = `name: eval-tests
includeDefaultRules: false
rules:
  - name: triage-json
    match: { lastUserText: { regex: "refund|charged" }, responseFormat: json }
    reply: { object: { category: refund, confidence: 0.9 } }
  - name: triage-json-other
    match: { responseFormat: json }
    reply: { object: { category: other, confidence: 0.4 } }
  - name: look-up
    match: { toolsOffered: [lookup_order], toolResults: false }
    reply:
      toolCalls:
        - name: lookup_order
          arguments: { orderId: "A-7" }
  - name: answer
    match: { toolResults: [lookup_order] }
    reply: { text: "Order {{toolResult.lookup_order.orderId}} is shipped." }
  - name: echo
    reply: { text: "echo: {{lastUserText}}" }
`;

function cases(n: number): EvalCase[] {
  return Array.from({ length: n }, (_, index) => ({
    id: `case-${String(index + 1).padStart(2, "0")}`,
    input: `question ${index + 1}`,
    expected: `echo: question ${index + 1}`,
    tags: [],
    source: "synthetic" as const,
  }));
}

/** A scorer written inline: passes when the text equals the case's expected answer. */
function equalsExpected(onScore?: (caseId: string) => Promise<void> | void): Scorer {
  return {
    name: "equals",
    type: "equals",
    threshold: 1,
    async score({ testCase, output }) {
      await onScore?.(testCase.id);
      const passed = output.text === testCase.expected;
      return [
        {
          scorer: "equals",
          value: passed ? 1 : 0,
          passed,
          ...(passed ? {} : { reason: `got ${output.text}` }),
        },
      ];
    },
  };
}

function modelSuite(scorers: Scorer[], trials = 1): RunnableSuite {
  return {
    name: "echo",
    target: { kind: "model", model: "sim:default" },
    scorers,
    trials,
    thresholds: { passRate: 1 },
  };
}

describe("runEval", () => {
  it("never has more than `concurrency` trials in flight, and reaches it", async () => {
    const harness = await evalHarness({ scenario });
    const progress: Array<[number, number]> = [];
    const outcome = await runEval({
      suite: modelSuite([equalsExpected()], 2),
      dataset: datasetOf("echo", cases(12), "inline"),
      deps: harness.deps,
      options: { concurrency: 3, onProgress: (done, total) => progress.push([done, total]) },
    });
    expect(harness.calls()).toBe(24);
    expect(harness.peakInFlight()).toBe(3);
    expect(outcome.results).toHaveLength(24);
    expect(outcome.summary).toMatchObject({
      cases: 12,
      trials: 24,
      passedCases: 12,
      failedCases: 0,
      inconclusiveCases: 0,
    });
    expect(outcome.summary.passRate.mean).toBe(1);
    expect(progress[0]).toEqual([0, 24]);
    expect(progress.at(-1)).toEqual([24, 24]);
    const stored = await harness.store.evals.listResults(outcome.run.id);
    expect(stored).toHaveLength(24);
    expect(outcome.run.status).toBe("completed");
    expect((outcome.run.summary as { trials: number }).trials).toBe(24);
    // The dataset version the run pinned is in the store.
    const dataset = await harness.store.evals.getDataset("echo", outcome.run.datasetHash);
    expect(dataset?.cases).toHaveLength(12);
  });

  it("does not hold other trials behind a slow one", async () => {
    const harness = await evalHarness({ scenario });
    const finished: string[] = [];
    let release!: () => void;
    const othersDone = new Promise<void>((resolve) => {
      release = resolve;
    });
    const scorer = equalsExpected(async (caseId) => {
      if (caseId === "case-01") {
        // The first case waits until every other case has been scored: with head-of-line blocking
        // (batches, or results awaited in order) this would never finish.
        await othersDone;
      } else {
        finished.push(caseId);
        if (finished.length === 7) release();
      }
    });
    const outcome = await runEval({
      suite: modelSuite([scorer]),
      dataset: datasetOf("echo", cases(8), "inline"),
      deps: harness.deps,
      options: { concurrency: 2 },
    });
    expect(outcome.summary.passedCases).toBe(8);
    expect(finished).toHaveLength(7);
  });

  it("gives every trial its own trace, linked from its result", async () => {
    const harness = await evalHarness({ scenario });
    const outcome = await runEval({
      suite: modelSuite([equalsExpected()]),
      dataset: datasetOf("echo", cases(2), "inline"),
      deps: harness.deps,
    });
    await harness.telemetry.flush();
    const traceIds = outcome.results.map((result) => result.output.traceId);
    expect(new Set(traceIds).size).toBe(2);
    for (const [index, traceId] of traceIds.entries()) {
      const spans = await harness.store.spans.getTrace(traceId!);
      const root = spans.find((span) => span.parentSpanId === null)!;
      expect(root.name).toBe("eval_case echo");
      expect(root.attributes).toMatchObject({
        "gantry.eval.run_id": outcome.run.id,
        "gantry.eval.case_id": outcome.results[index]!.caseId,
        "gantry.eval.trial": 0,
      });
      expect(spans.some((span) => span.name.startsWith("chat ") && span.parentSpanId === root.spanId)).toBe(
        true,
      );
    }
    const stored = await harness.store.evals.listResults(outcome.run.id);
    expect(stored.map((result) => result.traceId)).toEqual(traceIds);
  });

  it.each([
    ["SQLite", false],
    ["Postgres", true],
  ])(
    "resumes a run that stopped (%s): only the missing trials run, the stored ones are kept",
    async (_name, postgres) => {
      const harness = await evalHarness({ scenario, postgres });
      const dataset = datasetOf("echo", cases(6), "inline");
      const broken: Scorer = {
        ...equalsExpected(),
        async score(context) {
          if (context.testCase.id === "case-04") throw new TypeError("cannot read properties of undefined");
          return equalsExpected().score(context);
        },
      };
      const failure = await runEval({
        suite: modelSuite([broken]),
        dataset,
        deps: harness.deps,
        options: { concurrency: 1 },
      }).catch((error: unknown) => error);
      expect(GantryError.isInstance(failure) && failure.code).toBe("EVAL_SCORER_FAILED");
      expect((failure as GantryError).message).toContain('Scorer "equals" (equals) threw on case "case-04"');
      const [run] = await harness.store.evals.listRuns({ suite: "echo" });
      expect(run!.status).toBe("failed");
      const before = await harness.store.evals.listResults(run!.id);
      expect(before.map((result) => result.caseId)).toEqual(["case-01", "case-02", "case-03"]);

      const scored: string[] = [];
      const resumed = await runEval({
        suite: modelSuite([equalsExpected((caseId) => void scored.push(caseId))]),
        dataset,
        deps: harness.deps,
        options: { resumeRunId: run!.id, concurrency: 1 },
      });
      expect(scored).toEqual(["case-04", "case-05", "case-06"]);
      expect(resumed.run.id).toBe(run!.id);
      expect(resumed.run.status).toBe("completed");
      expect(resumed.results.map((result) => result.caseId)).toEqual(
        dataset.cases.map((testCase) => testCase.id),
      );
      const after = await harness.store.evals.listResults(run!.id);
      expect(after).toHaveLength(6);
      expect(after.slice(0, 3).map((result) => result.createdAt)).toEqual(
        before.map((result) => result.createdAt),
      );
    },
  );

  it("refuses to resume a run of another suite", async () => {
    const harness = await evalHarness({ scenario });
    const dataset = datasetOf("echo", cases(1), "inline");
    const first = await runEval({ suite: modelSuite([equalsExpected()]), dataset, deps: harness.deps });
    const error = (await runEval({
      suite: { ...modelSuite([equalsExpected()]), name: "other" },
      dataset,
      deps: harness.deps,
      options: { resumeRunId: first.run.id },
    }).catch((thrown: unknown) => thrown)) as GantryError;
    expect(error.code).toBe("EVAL_RESUME_MISMATCH");
    expect(error.hint).toBe(`Resume it with \`gantry eval echo --resume ${first.run.id}\`.`);
  });

  it("makes trials inconclusive when the provider keeps failing, and the gate says 3", async () => {
    const harness = await evalHarness({ scenario, models: { sim: { faults: { serverError: 1 } } } });
    const outcome = await runEval({
      suite: modelSuite([equalsExpected()]),
      dataset: datasetOf("echo", cases(2), "inline"),
      deps: harness.deps,
    });
    expect(outcome.results.every((result) => result.inconclusive && result.scores.length === 0)).toBe(true);
    expect(outcome.results[0]!.output.error).toMatchObject({ code: "MODEL_CALL_FAILED", unavailable: true });
    expect(outcome.summary.inconclusiveCases).toBe(2);
    const verdict = gateVerdict({
      summary: outcome.summary,
      results: outcome.results,
      thresholds: { passRate: 1 },
    });
    expect(verdict.exitCode).toBe(3);
  });

  it("runs a prompt pinned to a version, parses its JSON answer and records the prompt on the call", async () => {
    const prompt = `---
id: triage
version: 1.0.0
variables:
  shop: { type: string }
output:
  type: object
  required: [category, confidence]
  properties:
    category: { type: string }
    confidence: { type: number }
---
You triage tickets for {{shop}}. Answer with JSON.
`;
    const harness = await evalHarness({ scenario, files: { "prompts/triage.prompt.md": prompt } });
    await harness.prompts.registry.push(prompt, "prompts/triage.prompt.md");
    const category: Scorer = {
      name: "category",
      type: "equals",
      threshold: 1,
      async score({ testCase, output }) {
        const got = (output.output as { category?: string } | null)?.category;
        const passed = got === testCase.expected;
        return [{ scorer: "category", value: passed ? 1 : 0, passed }];
      },
    };
    const outcome = await runEval({
      suite: {
        name: "triage",
        target: { kind: "prompt", prompt: "triage", version: "1.0.0" },
        scorers: [category],
      },
      dataset: datasetOf(
        "triage",
        [
          {
            id: "refund",
            input: { variables: { shop: "Acme" }, input: "I was charged twice" },
            expected: "refund",
            tags: [],
            source: "manual",
          },
          {
            id: "other",
            input: { variables: { shop: "Acme" }, input: "Hello there" },
            expected: "other",
            tags: [],
            source: "manual",
          },
        ],
        "inline",
      ),
      deps: harness.deps,
    });
    expect(outcome.results.map((result) => result.output.output)).toEqual([
      { category: "refund", confidence: 0.9 },
      { category: "other", confidence: 0.4 },
    ]);
    expect(outcome.summary.passedCases).toBe(2);
    await harness.telemetry.flush();
    const spans = await harness.store.spans.getTrace(outcome.results[0]!.output.traceId!);
    const chat = spans.find((span) => span.name.startsWith("chat "))!;
    expect(chat.attributes["gantry.prompt.id"]).toBe("triage");
    expect(chat.attributes["gantry.prompt.version"]).toBe("1.0.0");
  });

  it("runs an agent: output, tool calls from the run's state, run id and the run's trace", async () => {
    const { defineTool, z } = await import("../../src/index.js");
    const lookupOrder = defineTool({
      name: "lookup_order",
      description: "Look up an order by id.",
      input: z.object({ orderId: z.string() }),
      output: z.object({ orderId: z.string() }),
      execute: ({ orderId }) => ({ orderId }),
    });
    const helper = defineAgent({ name: "helper", instructions: "Help with orders.", tools: [lookupOrder] });
    const harness = await evalHarness({
      scenario,
      agents: [helper],
      files: { "policies/all.cedar": permitEverything },
    });
    const outcome = await runEval({
      suite: { name: "helper", target: { kind: "agent", agent: "helper" }, scorers: [] },
      dataset: datasetOf(
        "helper",
        [{ id: "order", input: "Where is my order?", tags: [], source: "manual" }],
        "inline",
      ),
      deps: harness.deps,
    });
    const [result] = outcome.results;
    expect(result!.passed).toBe(true);
    expect(result!.output).toMatchObject({
      output: "Order A-7 is shipped.",
      text: "Order A-7 is shipped.",
      toolCalls: [{ name: "lookup_order", args: { orderId: "A-7" } }],
      finishReason: "final-answer",
    });
    const run = await harness.store.runs.get(result!.output.runId!);
    expect(run?.agent).toBe("helper");
    // The agent's run lives in the trial's trace, under the eval span.
    expect(run?.traceId).toBe(result!.output.traceId);
  });

  it("fails before any case runs when the agent does not exist", async () => {
    const harness = await evalHarness({ scenario });
    const error = (await runEval({
      suite: { name: "ghost", target: { kind: "agent", agent: "ghost" }, scorers: [] },
      dataset: datasetOf("ghost", cases(1), "inline"),
      deps: harness.deps,
    }).catch((thrown: unknown) => thrown)) as GantryError;
    expect(error.code).toBe("AGENT_NOT_FOUND");
    expect(await harness.store.evals.listRuns()).toEqual([]);
  });
});
