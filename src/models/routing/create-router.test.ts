import type { LanguageModelV3Prompt } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { GantryError, type ModelsConfig, modelsSchema } from "../../core/index.js";
import type { ModelCallResult, ModelRequest } from "../model-call-spec.js";
import { createRouter } from "./create-router.js";

const tiers = { small: ["sim:fast"], large: ["sim:default"], long: ["sim:default@2026-06"] };

function config(input: Record<string, unknown> = {}): ModelsConfig {
  return modelsSchema.parse({ tiers, ...input });
}

/** Candidates that name what was asked, so the tests see exactly what the router resolved. */
const resolveCandidates = (modelOrTier: string | undefined) => [`resolved(${modelOrTier ?? "default"})`];

function ask(text: string, extra: Partial<ModelRequest> = {}): ModelRequest {
  const prompt: LanguageModelV3Prompt = [
    { role: "system", content: "You are a support agent. refund" },
    { role: "user", content: [{ type: "text", text }] },
  ];
  return { prompt, ...extra };
}

/** A token counter that counts words, so thresholds are easy to reason about. */
const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;

function answer(text: string): ModelCallResult {
  return {
    modelId: "sim:fast",
    content: [{ type: "text", text }],
    finishReason: { unified: "stop", raw: "stop" },
    usage: { input: 1, cacheRead: 0, cacheWrite: 0, cacheWrite1h: 0, output: 1, reasoning: 0 },
    cost: { micros: 1, source: "computed" },
    attempts: [],
    route: { reason: "default", candidates: [] },
    cached: false,
  };
}

describe("createRouter: explicit ids", () => {
  const router = createRouter({
    models: config({ routing: { rules: [{ taskProfile: "triage", tier: "small" }] } }),
    resolveCandidates,
  });

  it("routes a provider:model id as explicit, ignoring task-profile rules", async () => {
    expect(await router.route(ask("hi", { model: "openai:gpt-4o", taskProfile: "triage" }))).toEqual({
      reason: "explicit",
      candidates: ["resolved(openai:gpt-4o)"],
    });
  });

  it("routes tier:x to that tier", async () => {
    expect(await router.route(ask("hi", { model: "tier:large", taskProfile: "triage" }))).toEqual({
      reason: "tier",
      tier: "large",
      candidates: ["resolved(tier:large)"],
    });
  });

  it("routes an omitted model and route:auto alike", async () => {
    const omitted = await router.route(ask("hi", { taskProfile: "triage" }));
    const auto = await router.route(ask("hi", { model: "route:auto", taskProfile: "triage" }));
    expect(omitted).toEqual({ reason: "rule", tier: "small", candidates: ["resolved(tier:small)"] });
    expect(auto).toEqual(omitted);
  });
});

