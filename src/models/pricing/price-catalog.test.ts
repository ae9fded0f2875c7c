import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GantryError } from "../../core/index.js";
import { loadPriceCatalog } from "./price-catalog.js";

const workspace = mkdtempSync(join(tmpdir(), "gantry-prices-"));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

function writePriceFile(name: string, content: unknown): string {
  writeFileSync(join(workspace, name), typeof content === "string" ? content : JSON.stringify(content));
  return name;
}

function thrown(action: () => unknown): GantryError {
  try {
    action();
  } catch (error) {
    if (GantryError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a GantryError");
}

describe("price catalog", () => {
  const bundled = loadPriceCatalog({ workspaceRoot: workspace });

  it("exposes the bundled snapshot version", () => {
    expect(bundled.snapshotVersion).toBe("2026-11-01");
    expect(bundled.snapshotSource.length).toBeGreaterThan(0);
  });

  it("finds Gantry model ids under LiteLLM's names", () => {
    expect(bundled.lookup("openai:gpt-4o")).toMatchObject({
      key: "gpt-4o",
      origin: "bundled",
      version: "2026-11-01",
      entry: {
        input_cost_per_token: 2.5e-6,
        cache_read_input_token_cost: 1.25e-6,
        output_cost_per_token: 1e-5,
      },
    });
    expect(bundled.lookup("anthropic:claude-sonnet-4-5-20250929")?.entry).toMatchObject({
      input_cost_per_token: 3e-6,
      cache_creation_input_token_cost: 3.75e-6,
      cache_creation_input_token_cost_above_1hr: 6e-6,
      cache_read_input_token_cost: 3e-7,
      output_cost_per_token: 1.5e-5,
    });
    expect(bundled.lookup("google:gemini-2.5-pro")?.key).toBe("gemini/gemini-2.5-pro");
    expect(bundled.lookup("gemini:gemini-2.5-flash")?.key).toBe("gemini/gemini-2.5-flash");
    expect(bundled.lookup("xai:grok-3-mini")?.key).toBe("xai/grok-3-mini");
    expect(bundled.lookup("sim:default")?.key).toBe("sim/default");
    expect(bundled.lookup("sim:fast")?.key).toBe("sim/fast");
  });

  it("prices a versioned sim id as its family", () => {
    expect(bundled.lookup("sim:default@2026-06")?.key).toBe("sim/default");
    expect(bundled.lookup("sim:fast@2026-01")?.key).toBe("sim/fast");
  });

  it("leaves unknown models unpriced, and a bare name of another provider unmatched", () => {
    expect(bundled.lookup("anthropic:claude-sonnet-5")).toBeUndefined();
    expect(bundled.lookup("ollama:llama3.2")).toBeUndefined();
    // `gpt-4o` is an OpenAI entry: a call to some other host named gpt-4o is not priced as OpenAI.
    expect(bundled.lookup("groq:gpt-4o")).toBeUndefined();
  });

  it("prices a configured provider of kind openai or anthropic as that provider", () => {
    const catalog = loadPriceCatalog({
      workspaceRoot: workspace,
      providers: { "claude-eu": { kind: "anthropic" }, groq: { kind: "openai-compatible" } },
    });
    expect(catalog.lookup("claude-eu:claude-haiku-4-5")?.key).toBe("claude-haiku-4-5");
    expect(catalog.lookup("groq:gpt-4o")).toBeUndefined();
  });

  it("lists every priced model with its provider, sorted", () => {
    const rows = bundled.list();
    expect(rows.map((row) => row.key)).toEqual(
      [...rows.map((row) => row.key)].sort((a, b) => a.localeCompare(b)),
    );
    expect(rows.find((row) => row.key === "gpt-4o")).toMatchObject({ provider: "openai", origin: "bundled" });
    expect(rows.some((row) => row.key === "gantry_snapshot")).toBe(false);
  });

  it("merges a workspace price file over the bundled one, field by field", () => {
    const file = writePriceFile("prices.json", {
      sample_spec: { max_input_tokens: "prose, as in LiteLLM's own file" },
      "gpt-4o": { input_cost_per_token: 2e-6 },
      "my-finetune": { litellm_provider: "openai", input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 },
    });
    const catalog = loadPriceCatalog({ workspaceRoot: workspace, prices: { file } });
    expect(catalog.lookup("openai:gpt-4o")).toMatchObject({
      origin: "file",
      version: "override",
      entry: { input_cost_per_token: 2e-6, output_cost_per_token: 1e-5 },
    });
    expect(catalog.lookup("openai:my-finetune")?.entry.output_cost_per_token).toBe(2e-6);
    expect(catalog.lookup("anthropic:claude-haiku-4-5")?.origin).toBe("bundled");
  });

  it("applies overrides last: by Gantry id, or by LiteLLM name when the key has no colon", () => {
    const file = writePriceFile("prices-2.json", { "gpt-4o": { input_cost_per_token: 2e-6 } });
    const catalog = loadPriceCatalog({
      workspaceRoot: workspace,
      prices: {
        file,
        overrides: {
          "openai:gpt-4o": { output_cost_per_token: 9e-6 },
          "anthropic:claude-sonnet-5": { input_cost_per_token: 3e-6, output_cost_per_token: 1.5e-5 },
          "sim:default@2026-06": { input_cost_per_token: 2e-7, output_cost_per_token: 8e-7 },
          "gpt-4.1": { input_cost_per_token: 1.9e-6 },
        },
      },
    });
    expect(catalog.lookup("openai:gpt-4o")).toMatchObject({
      key: "openai:gpt-4o",
      origin: "override",
      version: "override",
      entry: {
        input_cost_per_token: 2e-6,
        output_cost_per_token: 9e-6,
        cache_read_input_token_cost: 1.25e-6,
      },
    });
    expect(catalog.lookup("anthropic:claude-sonnet-5")?.entry.input_cost_per_token).toBe(3e-6);
    expect(catalog.lookup("sim:default@2026-06")?.entry.input_cost_per_token).toBe(2e-7);
    expect(catalog.lookup("sim:default")?.entry.input_cost_per_token).toBe(1e-7);
    expect(catalog.lookup("openai:gpt-4.1")).toMatchObject({
      origin: "override",
      entry: { input_cost_per_token: 1.9e-6 },
    });
    expect(catalog.list().find((row) => row.key === "anthropic:claude-sonnet-5")?.origin).toBe("override");
  });

  it("rejects a bad price file naming the file, the model and the field", () => {
    const file = writePriceFile("bad.json", {
      "gpt-4o": { input_cost_per_token: "2.5e-6" },
      o3: { output_cost_per_token: -1 },
    });
    const error = thrown(() => loadPriceCatalog({ workspaceRoot: workspace, prices: { file } }));
    expect(error.code).toBe("PRICE_FILE_INVALID");
    expect(error.category).toBe("USER");
    expect(error.message).toContain("bad.json");
    expect(error.message).toContain('"gpt-4o".input_cost_per_token');
    expect(error.message).toContain('"o3".output_cost_per_token');
    expect(error.details.problems).toEqual([
      expect.objectContaining({ model: "gpt-4o", field: "input_cost_per_token" }),
      expect.objectContaining({ model: "o3", field: "output_cost_per_token" }),
    ]);
    expect(error.hint).toMatch(/LiteLLM/);
  });

  it("rejects a file that is not JSON, not an object, or missing", () => {
    const notJson = writePriceFile("broken.json", "{ not json");
    expect(thrown(() => loadPriceCatalog({ workspaceRoot: workspace, prices: { file: notJson } })).code).toBe(
      "PRICE_FILE_INVALID",
    );
    const array = writePriceFile("array.json", [1, 2]);
    expect(
      thrown(() => loadPriceCatalog({ workspaceRoot: workspace, prices: { file: array } })).message,
    ).toContain("array.json");
    const missing = thrown(() =>
      loadPriceCatalog({ workspaceRoot: workspace, prices: { file: "nope.json" } }),
    );
    expect(missing.code).toBe("PRICE_FILE_NOT_FOUND");
    expect(missing.message).toContain("nope.json");
  });

  it("rejects a bad override naming the model and the field", () => {
    const error = thrown(() =>
      loadPriceCatalog({
        workspaceRoot: workspace,
        prices: { overrides: { "openai:gpt-4o": { cache_read_input_token_cost: "cheap" } } },
      }),
    );
    expect(error.code).toBe("PRICE_OVERRIDE_INVALID");
    expect(error.message).toContain('"openai:gpt-4o".cache_read_input_token_cost');
  });
});
