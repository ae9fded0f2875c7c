import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { openStore } from "../../src/store/index.js";
import { ensureBuilt, runGantry } from "../support/built-package.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

// `gantry prompts` and `gantry manifest` as a user runs them: the built binary on a copy of the
// support-desk example, on the embedded sim model, with no provider keys. The example's sim scenario
// answers a terser wording of the triage prompt without `confidence`: the rewording that breaks the
// `router` consumer.

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

function supportDesk(): string {
  const root = temporaryWorkspace();
  cpSync(join(repositoryRoot, "examples", "support-desk"), root, {
    recursive: true,
    filter: (source) => !source.includes(`${"/"}.gantry`),
  });
  return root;
}

async function gantry(root: string, args: string[], env: Record<string, string | undefined> = {}) {
  const result = await runGantry([...args, "--workspace", root], {
    env: { ...noKeys, ...env },
    timeoutMs: 90_000,
  });
  return {
    ...result,
    stdout: stripVTControlCharacters(result.stdout),
    stderr: stripVTControlCharacters(result.stderr),
  };
}

const promptFile = (root: string) => join(root, "prompts", "triage.prompt.md");

function editPrompt(root: string, edit: (source: string) => string): void {
  const source = readFileSync(promptFile(root), "utf8");
  const edited = edit(source);
  expect(edited).not.toBe(source);
  writeFileSync(promptFile(root), edited);
}

/** The rewording: same schema, "the queue name only", the confidence sentence gone; declared a patch. */
function terse(version: string) {
  return (source: string) =>
    source
      .replace("version: 1.0.0", `version: ${version}`)
      .replace(
        /Answer with JSON only:[\s\S]*?between 0 and 1\.\n/,
        "Answer with JSON: the queue name only (`refund`, `shipping`, `account` or `other`).\n",
      );
}