describe("createRouter: rules, content and classifier", () => {
  it("takes the first task-profile rule that matches", async () => {
    const router = createRouter({
      models: config({
        routing: {
          rules: [
            { taskProfile: "summary", tier: "long" },
            { taskProfile: "triage", tier: "small" },
            { taskProfile: "triage", tier: "large" },
          ],
        },
      }),
      resolveCandidates,
    });
    expect(await router.route(ask("hi", { taskProfile: "triage" }))).toMatchObject({
      reason: "rule",
      tier: "small",
    });
    expect(await router.route(ask("hi", { taskProfile: "unknown" }))).toEqual({
      reason: "default",
      candidates: ["resolved(default)"],
    });
  });

  it("matches contains (any, ignoring case) and regex on the user text only", async () => {
    const router = createRouter({
      models: config({
        routing: {
          content: [
            { contains: ["invoice", "REFUND"], tier: "large" },
            { regex: "^translate\\b", tier: "small" },
          ],
        },
      }),
      resolveCandidates,
    });
    expect(await router.route(ask("I want a Refund now"))).toMatchObject({
      reason: "content",
      tier: "large",
    });
    expect(await router.route(ask("Translate this please"))).toMatchObject({
      reason: "content",
      tier: "small",
    });
    // The system prompt says "refund" too, but only user text counts.
    expect(await router.route(ask("hello there"))).toMatchObject({ reason: "default" });
  });

  it("reads every user message, not only the last", async () => {
    const router = createRouter({
      models: config({ routing: { content: [{ contains: ["refund"], tier: "large" }] } }),
      resolveCandidates,
    });
    const request: ModelRequest = {
      prompt: [
        { role: "user", content: [{ type: "text", text: "my refund is late" }] },
        { role: "assistant", content: [{ type: "text", text: "Sorry to hear." }] },
        { role: "user", content: [{ type: "text", text: "any news?" }] },
      ],
    };
    expect(await router.route(request)).toMatchObject({ reason: "content", tier: "large" });
  });

  it("applies min/maxInputTokens inclusively on the whole prompt's token count", async () => {
    const counted: string[] = [];
    const router = createRouter({
      models: config({
        routing: {
          content: [
            { maxInputTokens: 10, tier: "small" },
            { minInputTokens: 11, maxInputTokens: 20, tier: "large" },
            { minInputTokens: 21, tier: "long" },
          ],
        },
      }),
      resolveCandidates,
      countTokens: (text) => {
        counted.push(text);
        return countWords(text);
      },
    });
    // The whole prompt renders as "system: You are a support agent. refund" (7 words) and
    // "user: <text>" (1 + n words), so a user text of n words counts 8 + n tokens.
    const words = (count: number) => Array.from({ length: count }, () => "word").join(" ");
    expect(await router.route(ask(words(2)))).toMatchObject({ reason: "content", tier: "small" });
    expect(counted[0]).toContain("system: You are a support agent.");
    expect(await router.route(ask(words(3)))).toMatchObject({ tier: "large" });
    expect(await router.route(ask(words(12)))).toMatchObject({ tier: "large" });
    expect(await router.route(ask(words(13)))).toMatchObject({ tier: "long" });
  });

  it("requires every condition of a content rule to hold", async () => {
    const router = createRouter({
      models: config({ routing: { content: [{ contains: ["refund"], maxInputTokens: 10, tier: "small" }] } }),
      resolveCandidates,
      countTokens: countWords,
    });
    expect(await router.route(ask("refund"))).toMatchObject({ reason: "content", tier: "small" });
    expect(await router.route(ask("refund please, it has been a very long wait"))).toMatchObject({
      reason: "default",
    });
  });

  it("counts tokens only when a rule or the classifier needs them", async () => {
    let calls = 0;
    const router = createRouter({
      models: config({ routing: { content: [{ contains: ["refund"], tier: "small" }] } }),
      resolveCandidates,
      countTokens: () => {
        calls += 1;
        return 0;
      },
    });
    await router.route(ask("refund"));
    await router.route(ask("nothing"));
    expect(calls).toBe(0);
  });

  it("asks the classifier when no rule matched, with the user text and token count", async () => {
    const seen: { text: string; inputTokens: number }[] = [];
    const router = createRouter({
      models: config({
        routing: {
          content: [{ contains: ["refund"], tier: "large" }],
          classifier: (input: { text: string; inputTokens: number }) => {
            seen.push(input);
            return input.text.includes("poem") ? "long" : undefined;
          },
        },
      }),
      resolveCandidates,
      countTokens: countWords,
    });
    expect(await router.route(ask("refund"))).toMatchObject({ reason: "content" });
    expect(seen).toEqual([]);
    expect(await router.route(ask("write a poem"))).toEqual({
      reason: "classifier",
      tier: "long",
      candidates: ["resolved(tier:long)"],
    });
    expect(seen).toEqual([{ text: "write a poem", inputTokens: 11 }]);
    expect(await router.route(ask("hello"))).toMatchObject({ reason: "default" });
  });

  it("uses the real o200k_base counter when none is given", async () => {
    const router = createRouter({
      models: config({ routing: { content: [{ minInputTokens: 50, tier: "large" }] } }),
      resolveCandidates,
    });
    expect(await router.route(ask("short"))).toMatchObject({ reason: "default" });
    expect(await router.route(ask("many words ".repeat(40)))).toMatchObject({
      reason: "content",
      tier: "large",
    });
  });

  it("rejects a classifier answer that is not a tier, and wraps a classifier that throws", async () => {
    const naming = createRouter({
      models: config({ routing: { classifier: () => "huge" } }),
      resolveCandidates,
      countTokens: countWords,
    });
    const unknown = await naming.route(ask("hi")).catch((error: unknown) => error);
    expect(GantryError.isInstance(unknown) && unknown.code).toBe("MODEL_ROUTE_TIER_UNKNOWN");
    expect(GantryError.isInstance(unknown) && unknown.details.path).toBe("models.routing.classifier");
    const throwing = createRouter({
      models: config({
        routing: {
          classifier: () => {
            throw new Error("boom");
          },
        },
      }),
      resolveCandidates,
      countTokens: countWords,
    });
    const failed = await throwing.route(ask("hi")).catch((error: unknown) => error);
    expect(GantryError.isInstance(failed) && failed.code).toBe("MODEL_ROUTE_CLASSIFIER_FAILED");
  });

  it("gives precedence rule > content > classifier", async () => {
    const router = createRouter({
      models: config({
        routing: {
          rules: [{ taskProfile: "triage", tier: "small" }],
          content: [{ contains: ["refund"], tier: "large" }],
          classifier: () => "long",
        },
      }),
      resolveCandidates,
      countTokens: countWords,
    });
    expect(await router.route(ask("refund", { taskProfile: "triage" }))).toMatchObject({
      reason: "rule",
      tier: "small",
    });
    expect(await router.route(ask("refund", { taskProfile: "other" }))).toMatchObject({
      reason: "content",
      tier: "large",
    });
    expect(await router.route(ask("hello"))).toMatchObject({ reason: "classifier", tier: "long" });
  });

  it("reports a tier default with its tier, and a model default without one", async () => {
    const tierDefault = createRouter({ models: config({ default: "tier:large" }), resolveCandidates });
    expect(await tierDefault.route(ask("hi"))).toEqual({
      reason: "default",
      tier: "large",
      candidates: ["resolved(default)"],
    });
    const modelDefault = createRouter({ models: config(), resolveCandidates });
    expect(await modelDefault.route(ask("hi"))).toEqual({
      reason: "default",
      candidates: ["resolved(default)"],
    });
  });
});

