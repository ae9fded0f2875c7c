import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, repositoryRoot, runGantry } from "../support/built-package.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

beforeAll(() => ensureBuilt(), 180_000);

// No provider keys anywhere: every call must be served by the sim.
const noKeys = { OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "", OLLAMA_BASE_URL: "", OPENAI_BASE_URL: "" };
const simWorkspace = `export default { models: { tiers: { small: ["sim:fast"], large: ["sim:default"] } } };`;
const greeting =
  "Hello! I'm the support assistant. I can help with orders, refunds, shipping and account questions. What can I do for you today?";

describe("gantry models call", () => {
  it("answers tier:small on the sim with no keys, and prints the footer", async () => {
    const root = temporaryWorkspace(simWorkspace);
    const result = await runGantry(["models", "call", "tier:small", "hello", "--workspace", root], {
      env: noKeys,
    });
    expect(result.stderr).toMatch(
      /model sim:fast · 1 attempt · \d+ in \/ \d+ out tokens · cost (\$\d+\.\d{6} \(computed\)|unknown)/,
    );
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(greeting);
  });

  it("works in the support-desk example", async () => {
    const result = await runGantry(
      [
        "models",
        "call",
        "tier:small",
        "hello",
        "--workspace",
        join(repositoryRoot, "examples", "support-desk"),
      ],
      { env: noKeys },
    );
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(greeting);
    expect(result.stderr).toContain("model sim:fast");
  });

  it("streams with --stream and takes a tier's bare name, a system message and a token cap", async () => {
    const root = temporaryWorkspace(simWorkspace);
    const result = await runGantry(
      [
        "models",
        "call",
        "small",
        "hello",
        "--stream",
        "--system",
        "Be kind.",
        "--max-tokens",
        "200",
        "--workspace",
        root,
      ],
      { env: noKeys },
    );
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(greeting);
    expect(result.stderr).toContain("model sim:fast");
  });

  it("prints the result as JSON with --json", async () => {
    const root = temporaryWorkspace(simWorkspace);
    const result = await runGantry(["models", "call", "tier:large", "hello", "--json", "--workspace", root], {
      env: noKeys,
    });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({
      model: "sim:default",
      text: greeting,
      finishReason: "stop",
      route: { tier: "large", candidates: ["sim:default"] },
      cached: false,
    });
    expect(json.attempts).toHaveLength(1);
    expect(json.usage.output).toBeGreaterThan(0);
  });

  it("rejects a bad --max-tokens", async () => {
    const root = temporaryWorkspace(simWorkspace);
    const result = await runGantry([
      "models",
      "call",
      "tier:small",
      "hi",
      "--max-tokens",
      "0",
      "--workspace",
      root,
    ]);
    // A bad option value is an input mistake like any other: exit 2.
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("positive integer");
  });
});

describe("gantry models list", () => {
  it("lists models and tiers with prices per 1M tokens and the snapshot version", async () => {
    const root = temporaryWorkspace(simWorkspace);
    const result = await runGantry(["models", "list", "--prices", "--workspace", root], { env: noKeys });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/input\/1M\s+output\/1M\s+cache read\/1M\s+cache write\/1M/);
    expect(result.stdout).toMatch(/sim:fast\s+sim\s+small\s+\$\d/);
    expect(result.stdout).toMatch(/tier:small\s+sim:fast\s+✔/);
    expect(result.stdout).toMatch(/prices: bundled snapshot \d{4}-\d{2}-\d{2}/);

    const json = JSON.parse(
      (await runGantry(["models", "list", "--prices", "--json", "--workspace", root], { env: noKeys }))
        .stdout,
    );
    expect(json.priceSnapshot.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const fast = json.models.find((model: { id: string }) => model.id === "sim:fast");
    expect(fast).toMatchObject({ kind: "model", tiers: ["small"], available: true });
    expect(fast.price.entry.input_cost_per_token).toBeGreaterThan(0);
  });

  it("shows what is unavailable and why instead of failing", async () => {
    const root = temporaryWorkspace(
      `export default { models: { tiers: { small: ["openai:gpt-4o-mini"] } } };`,
    );
    const result = await runGantry(["models", "list", "--workspace", root], { env: noKeys });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /openai:gpt-4o-mini\s+openai\s+small\s+✖ openai:gpt-4o-mini needs OPENAI_API_KEY/,
    );
  });
});

describe("a misconfigured provider", () => {
  const missingKey = `export default { models: { tiers: { small: ["openai:gpt-4o-mini"] } } };`;

  it("stops `gantry models call` with exit 2, naming the tier and the missing variable", async () => {
    const root = temporaryWorkspace(missingKey);
    const result = await runGantry(["models", "call", "tier:small", "hello", "--workspace", root], {
      env: noKeys,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("tier 'small'");
    expect(result.stderr).toContain("OPENAI_API_KEY");
    expect(result.stderr).toContain("MODEL_CONFIG_INVALID");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("stops `gantry up` at start-up with exit 2, naming the tier and the missing variable", async () => {
    const root = temporaryWorkspace(missingKey);
    const result = await runGantry(["up", "--port", "0", "--workspace", root], { env: noKeys });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("tier 'small'");
    expect(result.stderr).toContain("OPENAI_API_KEY");
    expect(result.stdout).not.toContain("dashboard");
  });

  it("stops `gantry up` on an unknown provider, naming the tier's entry and the provider", async () => {
    const root = temporaryWorkspace(`export default { models: { tiers: { fast: ["groq:llama-3.1-8b"] } } };`);
    const result = await runGantry(["up", "--port", "0", "--workspace", root], { env: noKeys });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("models.tiers.fast");
    expect(result.stderr).toContain("unknown provider 'groq'");
  });
});
