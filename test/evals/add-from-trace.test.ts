import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GantryError } from "../../src/core/index.js";
import {
  appendCaseToSuite,
  caseFromTrace,
  caseIdForTrace,
  type EvalCase,
  loadSuite,
  runOfTrace,
} from "../../src/evals/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { makeSpan } from "../store/span-fixtures.js";

// Failures become cases: the case a trace gives (its run's input, found through the trace), and
// appending it to a suite's dataset in each form people keep one (inline cases, a YAML list, YAML
// `cases:`, JSONL), checked like a fresh read and never losing a concurrent append.

const roots: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "gantry-add-case-"));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const scorers = "scorers:\n  - { type: contains, value: shipped }\n";

function fromTrace(traceId: string, extra: Partial<EvalCase> = {}): EvalCase {
  return {
    ...caseFromTrace({
      traceId,
      run: { id: "run-1", agent: "helper", input: { ticket: "Where is A-7?" }, traceId },
    }),
    ...extra,
  };
}

describe("caseFromTrace", () => {
  it("makes the run's input a prod_replay case linked to the trace, named after the failure", () => {
    const testCase = caseFromTrace({
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      run: {
        id: "run-1",
        agent: "helper",
        input: "Where is A-7?",
        traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      },
      expected: { category: "shipping" },
      failureClass: "Invented policy!",
    });
    expect(testCase).toEqual({
      id: "invented-policy-4bf92f35",
      input: "Where is A-7?",
      expected: { category: "shipping" },
      tags: [],
      failureClass: "Invented policy!",
      source: "prod_replay",
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
    });
    expect(caseIdForTrace("4bf92f3577b34da6a3ce929d0e0e4736")).toBe("trace-4bf92f3577b3");
  });

  it("refuses a trace without a run (nothing to replay) and an id a dataset cannot hold", () => {
    expect(() => caseFromTrace({ traceId: "t1", run: undefined })).toThrow(
      expect.objectContaining({ code: "EVAL_TRACE_NO_INPUT", category: "USER" }),
    );
    expect(() =>
      caseFromTrace({ traceId: "t1", run: { id: "r", agent: "a", input: "x", traceId: "t1" }, id: "a b" }),
    ).toThrow(expect.objectContaining({ code: "EVAL_CASE_INVALID" }));
  });
});

describe("runOfTrace", () => {
  it("finds the run at the top of a trace (not a subagent sharing it), and nothing for a trace without runs", async () => {
    const root = workspace({});
    const store = await openStore({ root });
    stores.push(store);
    const traceId = "a".repeat(32);
    const parent = await store.runs.create({ agent: "orchestrator", input: "top", traceId });
    await store.runs.create({ agent: "worker", input: "sub", traceId, parentRunId: parent.id });
    await store.runs.create({ agent: "other", input: "elsewhere", traceId: "b".repeat(32) });
    const now = Date.now();
    await store.spans.insertMany([
      makeSpan({ traceId, spanId: "s1", startTimeMs: now, endTimeMs: now + 10 }),
      makeSpan({ traceId: "c".repeat(32), spanId: "s2", startTimeMs: now, endTimeMs: now + 10 }),
    ]);
    expect((await runOfTrace(store, traceId))?.id).toBe(parent.id);
    expect(await runOfTrace(store, "c".repeat(32))).toBeUndefined();
    expect(await runOfTrace(store, "d".repeat(32))).toBeUndefined();
  });
});

describe("appendCaseToSuite", () => {
  it("adds to inline cases keeping comments, and the suite reads back with the new version", async () => {
    const root = workspace({
      "evals/orders.yaml": `# reviewed by the support team\nsuite: orders\ntarget: { agent: helper }\ncases:\n  - id: first # the original\n    input: hi\n${scorers}`,
    });
    const before = await loadSuite(root, "orders");
    const appended = await appendCaseToSuite(root, "orders", fromTrace("t1", { id: "added" }));
    expect(appended.file).toBe("evals/orders.yaml");
    const text = readFileSync(join(root, "evals/orders.yaml"), "utf8");
    expect(text).toContain("# reviewed by the support team");
    expect(text).toContain("- id: first # the original");
    const after = await loadSuite(root, "orders");
    expect(after.dataset.cases.map((testCase) => testCase.id)).toEqual(["first", "added"]);
    expect(after.dataset.hash).toBe(appended.dataset.hash);
    expect(after.dataset.hash).not.toBe(before.dataset.hash);
  });

  it("adds to YAML datasets written as a list or under cases:, and to JSONL without a final newline", async () => {
    const root = workspace({
      "evals/listed.yaml": `suite: listed\ntarget: { agent: helper }\ndataset: datasets/listed.yaml\n${scorers}`,
      "evals/wrapped.yaml": `suite: wrapped\ntarget: { agent: helper }\ndataset: datasets/wrapped.yml\n${scorers}`,
      "evals/lines.yaml": `suite: lines\ntarget: { agent: helper }\ndataset: datasets/lines.jsonl\n${scorers}`,
      "datasets/listed.yaml": "# a list\n- id: one\n  input: hi\n",
      "datasets/wrapped.yml": "cases:\n  - id: one\n    input: hi\n",
      "datasets/lines.jsonl": '{"id":"one","input":"hi"}',
    });
    for (const [suite, file] of [
      ["listed", "datasets/listed.yaml"],
      ["wrapped", "datasets/wrapped.yml"],
      ["lines", "datasets/lines.jsonl"],
    ] as const) {
      const appended = await appendCaseToSuite(root, suite, fromTrace(`trace-${suite}`));
      expect(appended.file).toBe(file);
      const loaded = await loadSuite(root, suite);
      expect(loaded.dataset.cases.map((testCase) => testCase.traceId ?? testCase.id)).toEqual([
        "one",
        `trace-${suite}`,
      ]);
      expect(loaded.dataset.hash).toBe(appended.dataset.hash);
    }
    expect(readFileSync(join(root, "datasets/listed.yaml"), "utf8")).toMatch(/^# a list\n/);
  });

  it("keeps both of two concurrent appends, and refuses a repeated id or trace without writing", async () => {
    const root = workspace({
      "evals/orders.yaml": `suite: orders\ntarget: { agent: helper }\ndataset: datasets/orders.jsonl\n${scorers}`,
      "datasets/orders.jsonl": '{"id":"one","input":"hi"}\n',
    });
    await Promise.all([
      appendCaseToSuite(root, "orders", fromTrace("t-a", { id: "a" })),
      appendCaseToSuite(root, "orders", fromTrace("t-b", { id: "b" })),
    ]);
    const ids = (await loadSuite(root, "orders")).dataset.cases.map((testCase) => testCase.id);
    expect(ids.sort()).toEqual(["a", "b", "one"]);
    const before = readFileSync(join(root, "datasets/orders.jsonl"), "utf8");
    for (const repeated of [fromTrace("t-new", { id: "a" }), fromTrace("t-b", { id: "fresh" })]) {
      const error = await appendCaseToSuite(root, "orders", repeated).catch((thrown: unknown) => thrown);
      expect(GantryError.isInstance(error) && error.code).toBe("EVAL_CASE_EXISTS");
    }
    expect(readFileSync(join(root, "datasets/orders.jsonl"), "utf8")).toBe(before);
  });
});