describe("createRouter: cascades", () => {
  const cascade = [{ name: "cheap-first", from: "small", to: "large", validator: "json" }];

  it("cascades a request whose chosen tier is a cascade's from", async () => {
    const router = createRouter({
      models: config({ routing: { rules: [{ taskProfile: "extract", tier: "small" }], cascade } }),
      resolveCandidates,
    });
    const decision = await router.route(ask("hi", { taskProfile: "extract" }));
    expect(decision).toMatchObject({
      reason: "cascade",
      cascade: "cheap-first",
      tier: "small",
      candidates: ["resolved(tier:small)"],
      escalateCandidates: ["resolved(tier:large)"],
    });
    expect(await decision.validate?.(answer('{"ok":true}'))).toBe(true);
    expect(await decision.validate?.(answer("Sure! Here it is: {ok}"))).toBe(false);
  });

  it("cascades from the default tier when nothing else chose one", async () => {
    const router = createRouter({
      models: config({ default: "tier:small", routing: { cascade } }),
      resolveCandidates,
    });
    expect(await router.route(ask("hi"))).toMatchObject({
      reason: "cascade",
      cascade: "cheap-first",
      tier: "small",
    });
  });

  it("does not cascade an explicit tier, a model, or a tier no cascade starts from", async () => {
    const router = createRouter({
      models: config({ routing: { rules: [{ taskProfile: "t", tier: "large" }], cascade } }),
      resolveCandidates,
    });
    expect(await router.route(ask("hi", { model: "tier:small" }))).toMatchObject({ reason: "tier" });
    expect(await router.route(ask("hi", { model: "sim:fast" }))).toMatchObject({ reason: "explicit" });
    expect(await router.route(ask("hi", { taskProfile: "t" }))).toMatchObject({
      reason: "rule",
      tier: "large",
    });
  });

  it("runs a cascade the request names as cascade:<name>, and refuses an unknown one", async () => {
    const router = createRouter({ models: config({ routing: { cascade } }), resolveCandidates });
    expect(await router.route(ask("hi", { model: "cascade:cheap-first" }))).toMatchObject({
      reason: "cascade",
      cascade: "cheap-first",
      escalateCandidates: ["resolved(tier:large)"],
    });
    const error = await router.route(ask("hi", { model: "cascade:nope" })).catch((caught: unknown) => caught);
    expect(GantryError.isInstance(error) && error.code).toBe("MODEL_ROUTE_CASCADE_UNKNOWN");
  });

  it("validates the routing config on creation", () => {
    expect(() =>
      createRouter({
        models: config({ routing: { rules: [{ taskProfile: "t", tier: "nope" }] } }),
        resolveCandidates,
      }),
    ).toThrowError(/models\.routing\.rules\[0\]\.tier/);
  });
});
