import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseXml } from "../evals/support/parse-xml.js";
import { ensureBuilt, runGantry } from "../support/built-package.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

// `gantry eval` as CI runs it: the built binary on a copy of the support-desk example, on the sim
// model, with no provider keys. Acceptance 2 of issue 8: each gate exit code (0, 100, 2, 3, 1) is
// provoked by one test here.

beforeAll(() => ensureBuilt(), 180_000);

const repositoryRoot = new URL("../../", import.meta.url).pathname;
const noKeys = {
  OPENAI_API_KEY: "",
  ANTHROPIC_API_KEY: "",
  OLLAMA_BASE_URL: "",
  OPENAI_BASE_URL: "",
  GANTRY_DATABASE_URL: undefined,
  GANTRY_ENVIRONMENT: undefined,
};

/** A suite on the example's triage prompt: the sim answers each ticket's queue as JSON. */
const classifySuite = (
  options: { passRate?: number; maxRegressions?: number; shippingExpected?: string; extra?: string } = {},
) => `
suite: classify
target: { prompt: triage }
cases:
  - id: refund-basic
    input: { variables: { shop: Acme }, input: "I was charged twice, please refund the second payment." }
    expected: { category: refund }
  - id: shipping-late
    input: { variables: { shop: Acme }, input: "My parcel was due on Monday and still has not arrived." }
    expected: { category: ${options.shippingExpected ?? "shipping"} }
  - id: account-locked
    input: { variables: { shop: Acme }, input: "I cannot log in, it says my account is locked." }
    expected: { category: account }
${options.extra ?? ""}
scorers:
  - type: equals
    path: category
thresholds:
  passRate: ${options.passRate ?? 1}
${options.maxRegressions === undefined ? "" : `  maxRegressions: ${options.maxRegressions}`}
`;

function supportDesk(suite = classifySuite()): string {
  const root = temporaryWorkspace();
  cpSync(join(repositoryRoot, "examples", "support-desk"), root, {
    recursive: true,
    filter: (source) => !source.includes(`${"/"}.gantry`),
  });
  writeFileSync(join(root, "evals", "classify.yaml"), suite);
  return root;
}

async function gantry(root: string, args: string[], env: Record<string, string | undefined> = {}) {
  const result = await runGantry([...args, "--workspace", root], {
    env: { ...noKeys, ...env },
    timeoutMs: 90_000,
    cwd: root,
  });
  return {
    ...result,
    stdout: stripVTControlCharacters(result.stdout),
    stderr: stripVTControlCharacters(result.stderr),
  };
}

