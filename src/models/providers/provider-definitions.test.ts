import { describe, expect, it } from "vitest";
import { modelsSchema } from "../../core/index.js";
import { providerDefinitions, readEnv } from "./provider-definitions.js";

const definitionsFor = (models: unknown, env: Record<string, string | undefined> = {}) =>
  providerDefinitions(modelsSchema.parse(models), env);

describe("providerDefinitions", () => {
  it("has openai, anthropic, ollama and sim without any config", () => {
    const definitions = definitionsFor({});
    expect([...definitions.keys()].sort()).toEqual(["anthropic", "ollama", "openai", "sim"]);
    expect(definitions.get("openai")).toMatchObject({
      kind: "openai",
      apiKeyEnv: "OPENAI_API_KEY",
      baseURL: "https://api.openai.com/v1",
      requiresKey: true,
      builtIn: true,
      configured: false,
    });
    expect(definitions.get("anthropic")).toMatchObject({ kind: "anthropic", apiKeyEnv: "ANTHROPIC_API_KEY" });
    expect(definitions.get("ollama")).toMatchObject({
      kind: "openai-compatible",
      baseURL: "http://127.0.0.1:11434/v1",
      requiresKey: false,
      apiKeyEnv: undefined,
    });
    expect(definitions.get("sim")).toMatchObject({ kind: "sim", requiresKey: false, apiKeyEnv: undefined });
  });

  it("takes base URLs from the usual env vars", () => {
    const definitions = definitionsFor(
      {},
      {
        OPENAI_BASE_URL: "http://127.0.0.1:1/v1",
        OLLAMA_BASE_URL: "http://127.0.0.1:2/v1",
        ANTHROPIC_BASE_URL: "",
      },
    );
    expect(definitions.get("openai")).toMatchObject({
      baseURL: "http://127.0.0.1:1/v1",
      baseURLSource: "OPENAI_BASE_URL",
    });
    expect(definitions.get("ollama")?.baseURL).toBe("http://127.0.0.1:2/v1");
    // An empty variable counts as unset.
    expect(definitions.get("anthropic")?.baseURL).toBe("https://api.anthropic.com/v1");
  });

  it("lets a configured entry override a built-in while keeping its env conventions; config beats env", () => {
    const definitions = definitionsFor(
      {
        providers: { openai: { kind: "openai", baseURL: "http://127.0.0.1:3/v1", headers: { "x-a": "b" } } },
      },
      { OPENAI_BASE_URL: "http://127.0.0.1:1/v1" },
    );
    expect(definitions.get("openai")).toMatchObject({
      baseURL: "http://127.0.0.1:3/v1",
      baseURLSource: "models.providers.openai.baseURL",
      apiKeyEnv: "OPENAI_API_KEY",
      headers: { "x-a": "b" },
      builtIn: true,
      configured: true,
    });
  });

  it("adds configured openai-compatible providers: a key variable makes the key required", () => {
    const definitions = definitionsFor({
      providers: {
        groq: {
          kind: "openai-compatible",
          baseURL: "https://api.groq.com/openai/v1",
          apiKeyEnv: "GROQ_API_KEY",
        },
        vllm: { kind: "openai-compatible", baseURL: "http://127.0.0.1:8000/v1" },
        "my-proxy": { kind: "openai-compatible", baseURL: "http://127.0.0.1:9/v1", requiresKey: true },
      },
    });
    expect(definitions.get("groq")).toMatchObject({
      apiKeyEnv: "GROQ_API_KEY",
      requiresKey: true,
      builtIn: false,
    });
    expect(definitions.get("vllm")).toMatchObject({ apiKeyEnv: undefined, requiresKey: false });
    expect(definitions.get("my-proxy")).toMatchObject({ apiKeyEnv: "MY_PROXY_API_KEY", requiresKey: true });
  });

  it("gives a configured openai-kind provider under another name the OpenAI key but not OPENAI_BASE_URL", () => {
    const definitions = definitionsFor(
      {
        providers: {
          azure: { kind: "openai", baseURL: "https://example.invalid/openai/v1", apiKeyEnv: "AZURE_KEY" },
        },
      },
      { OPENAI_BASE_URL: "http://127.0.0.1:1/v1" },
    );
    expect(definitions.get("azure")).toMatchObject({
      baseURL: "https://example.invalid/openai/v1",
      apiKeyEnv: "AZURE_KEY",
    });
  });
});

describe("readEnv", () => {
  it("treats blank values as unset", () => {
    expect(readEnv({ A: " ", B: "x" }, "A")).toBeUndefined();
    expect(readEnv({ A: " ", B: "x" }, "B")).toBe("x");
    expect(readEnv({}, undefined)).toBeUndefined();
  });
});