describe("gantry prompts", () => {
  it("refuses a patch rewording that drops a field a consumer reads, naming the consumer and the field", async () => {
    const root = supportDesk();
    const pushed = await gantry(root, ["prompts", "push", "-m", "first version"]);
    expect(pushed.stderr).toBe("");
    expect(pushed.stdout).toMatch(/pushed triage@1\.0\.0 [0-9a-f]{12}/);
    const released = await gantry(root, ["prompts", "label", "triage", "production", "1.0.0"]);
    expect(released.code).toBe(0);
    expect(released.stdout).toContain("✔ triage:production → 1.0.0");
    expect(released.stdout).toContain("gate prompts-check");

    const clean = await gantry(root, ["prompts", "check"]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/✔ triage@1\.0\.0 vs 1\.0\.0 \(production\)/);

    editPrompt(root, terse("1.0.1"));
    const checked = await gantry(root, ["prompts", "check", "triage"]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain("✖ triage@1.0.1 vs 1.0.0 (production)");
    expect(checked.stdout).toContain("consumer router reads $.confidence");
    expect(checked.stdout).toMatch(/declares a patch but 100% of replayed outputs changed \$\.confidence/);

    const json = await gantry(root, ["prompts", "check", "--json"]);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout).reports[0];
    expect(report.required).toBe("major");
    expect(report.contracts[0]).toMatchObject({ consumer: "router", passed: false });
    expect(report.contracts[0].failures[0]).toMatchObject({ field: "$.confidence", rule: "missing" });

    // Statically it is a patch: the schema did not change. Only the replay sees the field go.
    const staticOnly = await gantry(root, ["prompts", "check", "--no-replay"]);
    expect(staticOnly.code).toBe(0);
  });

  it("moves production only when its gate passes on the candidate, and keeps the gate results", async () => {
    const root = supportDesk();
    await gantry(root, ["prompts", "push", "--label", "production"]);
    editPrompt(root, terse("1.0.1"));
    const pushed = await gantry(root, ["prompts", "push", "-m", "terser"]);
    expect(pushed.stdout).toMatch(/pushed triage@1\.0\.1/);

    const refused = await gantry(root, ["prompts", "label", "triage", "production", "1.0.1"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('gate "prompts-check" failed');
    // The example's production rule also runs the prompt's eval suite on the candidate (issue 8's gate).
    expect(refused.stderr).toMatch(
      /gate "evals:triage-prompt" failed: triage-prompt on triage@1\.0\.1: pass rate 0%/,
    );
    expect(refused.stderr).toContain("$.confidence");
    const shown = await gantry(root, ["prompts", "show", "triage:production", "--json"]);
    expect(JSON.parse(shown.stdout).version).toBe("1.0.0");

    // A label with no rule moves freely; the history keeps every move with its gate results.
    const staged = await gantry(root, ["prompts", "label", "triage", "staging", "1.0.1"]);
    expect(staged.code).toBe(0);
    const history = JSON.parse(
      (await gantry(root, ["prompts", "show", "triage", "--history", "--json"])).stdout,
    );
    expect(
      history.map((event: { label: string; toVersion: string }) => `${event.label}=${event.toVersion}`),
    ).toEqual(["latest=1.0.0", "production=1.0.0", "latest=1.0.1", "staging=1.0.1"]);
    expect(
      history[1].details.gates.map((gate: { gate: string; passed: boolean }) => [gate.gate, gate.passed]),
    ).toEqual([
      ["prompts-check", true],
      ["evals:triage-prompt", true],
    ]);
  });

  it("runs a gate named in the config (the interface the eval gate plugs into)", async () => {
    const root = supportDesk();
    const config = join(root, "gantry.config.ts");
    writeFileSync(
      config,
      readFileSync(config, "utf8").replace(
        "  agents: [triage, classifier, looper],",
        `  agents: [triage, classifier, looper],
  prompts: {
    labels: { production: { protected: true, gates: ["prompts-check", "evals"] } },
    gates: [{ name: "evals", check: async ({ candidate }) => ({ passed: false, summary: \`no eval run for \${candidate.version}\` }) }],
  },`,
      ),
    );
    await gantry(root, ["prompts", "push"]);
    const refused = await gantry(root, ["prompts", "label", "triage", "production", "1.0.0"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('gate "evals" failed: no eval run for 1.0.0');
    const labels = JSON.parse((await gantry(root, ["prompts", "show", "triage", "--json"])).stdout).labels;
    expect(labels.map((label: { label: string }) => label.label)).toEqual(["latest"]);
  });

  it("stops on a prompt file with bad front matter, naming the file, the field and the expectation", async () => {
    const root = supportDesk();
    editPrompt(root, (source) => source.replace("version: 1.0.0", "version: one"));
    for (const args of [
      ["prompts", "check"],
      ["prompts", "push"],
    ]) {
      const result = await gantry(root, args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("prompts/triage.prompt.md:3  version: a semver version such as 1.2.0");
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("diffs two versions with the classification, and lists prompts with their labels", async () => {
    const root = supportDesk();
    await gantry(root, ["prompts", "push", "--label", "production"]);
    editPrompt(root, (source) =>
      source
        .replace("version: 1.0.0", "version: 1.1.0")
        .replace("variables:\n", "variables:\n  locale: { type: string, required: false }\n"),
    );
    await gantry(root, ["prompts", "push"]);
    const diff = await gantry(root, ["prompts", "diff", "triage", "production"]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain("triage 1.0.0 → 1.1.0");
    expect(diff.stdout).toContain("- version: 1.0.0");
    expect(diff.stdout).toContain("+ version: 1.1.0");
    expect(diff.stdout).toContain("change: needs minor");
    const list = await gantry(root, ["prompts", "list"]);
    expect(list.stdout).toMatch(/triage\s+1\.1\.0\s+production=1\.0\.0\s+2/);
  });
});

describe("prompts at run time", () => {
  it("puts the served prompt's version and hash on the model call, and gantry prompts drift finds a hash production never released", async () => {
    const root = supportDesk();
    await gantry(root, ["prompts", "push", "--label", "production"]);
    const before = await gantry(root, ["run", "classifier", "--input", "I want a refund"], {
      GANTRY_ENVIRONMENT: "production",
    });
    expect(before.code).toBe(0);
    expect((await gantry(root, ["prompts", "drift"])).code).toBe(0);

    // Someone points the production app at staging: its hash never went through a production move.
    editPrompt(root, (source) =>
      source.replace("version: 1.0.0", "version: 1.0.1").replace("online shop", "online store"),
    );
    await gantry(root, ["prompts", "push", "--label", "staging"]);
    const config = join(root, "gantry.config.ts");
    writeFileSync(
      config,
      readFileSync(config, "utf8").replace(
        "  agents: [triage, classifier, looper],",
        '  agents: [triage, classifier, looper],\n  prompts: { label: "staging" },',
      ),
    );
    const after = await gantry(root, ["run", "classifier", "--input", "My parcel is late"], {
      GANTRY_ENVIRONMENT: "production",
    });
    expect(after.code).toBe(0);

    const store = await openStore({ root });
    try {
      const versions = await store.prompts.listVersions("triage");
      const usage = await store.prompts.usageByHash({ promptId: "triage", environment: "production" });
      expect(usage.map((row) => [row.hash, row.calls]).sort()).toEqual(
        versions.map((version) => [version.hash, 1]).sort(),
      );
    } finally {
      await store.close();
    }

    const drift = await gantry(root, ["prompts", "drift"]);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toMatch(
      /✖ triage: 1 production calls carry [0-9a-f]{12} \(1\.0\.1\), production is 1\.0\.0/,
    );
    const alerts = await openStore({ root });
    try {
      const open = await alerts.alerts.list({ kind: "prompt-drift" });
      expect(open).toHaveLength(1);
      expect(open[0]!.key).toMatch(/^triage:/);
    } finally {
      await alerts.close();
    }
  });
});

describe("gantry manifest", () => {
  it("writes the agent's prompt version and hash, model pins, tools with schemas, policy digest and output contract", async () => {
    const root = supportDesk();
    await gantry(root, ["prompts", "push", "--label", "production"]);
    const out = join(root, "classifier.manifest.yaml");
    const written = await gantry(root, ["manifest", "classifier", "-o", out]);
    expect(written.code).toBe(0);
    const manifest = parseYaml(readFileSync(out, "utf8"));
    const shown = JSON.parse((await gantry(root, ["prompts", "show", "triage:production", "--json"])).stdout);
    expect(manifest.agent).toMatchObject({ name: "classifier", version: "1.0.0" });
    expect(manifest.prompt).toEqual({
      id: "triage",
      version: "1.0.0",
      hash: shown.hash,
      source: "registry",
      label: "production",
    });
    expect(manifest.model).toEqual({ requested: "tier:small", candidates: ["sim:fast"] });
    expect(manifest.policy.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.output.schema.required).toEqual(["category", "confidence"]);
    expect(manifest.digest).toMatch(/^[0-9a-f]{64}$/);

    const triage = parseYaml((await gantry(root, ["manifest", "triage"])).stdout);
    expect(triage.tools.map((tool: { name: string }) => tool.name)).toEqual(["issue_refund", "lookup_order"]);
    expect(triage.tools[0].input.properties.amountUsd).toBeDefined();
    expect(triage.instructions.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The same workspace gives the same manifest.
    expect((await gantry(root, ["manifest", "triage"])).stdout).toBe(
      (await gantry(root, ["manifest", "triage"])).stdout,
    );

    const unknown = await gantry(root, ["manifest", "nobody"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No agent named "nobody"');
  });
});
