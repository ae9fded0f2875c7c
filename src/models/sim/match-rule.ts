import type { ConversationFacts } from "./conversation-facts.js";
import type { RuleMatch, ScenarioRule, TextMatcher } from "./scenario-schema.js";

/** True when every condition of `match` holds for the conversation. */
export function ruleMatches(match: RuleMatch, facts: ConversationFacts): boolean {
  if (match.lastUserText !== undefined && !textMatches(match.lastUserText, facts.lastUserText)) return false;
  if (match.system !== undefined && !textMatches(match.system, facts.systemText)) return false;
  if (
    match.toolResults !== undefined &&
    !namesMatch(
      match.toolResults,
      facts.toolResults.map((r) => r.toolName),
    )
  ) {
    return false;
  }
  if (
    match.toolsOffered !== undefined &&
    !namesMatch(
      match.toolsOffered,
      facts.offeredTools.map((t) => t.name),
    )
  ) {
    return false;
  }
  if (match.step !== undefined && !stepMatches(match.step, facts.step)) return false;
  if (match.responseFormat !== undefined && !formatMatches(match.responseFormat, facts.responseFormat))
    return false;
  return true;
}

/** The first rule that matches, in order; undefined when none does. */
export function firstMatchingRule(
  rules: readonly ScenarioRule[],
  facts: ConversationFacts,
): ScenarioRule | undefined {
  return rules.find((rule) => ruleMatches(rule.match, facts));
}

/** Applies one text matcher; a plain string means "contains, ignoring case", a list "contains any". */
export function textMatches(matcher: TextMatcher, text: string): boolean {
  if (typeof matcher === "string") return text.toLowerCase().includes(matcher.toLowerCase());
  if (Array.isArray(matcher))
    return matcher.some((needle) => text.toLowerCase().includes(needle.toLowerCase()));
  const fold = (value: string) => (matcher.caseSensitive ? value : value.toLowerCase());
  if (matcher.contains !== undefined) {
    const needles = Array.isArray(matcher.contains) ? matcher.contains : [matcher.contains];
    if (!needles.some((needle) => fold(text).includes(fold(needle)))) return false;
  }
  if (matcher.equals !== undefined && fold(text.trim()) !== fold(matcher.equals.trim())) return false;
  if (matcher.regex !== undefined) {
    // The `g` and `y` flags make test() stateful across calls; they are dropped so matching stays pure.
    const flags = (matcher.flags ?? (matcher.caseSensitive ? "" : "i")).replace(/[gy]/g, "");
    if (!new RegExp(matcher.regex, flags).test(text)) return false;
  }
  return true;
}

function namesMatch(expected: boolean | string[], present: string[]): boolean {
  if (typeof expected === "boolean") return expected === present.length > 0;
  return expected.every((name) => present.includes(name));
}

function stepMatches(expected: number | { min?: number; max?: number }, step: number): boolean {
  if (typeof expected === "number") return step === expected;
  return step >= (expected.min ?? 0) && step <= (expected.max ?? Number.POSITIVE_INFINITY);
}

function formatMatches(
  expected: RuleMatch["responseFormat"],
  actual: ConversationFacts["responseFormat"],
): boolean {
  if (expected === "json") return actual !== "text";
  return expected === actual;
}
