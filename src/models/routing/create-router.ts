import type { ModelsConfig } from "../../core/index.js";
import type { ModelRequest, RouteDecision } from "../model-call-spec.js";
import { renderPromptText } from "../sim/render-prompt-text.js";
import { loadTokenCounter } from "../sim/token-counter.js";
import { createResultValidator } from "./cascade-validators.js";
import { compileContentRules, contentRuleMatches, needsTokenCount } from "./content-rules.js";
import { promptUserText } from "./prompt-user-text.js";
import { classifierFailedError, unknownCascadeError, unknownTierError } from "./routing-errors.js";
import { validateRouting } from "./validate-routing.js";

export interface RouterOptions {
  models: ModelsConfig;
  /**
   * Ordered candidate model ids for `provider:model`, `tier:<name>`, or undefined (the configured
   * default). The router always passes tiers as `tier:<name>`.
   */
  resolveCandidates: (modelOrTier: string | undefined) => string[];
  /** Token counter for `min/maxInputTokens` and the classifier; default o200k_base, loaded on first need. */
  countTokens?: (text: string) => number;
}

/** Decides which candidates serve a request, before any model is called. */
export interface Router {
  route(request: ModelRequest): Promise<RouteDecision>;
}

type Cascade = ModelsConfig["routing"]["cascade"][number];

/**
 * The declarative router over `models.routing`. `provider:model` is explicit, `tier:x` is that tier,
 * `cascade:<name>` is that cascade; an omitted model or `route:auto` is routed: task-profile rules,
 * then content rules, then the classifier (first answer wins), then a cascade whose `from` is the
 * chosen tier (or the default tier), else the chosen tier, else the default. Validates the routing
 * config on creation (see `validateRouting`).
 */
export function createRouter(options: RouterOptions): Router {
  const { models, resolveCandidates } = options;
  validateRouting(models);
  const { rules, cascade: cascades, classifier } = models.routing;
  const contentRules = compileContentRules(models.routing.content);
  const countsTokens = needsTokenCount(contentRules) || classifier !== undefined;
  const knownTiers = Object.keys(models.tiers);

  const tierCandidates = (tier: string) => resolveCandidates(`tier:${tier}`);

  function cascadeDecision(cascade: Cascade, request: ModelRequest): RouteDecision {
    return {
      reason: "cascade",
      cascade: cascade.name,
      tier: cascade.from,
      candidates: tierCandidates(cascade.from),
      escalateCandidates: tierCandidates(cascade.to),
      validate: createResultValidator(cascade, request),
    };
  }

  function namedCascade(name: string): Cascade {
    const found = cascades.find((cascade) => cascade.name === name);
    if (found === undefined)
      throw unknownCascadeError(
        name,
        cascades.map((cascade) => cascade.name),
      );
    return found;
  }

  async function tokenCounter(): Promise<(text: string) => number> {
    if (options.countTokens !== undefined) return options.countTokens;
    const counter = await loadTokenCounter();
    return (text) => counter.count(text);
  }

  /** The tier the rules, content rules or classifier pick, with the reason; undefined when none does. */
  async function chooseTier(
    request: ModelRequest,
  ): Promise<{ tier: string; reason: RouteDecision["reason"] } | undefined> {
    if (request.taskProfile !== undefined) {
      const rule = rules.find((candidate) => candidate.taskProfile === request.taskProfile);
      if (rule !== undefined) return { tier: rule.tier, reason: "rule" };
    }
    if (contentRules.length === 0 && classifier === undefined) return undefined;
    const userText = promptUserText(request.prompt);
    const count = countsTokens ? await tokenCounter() : () => 0;
    let inputTokens: number | undefined;
    // Counted at most once, and only when a rule or the classifier reads it.
    const tokens = () => {
      inputTokens ??= count(renderPromptText(request));
      return inputTokens;
    };
    const matched = contentRules.find((rule) => contentRuleMatches(rule, userText, tokens));
    if (matched !== undefined) return { tier: matched.tier, reason: "content" };
    if (classifier === undefined) return undefined;
    let answer: string | undefined;
    try {
      answer = await classifier({ text: userText, inputTokens: tokens() });
    } catch (error) {
      throw classifierFailedError(error);
    }
    if (answer === undefined) return undefined;
    if (!Object.hasOwn(models.tiers, answer))
      throw unknownTierError("models.routing.classifier", answer, knownTiers);
    return { tier: answer, reason: "classifier" };
  }

  return {
    async route(request) {
      const model = request.model;
      if (model?.startsWith("tier:")) {
        return { reason: "tier", tier: model.slice("tier:".length), candidates: resolveCandidates(model) };
      }
      if (model?.startsWith("cascade:"))
        return cascadeDecision(namedCascade(model.slice("cascade:".length)), request);
      if (model !== undefined && model !== "route:auto") {
        return { reason: "explicit", candidates: resolveCandidates(model) };
      }

      const chosen = await chooseTier(request);
      if (chosen === undefined && models.default.startsWith("cascade:")) {
        return cascadeDecision(namedCascade(models.default.slice("cascade:".length)), request);
      }
      const defaultTier = models.default.startsWith("tier:")
        ? models.default.slice("tier:".length)
        : undefined;
      const tier = chosen?.tier ?? defaultTier;
      const cascade = tier === undefined ? undefined : cascades.find((entry) => entry.from === tier);
      if (cascade !== undefined) return cascadeDecision(cascade, request);
      if (chosen !== undefined)
        return { reason: chosen.reason, tier: chosen.tier, candidates: tierCandidates(chosen.tier) };
      return {
        reason: "default",
        ...(defaultTier === undefined ? {} : { tier: defaultTier }),
        candidates: resolveCandidates(undefined),
      };
    },
  };
}
