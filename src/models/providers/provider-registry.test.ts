import { describe, expect, it } from "vitest";
import { GantryError, modelsSchema } from "../../core/index.js";
import { configuredModels } from "../configured-models.js";
import { createProviderRegistry } from "./provider-registry.js";

const registryFor = (models: unknown, env: Record<string, string | undefined> = {}) =>
  createProviderRegistry({ models: modelsSchema.parse(models), env, workspaceRoot: process.cwd() });

function thrown(action: () => unknown): GantryError {
  try {
    action();
  } catch (error) {
    if (GantryError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a GantryError");
}

const tiered = {
  default: "tier:medium",
  tiers: {
    small: ["sim:fast"],
    medium: ["openai:gpt-4.1-mini", "anthropic:claude-haiku-4-5", "sim:default"],
  },
};

describe("resolve", () => {
  it("gives a tier's usable candidates in config order", () => {
    const registry = registryFor(tiered, { OPENAI_API_KEY: "k", ANTHROPIC_API_KEY: "k" });
    expect(registry.resolve("tier:medium")).toEqual([
      "openai:gpt-4.1-mini",
      "anthropic:claude-haiku-4-5",
      "sim:default",
    ]);
    expect(registry.resolve("tier:small")).toEqual(["sim:fast"]);
  });

  it("drops candidates whose key is missing", () => {
    const registry = registryFor(tiered, { ANTHROPIC_API_KEY: "k" });
    expect(registry.resolve("tier:medium")).toEqual(["anthropic:claude-haiku-4-5", "sim:default"]);
  });

  it("gives an explicit provider:model as itself", () => {
    const registry = registryFor(tiered, { OPENAI_API_KEY: "k" });
    expect(registry.resolve("openai:gpt-5")).toEqual(["openai:gpt-5"]);
    expect(registry.resolve("sim:default@2026-06")).toEqual(["sim:default@2026-06"]);
  });

  it("follows the default, which may be a tier or a model", () => {
    expect(registryFor(tiered, {}).resolve()).toEqual(["sim:default"]);
    expect(registryFor({ default: "sim:fast" }).resolve(undefined)).toEqual(["sim:fast"]);
  });

  it("names the configured tiers when a tier is unknown", () => {
    const error = thrown(() => registryFor(tiered).resolve("tier:large"));
    expect(error.code).toBe("MODEL_TIER_UNKNOWN");
    expect(error.message).toBe("Unknown tier 'large'; configured tiers: 'small', 'medium'");
    expect(error.details.knownTiers).toEqual(["small", "medium"]);
  });

  it("rejects an explicit model of an unknown provider or without its key", () => {
    const registry = registryFor(tiered);
    expect(thrown(() => registry.resolve("mistral:large")).code).toBe("MODEL_PROVIDER_UNKNOWN");
    const missing = thrown(() => registry.resolve("anthropic:claude-haiku-4-5"));
    expect(missing.code).toBe("MODEL_PROVIDER_UNAVAILABLE");
    expect(missing.details.missingVariable).toBe("ANTHROPIC_API_KEY");
    expect(thrown(() => registry.resolve("gpt-4.1")).code).toBe("MODEL_ID_INVALID");
  });

  it("fails for a tier none of whose candidates is usable, naming the variable", () => {
    const registry = registryFor({ tiers: { large: ["anthropic:claude-opus-4-1"] } });
    const error = thrown(() => registry.resolve("tier:large"));
    expect(error.code).toBe("MODEL_CONFIG_INVALID");
    expect(error.message).toContain(
      "tier 'large' has no usable model: anthropic:claude-opus-4-1 needs ANTHROPIC_API_KEY",
    );
  });
});

describe("languageModel", () => {
  it("returns the same instance for the same id", () => {
    const registry = registryFor({}, { OPENAI_API_KEY: "k" });
    expect(registry.languageModel("openai:gpt-4.1")).toBe(registry.languageModel("openai:gpt-4.1"));
    expect(registry.languageModel("openai:gpt-4.1").provider).toBe("openai.chat");
    expect(registry.languageModel("openai:gpt-4.1").modelId).toBe("gpt-4.1");
  });

  it("names configured openai-compatible models after their provider", () => {
    const registry = registryFor({
      providers: { vllm: { kind: "openai-compatible", baseURL: "http://127.0.0.1:8000/v1" } },
    });
    expect(registry.languageModel("vllm:qwen3-8b")).toMatchObject({
      provider: "vllm.chat",
      modelId: "qwen3-8b",
    });
  });

  it("refuses tier references: resolve them first", () => {
    expect(thrown(() => registryFor({}).languageModel("tier:small")).code).toBe("MODEL_ID_INVALID");
  });

  it("serves the sim from one provider per registry, keeping the version", async () => {
    const waits: number[] = [];
    const registry = createProviderRegistry({
      models: modelsSchema.parse({ sim: { seed: 3 } }),
      env: {},
      workspaceRoot: process.cwd(),
      sim: {
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    });
    const drifted = registry.languageModel("sim:default@2026-06");
    expect(drifted.provider).toBe("sim");
    expect(drifted.modelId).toBe("default@2026-06");
    const result = await drifted.doGenerate({
      prompt: [{ role: "user", content: [{ type: "text", text: "hello" }] }],
    });
    expect(result.response?.modelId).toContain("2026-06");
    expect(registry.sim()).toBe(registry.sim());
    expect(registry.languageModel("sim:fast")).toBe(registry.sim().languageModel("fast"));
  });

  it("rejects unknown sim families at validation time", () => {
    const error = thrown(() => registryFor({ tiers: { small: ["sim:huge"] } }).assertUsable());
    expect(error.message).toContain(
      "models.tiers.small[0]: sim:huge is no sim model; sim families: default, fast",
    );
  });
});

describe("listModels", () => {
  it("lists what configuredModels lists, plus kind and availability", () => {
    const models = modelsSchema.parse({ ...tiered, default: "openai:gpt-4.1-mini" });
    const registry = createProviderRegistry({
      models,
      env: { OPENAI_API_KEY: "k" },
      workspaceRoot: process.cwd(),
    });
    const listed = registry.listModels();

    expect(
      listed.map(({ id, provider, default: isDefault, tiers }) => ({
        id,
        provider,
        default: isDefault,
        tiers,
      })),
    ).toEqual(configuredModels(models));
    expect(listed.find((model) => model.id === "openai:gpt-4.1-mini")).toMatchObject({
      kind: "openai",
      default: true,
      tiers: ["medium"],
      availability: { ok: true },
    });
    expect(listed.find((model) => model.id === "anthropic:claude-haiku-4-5")?.availability).toMatchObject({
      ok: false,
      missingVariable: "ANTHROPIC_API_KEY",
    });
  });
});