describe("gantry eval --gate exit codes", () => {
  it("0: every case passes; the run is stored, labelled, and reported as JUnit", async () => {
    const root = supportDesk();
    const run = await gantry(root, [
      "eval",
      "classify",
      "--gate",
      "--label",
      "main",
      "--junit",
      "reports/evals.xml",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✔\s+refund-basic\s+1\/1\s+equals 1\.00/);
    expect(run.stdout).toContain("cases      3 passed, 0 failed, 0 inconclusive (3 cases, 3 trials)");
    expect(run.stdout).toContain("gate       exit 0");
    const junit = parseXml(readFileSync(join(root, "reports", "evals.xml"), "utf8"));
    const suite = junit.children[0]!;
    expect(suite.attributes).toMatchObject({ name: "classify", tests: "3", failures: "0" });
    const runs = JSON.parse((await gantry(root, ["eval", "runs", "--json"])).stdout);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ suite: "classify", label: "main", status: "completed" });
  });

  it("100: a failed case beyond the pass-rate threshold, named with its reason", async () => {
    const root = supportDesk(classifySuite({ shippingExpected: "refund" }));
    const run = await gantry(root, ["eval", "classify", "--gate"]);
    expect(run.code).toBe(100);
    expect(run.stdout).toMatch(
      /✖\s+shipping-late\s+0\/1\s+equals 0\.00.*category is "shipping"; expected "refund"/,
    );
    expect(run.stdout).toContain(
      "pass rate 66.7% (2 of 3 decided trials) is below the threshold 100%; failing cases: shipping-late",
    );
    // Without --gate the same run is a success: the report is the result.
    expect((await gantry(root, ["eval", "classify"])).code).toBe(0);
  });

  it("2: a case that passed on the baseline labelled main fails now", async () => {
    const root = supportDesk(classifySuite({ passRate: 0.6, maxRegressions: 0 }));
    expect((await gantry(root, ["eval", "classify", "--label", "main"])).code).toBe(0);
    writeFileSync(
      join(root, "evals", "classify.yaml"),
      classifySuite({ passRate: 0.6, maxRegressions: 0, shippingExpected: "other" }),
    );
    const run = await gantry(root, ["eval", "classify", "--gate", "--baseline", "main", "--json"]);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.comparison).toMatchObject({ regressions: 1, improvements: 0 });
    expect(report.comparison.flips).toEqual([{ caseId: "shipping-late", baseline: "pass", current: "fail" }]);
    expect(report.verdict.exitCode).toBe(2);
    expect(report.verdict.reasons[0]).toMatch(
      /^1 case went from pass to fail against run evr_\w+ \(at most 0 allowed\): shipping-late$/,
    );
    expect(report.run.baselineRunId).toBe(report.comparison.baselineRunId);
  });

  it("3: the provider keeps failing, so no case can be decided", async () => {
    const root = supportDesk();
    const config = join(root, "gantry.config.ts");
    const source = readFileSync(config, "utf8");
    const faulty = source.replace(
      "    sim: {",
      "    retry: { maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 1 },\n    sim: {\n      faults: { serverError: 1 },",
    );
    expect(faulty).not.toBe(source);
    writeFileSync(config, faulty);
    const run = await gantry(root, ["eval", "classify", "--gate"]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/\?\s+refund-basic\s+0\/1 \(1 inconclusive\)/);
    expect(run.stdout).toContain("3 of 3 trials were inconclusive (judge or provider unavailable)");
    expect(run.stdout).toContain("MODEL_CALL_FAILED");
  });

  it("1: an internal failure (the store cannot be reached) is 1, never a verdict", async () => {
    const root = supportDesk();
    const run = await gantry(root, ["eval", "classify", "--gate"], {
      GANTRY_DATABASE_URL: "postgres://gantry@127.0.0.1:1/none",
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("error");
  });

  it("under --gate a mistake in the input is 1 too, since 2 means a regression", async () => {
    const root = supportDesk();
    const missing = await gantry(root, ["eval", "nope", "--gate"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("[EVAL_SUITE_NOT_FOUND]");
    expect(missing.stderr).toContain("evals/classify.yaml");
    const badFlag = await gantry(root, ["eval", "classify", "--gate", "--trials", "zero"]);
    expect(badFlag.code).toBe(1);
    expect(badFlag.stderr).toContain("expected a whole number of at least 1, got 'zero'");
    // Without --gate the same mistakes are the CLI's usual 2.
    expect((await gantry(root, ["eval", "nope"])).code).toBe(2);
    expect((await gantry(root, ["eval", "classify", "--trials", "zero"])).code).toBe(2);
  });
});

describe("gantry eval subcommands", () => {
  it("shows and compares stored runs", async () => {
    const root = supportDesk();
    await gantry(root, ["eval", "classify", "--label", "main"]);
    writeFileSync(join(root, "evals", "classify.yaml"), classifySuite({ shippingExpected: "refund" }));
    await gantry(root, ["eval", "classify"]);
    const [latest, first] = JSON.parse(
      (await gantry(root, ["eval", "runs", "--suite", "classify", "--json"])).stdout,
    );
    const compared = await gantry(root, ["eval", "compare", first.id, latest.id]);
    expect(compared.code).toBe(0);
    expect(compared.stdout).toContain(`baseline   run ${first.id}: pass rate -33.3%`);
    expect(compared.stdout).toContain("▼ shipping-late  pass → fail");
    const shown = await gantry(root, ["eval", "show", latest.id]);
    expect(shown.stdout).toMatch(/✖\s+shipping-late/);
    expect((await gantry(root, ["eval", "show", "evr_missing"])).stderr).toContain("[EVAL_RUN_NOT_FOUND]");
  });

  it("turns a production trace into a case, then exports the dataset with it", async () => {
    const root = supportDesk();
    const ran = await gantry(root, [
      "run",
      "classifier",
      "--input",
      "Where is my parcel? It never arrived.",
      "--json",
    ]);
    const { traceId } = JSON.parse(ran.stdout);
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const added = await gantry(root, [
      "eval",
      "add-from-trace",
      traceId,
      "--suite",
      "classify",
      "--expected",
      '{"category":"shipping"}',
      "--failure-class",
      "wrong-queue",
    ]);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`added case wrong-queue-${traceId.slice(0, 8)} to evals/classify.yaml`);
    const suite = parseYaml(readFileSync(join(root, "evals", "classify.yaml"), "utf8"));
    expect(suite.cases.at(-1)).toEqual({
      id: `wrong-queue-${traceId.slice(0, 8)}`,
      input: "Where is my parcel? It never arrived.",
      expected: { category: "shipping" },
      tags: [],
      failureClass: "wrong-queue",
      source: "prod_replay",
      traceId,
    });
    const again = await gantry(root, ["eval", "add-from-trace", traceId, "--suite", "classify"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("[EVAL_CASE_EXISTS]");
    const exported = await gantry(root, ["eval", "export", "classify", "--format", "jsonl"]);
    const lines = exported.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatchObject({ source: "prod_replay", traceId });
  });

  it("benchmarks the tiers and proposes a routing config", async () => {
    const root = supportDesk();
    const run = await gantry(root, ["eval", "tiers", "classify", "--quality-slo", "0.9", "--json"]);
    expect(run.code).toBe(0);
    const benchmark = JSON.parse(run.stdout);
    expect(benchmark.tiers.map((tier: { tier: string }) => tier.tier)).toEqual(["small", "medium", "large"]);
    for (const tier of benchmark.tiers) expect(tier.accuracy).toBe(1);
    // All tiers are accurate: the cheapest (sim:fast) wins.
    expect(benchmark.proposal.choice).toMatchObject({ kind: "tier", tier: "small" });
    expect(benchmark.proposal.routing.rules).toEqual([{ taskProfile: "classify", tier: "small" }]);
    const text = await gantry(root, ["eval", "tiers", "classify"]);
    expect(text.stdout).toContain('rules: [{ taskProfile: "classify", tier: "small" }],');
  });

  it("reports the judge's agreement with the example's human labels", async () => {
    const root = supportDesk();
    const run = await gantry(root, ["eval", "calibrate", "evals/judge-labels.yaml", "--json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report.dimensions).sort()).toEqual(["completeness", "faithfulness"]);
    expect(report.overall.n).toBeGreaterThan(10);
    expect(report.overall.accuracy).toBeGreaterThan(0.5);
    expect(report.overall.cohensKappa).toBeGreaterThan(0.4);
  });

  it("imports a promptfoo config (prompts × providers × tests with asserts) and runs it", async () => {
    const root = supportDesk();
    writeFileSync(
      join(root, "promptfooconfig.yaml"),
      `description: Refund answers
prompts:
  - "Answer the customer: {{ticket}}"
providers:
  - sim:default
defaultTest:
  assert:
    - type: javascript
      value: output.length > 0
tests:
  - description: charged twice
    vars: { ticket: "I was charged twice, I want a refund" }
    assert:
      - type: contains
        value: refund
      - type: regex
        value: "[Rr]efund"
      - type: llm-rubric
        value: The answer explains how the refund works.
  - description: greeting
    vars: { ticket: "hello" }
    assert:
      - type: equals
        value: "Hello!"
      - type: is-json
`,
    );
    const run = await gantry(root, ["eval", "import-promptfoo", "promptfooconfig.yaml", "--run"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "wrote evals/refund-answers.yaml (suite refund-answers, 2 cases, 1 suite scorers)",
    );
    const suite = parseYaml(readFileSync(join(root, "evals", "refund-answers.yaml"), "utf8"));
    expect(suite.target).toEqual({ model: "sim:default" });
    const types = [suite.scorers, ...suite.cases.map((testCase: { scorers: unknown[] }) => testCase.scorers)]
      .flat()
      .map((scorer: { type: string }) => scorer.type);
    expect(types).toEqual(
      expect.arrayContaining(["javascript", "contains", "regex", "llm-rubric", "equals", "is-json"]),
    );
    // The run: both cases, each with its scorers; the greeting is not JSON, so it fails.
    expect(run.stdout).toMatch(/charged-twice\s+\d\/1/);
    expect(run.stdout).toMatch(/✖\s+greeting\s+0\/1/);
    const again = await gantry(root, ["eval", "import-promptfoo", "promptfooconfig.yaml"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("evals/refund-answers.yaml exists");
  });
});
