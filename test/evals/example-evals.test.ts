import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JsonValue, loadWorkspace, type Workspace } from "../../src/core/index.js";
import {
  buildSuiteScorers,
  type CaseOutput,
  calibrateJudge,
  judgeModelFor,
  loadSuite,
  modelJudgeClient,
  parseLabelsFile,
  type ScoreResult,
} from "../../src/evals/index.js";
import { configuredModels, createModelAccess, type ModelAccess } from "../../src/models/index.js";
import { createWorkspaceRuntime, specWorld } from "../../src/runtime/index.js";
import { openStore, type Store } from "../../src/store/index.js";

// The example workspace's eval files, as `gantry eval` and `gantry eval calibrate` read them, on the
// example's own sim scenarios: its suites load and pass, and its labelled judge set calibrates.

const repository = join(import.meta.dirname, "..", "..");
const exampleRoot = join(repository, "examples", "support-desk");
const templateRoot = join(repository, "templates", "workspace");

let workspace: Workspace;
let access: ModelAccess;
let store: Store;
const storeRoot = mkdtempSync(join(tmpdir(), "gantry-example-evals-"));

beforeAll(async () => {
  workspace = await loadWorkspace(exampleRoot);
  access = await createModelAccess({ workspace, env: {}, sim: { latency: { kind: "none" } } });
  store = await openStore({ root: storeRoot });
});

afterAll(async () => {
  await store?.close();
  rmSync(storeRoot, { recursive: true, force: true });
});

describe("the example workspace's suites", () => {
  it("registers the judge's sim rules before the triage rules", () => {
    expect(workspace.config.models.sim?.scenarios?.slice(0, 2)).toEqual([
      "scenarios/judge.sim.yaml",
      "scenarios/triage.sim.yaml",
    ]);
  });

  it("triage passes on the sim, its judge included (another sim model than the agent's)", async () => {
    const { suite, dataset } = await loadSuite(exampleRoot, "triage");
    expect(suite.target).toEqual({ kind: "agent", agent: "triage" });
    expect(dataset.cases.map((testCase) => testCase.id)).toEqual([
      "refund-basic",
      "shipping-late",
      "account-locked",
    ]);
    const judge = judgeModelFor("tier:medium", configuredModels(workspace.config.models));
    expect(judge.model).toBe("sim:fast");
    const client = modelJudgeClient(access.client, judge.model);
    const built = await buildSuiteScorers(suite.scorers, dataset.cases, { root: exampleRoot });
    const runtime = createWorkspaceRuntime({ workspace, store, modelAccess: access, env: {} });
    for (const testCase of dataset.cases) {
      const result = await runtime.run("triage", { input: testCase.input });
      const state = (await store.runs.get(result.runId))?.state as {
        toolCalls?: { toolName: string; input: JsonValue }[];
      };
      const output: CaseOutput = {
        output: result.output ?? "",
        text: String(result.output ?? ""),
        toolCalls: (state.toolCalls ?? []).map((call) => ({ name: call.toolName, args: call.input })),
        costMicros: result.costMicros,
        latencyMs: 0,
      };
      const scores: ScoreResult[] = [];
      for (const scorer of [...built.scorers, ...built.scorersFor(testCase)]) {
        scores.push(...(await scorer.score({ testCase, output, judge: client })));
      }
      const failed = scores
        .filter((score) => !score.passed)
        .map((score) => `${score.scorer}: ${score.reason}`);
      expect(failed, `case ${testCase.id}`).toEqual([]);
      expect(scores.find((score) => score.dimension === "faithfulness")?.reason).toMatch(/^fully: \S/);
    }
  });

  it("classifier and the template's triage suite load and build", async () => {
    const classifier = await loadSuite(exampleRoot, "classifier");
    expect(
      (
        await buildSuiteScorers(classifier.suite.scorers, classifier.dataset.cases, { root: exampleRoot })
      ).scorers.map((scorer) => scorer.name),
    ).toEqual(["category-equals", "router-contract"]);
    const template = await loadSuite(templateRoot, "triage");
    expect(template.suite.target).toEqual({ kind: "agent", agent: "triage" });
    expect(template.dataset.cases.map((testCase) => testCase.id)).toEqual([
      "refund-basic",
      "shipping-late",
      "account-locked",
    ]);
    await buildSuiteScorers(template.suite.scorers, template.dataset.cases, { root: templateRoot });
  });

  it("gives `gantry spec check` the case ids the agent specs point at", async () => {
    const world = await specWorld(workspace);
    for (const id of [
      "triage#refund-basic",
      "triage#shipping-late",
      "triage#account-locked",
      "classifier#refund-basic",
    ]) {
      expect(world.evalCases.has(id), id).toBe(true);
    }
  });
});

describe("the example's labelled judge set", () => {
  const file = join(exampleRoot, "evals", "judge-labels.yaml");

  it("ships at least 12 graded answers, several inventing a refund policy", () => {
    const items = parseLabelsFile(readFileSync(file, "utf8"), file);
    expect(items.length).toBeGreaterThanOrEqual(12);
    const invented = items.filter(
      (item) => item.human.faithfulness === "not at all" && /refund/i.test(JSON.stringify(item)),
    );
    expect(invented.length).toBeGreaterThanOrEqual(3);
    expect(items.every((item) => item.human.faithfulness && item.human.completeness)).toBe(true);
  });

  it("calibrates on the sim judge: agreement on most items but not all", async () => {
    const labels = parseLabelsFile(readFileSync(file, "utf8"), "evals/judge-labels.yaml");
    const report = await calibrateJudge({ labels, judge: modelJudgeClient(access.client, "sim:fast") });
    expect(report.inconclusive).toBe(0);
    expect(report.dimensions.faithfulness).toMatchObject({ n: labels.length, accuracy: 13 / 16 });
    expect(report.dimensions.completeness).toMatchObject({ n: labels.length, accuracy: 12 / 16 });
    expect(report.overall.cohensKappa).toBeGreaterThan(0.5);
    expect(report.overall.cohensKappa).toBeLessThan(1);
    // The keyword judge's blind spots: a correctly quoted policy reads as invented, an invented bonus without the word as fine.
    const verdict = (id: string) =>
      report.items.find((item) => item.id === id && item.dimension === "faithfulness")!;
    expect(verdict("refund-policy-quoted-correctly")).toMatchObject({ human: "fully", judge: "not at all" });
    expect(verdict("refund-loyalty-invented")).toMatchObject({ human: "not at all", judge: "fully" });
    expect(verdict("refund-invented-lifetime")).toMatchObject({ human: "not at all", judge: "not at all" });
  });
});
