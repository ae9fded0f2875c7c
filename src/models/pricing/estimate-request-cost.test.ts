import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { configSchema, type GantryConfigInput } from "../../core/index.js";
import { createModelAccess } from "../create-model-access.js";
import type { ModelRequest } from "../model-call-spec.js";
import { loadTokenCounter } from "../sim/token-counter.js";

const root = mkdtempSync(join(tmpdir(), "gantry-estimate-request-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function access(config: GantryConfigInput, defaultMaxOutputTokens?: number) {
  return createModelAccess({
    workspace: { root, configFile: undefined, config: configSchema.parse(config) },
    env: {},
    ...(defaultMaxOutputTokens === undefined ? {} : { defaultMaxOutputTokens }),
  });
}

const text = "Where is my refund for order 1234?";
const request = (extra: Partial<ModelRequest> = {}): ModelRequest => ({
  prompt: [{ role: "user", content: [{ type: "text", text }] }],
  ...extra,
});

describe("ModelAccess.estimateCost", async () => {
  const counter = await loadTokenCounter();
  const promptTokens = counter.count(`user: ${text}`);
  // sim:default 0.1 / 0.4 µ$ per token, sim:fast 0.05 / 0.2 (bundled, made up).
  const onDefault = (output: number) => Math.ceil(promptTokens * 0.1 + output * 0.4);
  const onFast = (output: number) => Math.ceil(promptTokens * 0.05 + output * 0.2);

  const models = {
    default: "sim:default",
    tiers: { small: ["sim:fast"], mixed: ["sim:fast", "sim:default"] },
    routing: {
      cascade: [{ name: "small-then-mixed", from: "small", to: "mixed", validator: "json" as const }],
    },
  };

  it("reserves the request's maxOutputTokens, else budgets.defaultMaxOutputTokens, else the option", async () => {
    const fromConfig = await access({ models, budgets: { defaultMaxOutputTokens: 1000 } });
    expect(await fromConfig.estimateCost(request({ maxOutputTokens: 200 }))).toBe(onDefault(200));
    expect(await fromConfig.estimateCost(request())).toBe(onDefault(1000));
    const fromOption = await access({ models }, 50);
    expect(await fromOption.estimateCost(request())).toBe(onDefault(50));
    const fallback = await access({ models });
    expect(await fallback.estimateCost(request())).toBe(onDefault(4096));
  });

  it("prices a tier at its dearest candidate and a cascade as both of its calls", async () => {
    const routed = await access({ models });
    expect(await routed.estimateCost(request({ model: "tier:small", maxOutputTokens: 100 }))).toBe(
      onFast(100),
    );
    expect(await routed.estimateCost(request({ model: "tier:mixed", maxOutputTokens: 100 }))).toBe(
      onDefault(100),
    );
    expect(
      await routed.estimateCost(request({ model: "cascade:small-then-mixed", maxOutputTokens: 100 })),
    ).toBe(onFast(100) + onDefault(100));
  });

  it("is null for an unpriced model", async () => {
    const unpriced = await access({
      models: {
        default: "local:llama",
        providers: { local: { kind: "openai-compatible", baseURL: "http://127.0.0.1:9/v1" } },
      },
    });
    expect(await unpriced.estimateCost(request())).toBeNull();
  });
});
