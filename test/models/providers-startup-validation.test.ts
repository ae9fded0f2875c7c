import { describe, expect, it } from "vitest";
import { GantryError, modelsSchema } from "../../src/core/index.js";
import { createProviderRegistry } from "../../src/models/index.js";

// The acceptance check of the providers issue: a misconfigured provider fails at start-up with a
// message naming the tier and the missing variable, before any request is made.

function registryFor(models: unknown, env: Record<string, string | undefined> = {}) {
  return createProviderRegistry({ models: modelsSchema.parse(models), env, workspaceRoot: process.cwd() });
}

function startUpError(models: unknown, env: Record<string, string | undefined> = {}): GantryError {
  try {
    registryFor(models, env).assertUsable();
  } catch (error) {
    if (GantryError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected assertUsable() to throw");
}

describe("start-up validation", () => {
  it("an unknown provider in a tier names the tier path, the provider and the known providers", () => {
    const error = startUpError({
      tiers: { small: ["sim:fast"], medium: ["sim:default", "mistral:mistral-small"] },
    });

    expect(error.code).toBe("MODEL_CONFIG_INVALID");
    expect(error.category).toBe("USER");
    expect(error.message).toContain("models.tiers.medium[1]");
    expect(error.message).toContain("unknown provider 'mistral'");
    expect(error.message).toContain("known providers: anthropic, ollama, openai, sim");
    expect(error.hint).toContain("models.providers");
    expect(error.details.problems).toEqual([
      expect.objectContaining({ path: "models.tiers.medium[1]", tier: "medium", provider: "mistral" }),
    ]);
  });

  it("a tier whose only candidate lacks its key names the tier and ANTHROPIC_API_KEY", () => {
    const error = startUpError(
      { tiers: { small: ["sim:fast"], large: ["anthropic:claude-sonnet-4-5"] } },
      { OPENAI_API_KEY: "sk-present" },
    );

    expect(error.code).toBe("MODEL_CONFIG_INVALID");
    expect(error.message).toContain(
      "tier 'large' has no usable model: anthropic:claude-sonnet-4-5 needs ANTHROPIC_API_KEY",
    );
    expect(error.hint).toContain("Set ANTHROPIC_API_KEY");
    expect(error.details.problems).toEqual([
      expect.objectContaining({
        path: "models.tiers.large",
        tier: "large",
        missingVariable: "ANTHROPIC_API_KEY",
      }),
    ]);
  });

  it("a tier with one unusable and one usable candidate starts, drops the bad one and warns", () => {
    const registry = registryFor(
      { tiers: { large: ["anthropic:claude-sonnet-4-5", "openai:gpt-4.1"] } },
      { OPENAI_API_KEY: "sk-present" },
    );

    const report = registry.assertUsable();
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        path: "models.tiers.large[0]",
        tier: "large",
        modelId: "anthropic:claude-sonnet-4-5",
        missingVariable: "ANTHROPIC_API_KEY",
      }),
    ]);
    expect(report.warnings[0]?.message).toContain(
      "tier 'large' skips anthropic:claude-sonnet-4-5 needs ANTHROPIC_API_KEY",
    );
    expect(registry.resolve("tier:large")).toEqual(["openai:gpt-4.1"]);
  });

  it("a default model without its key fails, naming models.default and the variable", () => {
    const error = startUpError({ default: "openai:gpt-4.1-mini" });

    expect(error.message).toContain("models.default");
    expect(error.message).toContain("openai:gpt-4.1-mini needs OPENAI_API_KEY");
  });

  it("a default tier that does not exist names the configured tiers", () => {
    const error = startUpError({ default: "tier:medium", tiers: { small: ["sim:fast"] } });

    expect(error.message).toContain("models.default: unknown tier 'medium'; configured tiers: 'small'");
  });

  it("a routing rule pointing at a missing tier is reported with its path", () => {
    const error = startUpError({
      tiers: { small: ["sim:fast"] },
      routing: { rules: [{ taskProfile: "classification", tier: "tiny" }] },
    });

    expect(error.message).toContain("models.routing.rules[0].tier: unknown tier 'tiny'");
  });

  it("lists every problem at once, so one start-up run shows them all", () => {
    const error = startUpError({
      default: "nope:model",
      tiers: { small: ["openai:gpt-4.1-nano"], large: ["anthropic:claude-opus-4-1"] },
    });

    expect(error.message).toContain("3 problems");
    expect((error.details.problems as unknown[]).length).toBe(3);
    expect(error.hint).toContain("OPENAI_API_KEY and ANTHROPIC_API_KEY");
  });

  it("never puts a key's value into a message, a hint or the details", () => {
    const secret = "sk-very-secret-value-123";
    const registry = registryFor(
      { tiers: { large: ["anthropic:claude-sonnet-4-5", "openai:gpt-4.1"], bad: ["groq:x"] } },
      { OPENAI_API_KEY: secret },
    );
    const report = registry.validate();
    let thrown: unknown;
    try {
      registry.assertUsable();
    } catch (error) {
      thrown = error;
    }

    expect(GantryError.isInstance(thrown)).toBe(true);
    expect(JSON.stringify({ report, error: thrown, listed: registry.listModels() })).not.toContain(secret);
  });

  it("a configured openai-compatible provider without a base URL is a config error", () => {
    const error = startUpError({
      providers: { vllm: { kind: "openai-compatible" } },
      tiers: { small: ["vllm:qwen3-8b"] },
    });

    expect(error.message).toContain("models.providers.vllm.baseURL");
  });

  it("the default config (sim only) is usable with an empty environment", () => {
    const report = registryFor({}).assertUsable();

    expect(report).toMatchObject({ ok: true, errors: [], warnings: [] });
  });
});
