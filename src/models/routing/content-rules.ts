import type { RoutingConfig } from "../../core/index.js";
import { compileRoutingRegex } from "./validate-routing.js";

/** A content rule ready to test: lower-cased needles and a compiled regex. */
export interface CompiledContentRule {
  index: number;
  tier: string;
  needles: string[] | undefined;
  regex: RegExp | undefined;
  minInputTokens: number | undefined;
  maxInputTokens: number | undefined;
}

/** Compiles `models.routing.content` once, at router creation. */
export function compileContentRules(rules: RoutingConfig["content"]): CompiledContentRule[] {
  return rules.map((rule, index) => ({
    index,
    tier: rule.tier,
    needles: rule.contains?.map((needle) => needle.toLowerCase()),
    regex:
      rule.regex === undefined
        ? undefined
        : compileRoutingRegex(rule.regex, `models.routing.content[${index}].regex`),
    minInputTokens: rule.minInputTokens,
    maxInputTokens: rule.maxInputTokens,
  }));
}

/** True when any rule needs the prompt's token count (so it is counted only then). */
export function needsTokenCount(rules: CompiledContentRule[]): boolean {
  return rules.some((rule) => rule.minInputTokens !== undefined || rule.maxInputTokens !== undefined);
}

/**
 * Whether every condition a rule gives holds: `contains` (any needle, ignoring case) and `regex` on the
 * user text, `minInputTokens`/`maxInputTokens` (inclusive) on the whole prompt. A rule with no
 * conditions always matches, which makes a last rule a catch-all.
 */
export function contentRuleMatches(
  rule: CompiledContentRule,
  userText: string,
  inputTokens: () => number,
): boolean {
  if (rule.needles !== undefined) {
    const haystack = userText.toLowerCase();
    if (!rule.needles.some((needle) => haystack.includes(needle))) return false;
  }
  if (rule.regex !== undefined && !rule.regex.test(userText)) return false;
  if (rule.minInputTokens !== undefined && inputTokens() < rule.minInputTokens) return false;
  if (rule.maxInputTokens !== undefined && inputTokens() > rule.maxInputTokens) return false;
  return true;
}
