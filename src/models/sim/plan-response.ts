import type { JSONValue, LanguageModelV3CallOptions, LanguageModelV3FinishReason } from "@ai-sdk/provider";
import { GantryError } from "../../core/index.js";
import { preferredTool, shortenAnswer } from "./apply-version-drift.js";
import { chooseTool, toolArgumentsFor } from "./choose-tool.js";
import type { ConversationFacts } from "./conversation-facts.js";
import { firstMatchingRule } from "./match-rule.js";
import type { ResolvedVersion } from "./model-versions.js";
import { renderTemplate, renderTemplateValue } from "./render-template.js";
import type { ScenarioRule } from "./scenario-schema.js";
import type { SeededRandom } from "./seeded-random.js";
import { synthesiseFromSchema } from "./synthesise-from-schema.js";
import type { TokenCounter } from "./token-counter.js";

/** A tool call the sim will emit; `input` is JSON text, as the V3 spec wants. */
export interface PlannedToolCall {
  toolCallId: string;
  toolName: string;
  input: string;
}

/** Everything one call answers with, decided before any latency or fault is applied. */
export interface ResponsePlan {
  text: string;
  toolCalls: PlannedToolCall[];
  finishReason: LanguageModelV3FinishReason;
  ruleName: string | undefined;
  refused: boolean;
}

/** The inputs a plan depends on; `random` must be this call's own content stream. */
export interface PlanInput {
  options: LanguageModelV3CallOptions;
  facts: ConversationFacts;
  rules: readonly ScenarioRule[];
  version: ResolvedVersion;
  random: SeededRandom;
  tokens: TokenCounter;
}

const skippedToolText =
  'I can answer "{{lastUserText}}" without looking anything up: please share any details you have and I will do my best.';

/** Picks the rule, then applies the version's drift, tool choice, stop sequences and output limit. */
export function planResponse({ options, facts, rules, version, random, tokens }: PlanInput): ResponsePlan {
  const rule = firstMatchingRule(rules, facts);
  if (!rule) {
    throw new GantryError({
      code: "SIM_NO_RULE_MATCHED",
      message: `No sim scenario rule matched the conversation (last user text: ${JSON.stringify(facts.lastUserText.slice(0, 80))})`,
      domain: "MODEL",
      category: "USER",
      details: { lastUserText: facts.lastUserText, step: facts.step },
      hint: "Add a catch-all rule (one without `match`) or set includeDefaultRules: true.",
    });
  }
  // Every call draws the same numbers in the same order, so two versions given the same seed make
  // the same picks and differ only where their behaviour differs.
  const refusalDraw = random.next();
  const toolDraw = random.next();
  const textDraw = random.next();
  const behaviour = version.behaviour;
  const base = { ruleName: rule.name, refused: false };

  if (refusalDraw < behaviour.refusalRate) {
    return {
      ...base,
      text: behaviour.refusalText,
      toolCalls: [],
      finishReason: reason("stop"),
      refused: true,
    };
  }

  const forced = options.toolChoice?.type === "required" || options.toolChoice?.type === "tool";
  let calls = plannedCalls(rule, facts, options);
  calls = calls.map((call) => {
    const swap = preferredTool(behaviour, call.toolName, facts.offeredTools);
    return swap ? { toolName: swap.name, args: toolArgumentsFor(swap, facts.lastUserText) } : call;
  });
  if (calls.length > 0 && !forced && toolDraw >= behaviour.toolCallRate) calls = [];

  const scriptedTexts = rule.reply.text === undefined ? [] : [rule.reply.text].flat();
  let text =
    scriptedTexts.length > 0
      ? renderTemplate(scriptedTexts[Math.floor(textDraw * scriptedTexts.length)]!, facts)
      : "";
  if (facts.responseFormat !== "text" && calls.length === 0) {
    text = JSON.stringify(structuredOutput(rule, facts, text));
  } else {
    if (text === "" && calls.length === 0) {
      text =
        rule.reply.object !== undefined
          ? JSON.stringify(renderTemplateValue(rule.reply.object, facts))
          : renderTemplate(skippedToolText, facts);
    }
    text = shortenAnswer(text, behaviour.answerLengthFactor);
  }
  text = cutAtStopSequence(text, options.stopSequences);

  if (options.maxOutputTokens !== undefined && tokens.count(text) > options.maxOutputTokens) {
    return {
      ...base,
      text: tokens.truncate(text, options.maxOutputTokens),
      toolCalls: [],
      finishReason: reason("length"),
    };
  }
  const toolCalls = calls.map((call) => ({
    toolCallId: `call_${random.hex(24)}`,
    toolName: call.toolName,
    input: JSON.stringify(call.args),
  }));
  return {
    ...base,
    text,
    toolCalls,
    finishReason: toolCalls.length > 0 ? reason("tool-calls") : reason("stop"),
  };
}

interface DraftCall {
  toolName: string;
  args: JSONValue;
}

function plannedCalls(
  rule: ScenarioRule,
  facts: ConversationFacts,
  options: LanguageModelV3CallOptions,
): DraftCall[] {
  if (options.toolChoice?.type === "none") return [];
  const calls: DraftCall[] = (rule.reply.toolCalls ?? []).map((call) => {
    const offered = facts.offeredTools.find((tool) => tool.name === call.name);
    const args =
      call.arguments !== undefined
        ? renderTemplateValue(call.arguments, facts)
        : offered
          ? toolArgumentsFor(offered, facts.lastUserText)
          : {};
    return { toolName: call.name, args };
  });
  if (rule.reply.autoToolCall) {
    const tool = chooseTool(facts.offeredTools, facts.lastUserText);
    if (tool) calls.push({ toolName: tool.name, args: toolArgumentsFor(tool, facts.lastUserText) });
  }
  const choice = options.toolChoice;
  if (choice?.type === "tool" && !calls.some((call) => call.toolName === choice.toolName)) {
    const tool = facts.offeredTools.find((candidate) => candidate.name === choice.toolName);
    return [{ toolName: choice.toolName, args: tool ? toolArgumentsFor(tool, facts.lastUserText) : {} }];
  }
  if (choice?.type === "required" && calls.length === 0) {
    const tool = chooseTool(facts.offeredTools, facts.lastUserText);
    if (tool) return [{ toolName: tool.name, args: toolArgumentsFor(tool, facts.lastUserText) }];
  }
  return calls;
}

// A scripted object wins; else the minimal object valid for the requested schema; else the text wrapped.
function structuredOutput(rule: ScenarioRule, facts: ConversationFacts, text: string): JSONValue {
  if (rule.reply.object !== undefined) return renderTemplateValue(rule.reply.object, facts);
  if (facts.responseFormat === "json-schema") return synthesiseFromSchema(facts.responseSchema);
  return { answer: text };
}

function cutAtStopSequence(text: string, stopSequences: readonly string[] | undefined): string {
  let end = text.length;
  for (const stop of stopSequences ?? []) {
    const index = stop === "" ? -1 : text.indexOf(stop);
    if (index >= 0 && index < end) end = index;
  }
  return text.slice(0, end);
}

function reason(unified: LanguageModelV3FinishReason["unified"]): LanguageModelV3FinishReason {
  const raw = { stop: "stop", length: "length", "tool-calls": "tool_calls" } as Record<string, string>;
  return { unified, raw: raw[unified] };
}
